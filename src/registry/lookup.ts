/**
 * Reads that must find what they look for: a missing model, version or alias is a {@link NotFoundError} that names
 * it and, for an alias, lists the ones that exist.
 */
import { NotFoundError } from '../errors.js';
import type { RegistryStore } from './store.js';
import type { AliasState, ModelVersion, Revisioned } from './types.js';

/** The alias, with its revision for a compare-and-swap write. */
export async function aliasOrFail(store: RegistryStore, name: string, alias: string): Promise<Revisioned<AliasState>> {
  const state = await store.getAlias(name, alias);
  if (state !== undefined) return state;
  const known = (await store.listAliases(name)).map((a) => a.alias);
  throw new NotFoundError(
    `${name} has no alias "${alias}" in ${store.description}` +
      (known.length === 0 ? '.' : `; its aliases are: ${known.join(', ')}.`),
    { resource: { kind: 'registry alias', name: `${name}@${alias}` } },
  );
}

/**
 * The version record.
 * @param context - what pointed at it, when something did: `production pointed to version`.
 */
export async function versionOrFail(
  store: RegistryStore,
  name: string,
  version: string,
  context?: string,
): Promise<ModelVersion> {
  const record = await store.getVersion(name, version);
  if (record !== undefined) return record;
  const what = context === undefined ? `${name} has no version ${version}` : `${context} ${version}, which is gone`;
  throw new NotFoundError(`${what} in ${store.description}.`, {
    resource: { kind: 'registry version', name: `${name}@${version}` },
  });
}

/** Fails unless a model of that name is registered. */
export async function modelOrFail(store: RegistryStore, name: string): Promise<void> {
  if ((await store.listNames()).includes(name)) return;
  throw new NotFoundError(`No model named ${name} is registered in ${store.description}.`, {
    resource: { kind: 'registered model', name },
  });
}
