/**
 * Aliases of the SageMaker registry store. They are not kept on the model package group: SageMaker's tags and
 * customer metadata properties have no compare-and-swap, so two promotions at once would both "win" and the alias
 * history would lose one. They are JSON objects in S3 instead, `<prefix>/aliases/<name>/<alias>.json`, created with
 * `If-None-Match: *` and replaced with `If-Match: <ETag>`: the ETag is the alias's revision, and of two writers
 * holding the same revision S3 lets one through and refuses the other (a {@link ConflictError}).
 */
import { IntegrityError } from '../../../errors.js';
import type { AliasState, Revisioned } from '../../types.js';
import { canonicalJson } from './canonical.js';
import { checkAliasName, keys, type ResolvedOptions } from './options.js';
import type { S3Objects } from './s3-objects.js';

/** Reads and writes alias records. */
export class AliasRecords {
  readonly #objects: S3Objects;
  readonly #options: ResolvedOptions;

  constructor(objects: S3Objects, options: ResolvedOptions) {
    this.#objects = objects;
    this.#options = options;
  }

  async get(name: string, alias: string): Promise<Revisioned<AliasState> | undefined> {
    checkAliasName(alias);
    const key = keys.alias(this.#options, name, alias);
    const found = await this.#objects.get(key);
    if (found === undefined) return undefined;
    return { value: parseAlias(found.body, this.#objects.uri(key), name, alias), revision: found.etag };
  }

  /** Writes `state` if its record is still at `expectedRevision` (absent for `undefined`); returns the new one. */
  put(state: AliasState, expectedRevision: string | undefined): Promise<string> {
    checkAliasName(state.alias);
    const key = keys.alias(this.#options, state.name, state.alias);
    return this.#objects.put(
      key,
      canonicalJson(state),
      expectedRevision === undefined ? { ifNoneMatch: '*' } : { ifMatch: expectedRevision },
    );
  }

  async list(name: string): Promise<AliasState[]> {
    const folder = keys.aliases(this.#options, name);
    const aliases = (await this.#objects.list(folder))
      .map((key) => key.slice(folder.length))
      .filter((file) => file.endsWith('.json') && !file.includes('/'))
      .map((file) => file.slice(0, -'.json'.length));
    const states = await Promise.all(aliases.map((alias) => this.get(name, alias)));
    // An alias deleted between the listing and the read is simply no longer there.
    return states.flatMap((state) => (state === undefined ? [] : [state.value]));
  }
}

/**
 * Parses an alias record.
 * @throws {@link IntegrityError} naming the object when it is not JSON or not the record of this alias.
 */
function parseAlias(body: Uint8Array, uri: string, name: string, alias: string): AliasState {
  let state: Partial<AliasState> | null;
  try {
    state = JSON.parse(Buffer.from(body).toString('utf8')) as Partial<AliasState> | null;
  } catch (error) {
    throw corrupt(uri, 'it is not valid JSON', error);
  }
  const history = state?.history;
  const wellFormed =
    typeof state?.version === 'string' &&
    Array.isArray(history) &&
    history.length > 0 &&
    history.every((change) => typeof change?.version === 'string' && typeof change.at === 'string');
  if (!wellFormed) throw corrupt(uri, 'it is not an alias record (version and a history of changes)');
  if (state?.name !== name || state.alias !== alias) {
    throw corrupt(uri, `it is the record of ${String(state?.name)}@${String(state?.alias)}, not of ${name}@${alias}`);
  }
  return state as AliasState;
}

function corrupt(uri: string, why: string, cause?: unknown): IntegrityError {
  return new IntegrityError(
    `The alias record ${uri} cannot be read: ${why}. modelship does not overwrite a damaged record: fix or delete ` +
      'the object, then set the alias again.',
    uri,
    cause === undefined ? {} : { cause },
  );
}
