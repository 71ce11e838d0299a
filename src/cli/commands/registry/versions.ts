/**
 * Reading a model's versions for the `list` command: every page of `Registry.list`, newest first, each with the
 * aliases that point at it and its approval (which the version record does not hold).
 */
import { mapLimit } from '../../../registry/map-limit.js';
import type { Registry } from '../../../registry/registry.js';
import type { ApprovalStatus, ModelVersion } from '../../../registry/types.js';
import { aliasesOf } from './describe.js';

/** A version as `registry list` shows it. */
export type ListedVersion = ModelVersion & {
  /** The aliases pointing at it now. */
  readonly aliases: readonly string[];
  readonly approval: ApprovalStatus;
};

/**
 * Every version of `name`, newest first, read `pageSize` at a time.
 * @throws {@link NotFoundError} when the model was never registered.
 */
export async function listVersions(registry: Registry, name: string, pageSize = 1000): Promise<ListedVersion[]> {
  const versions: ModelVersion[] = [];
  let cursor: string | undefined;
  do {
    const page = await registry.list(name, { limit: pageSize, ...(cursor === undefined ? {} : { cursor }) });
    versions.push(...page.versions);
    cursor = page.cursor;
  } while (cursor !== undefined);
  const aliases = await registry.aliases(name);
  // The versions were just listed, so the store is asked directly: Registry.approval would read each one again.
  const approvals = await mapLimit(versions, (v) => registry.store.getApproval(name, v.version));
  return versions
    .map((version, index) => ({
      ...version,
      aliases: aliasesOf(aliases, version.version),
      approval: approvals[index] ?? 'pending',
    }))
    .reverse();
}
