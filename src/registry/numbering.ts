/**
 * Registry-assigned version numbers: the next number is the highest numbered version + 1, and when a concurrent
 * writer takes that number first (the store's exclusive create reports a conflict) the next one is tried. Numbers
 * therefore grow per name and are never shared, without any lock around the whole registration.
 */
import { AbortedError, ConflictError } from '../errors.js';
import { versionContent } from './content.js';
import { isNumericVersion } from './names.js';
import type { RegistryStore } from './store.js';
import type { ModelVersion } from './types.js';

/** How many numbers one registration tries before giving up: far more than any realistic number of racers. */
export const MAX_NUMBERING_ATTEMPTS = 1000;

/** The number after the highest numbered version in `versions` (semvers do not count); `1` when there is none. */
export function nextVersionNumber(versions: readonly string[]): number {
  let max = 0;
  for (const version of versions) if (isNumericVersion(version)) max = Math.max(max, Number(version));
  return max + 1;
}

/**
 * Writes `record` under the next free number.
 * @throws {@link ConflictError} (retryable) after {@link MAX_NUMBERING_ATTEMPTS} numbers were all taken.
 */
export async function createNumberedVersion(
  store: RegistryStore,
  record: Omit<ModelVersion, 'version'>,
  signal?: AbortSignal,
): Promise<ModelVersion> {
  let number = nextVersionNumber(await store.listVersions(record.name));
  for (let attempt = 0; attempt < MAX_NUMBERING_ATTEMPTS; attempt++) {
    if (signal?.aborted) throw new AbortedError(`Registering ${record.name} was aborted through its AbortSignal.`);
    const version: ModelVersion = { ...record, version: String(number) };
    try {
      const outcome = await store.createVersion(version);
      if (outcome === 'created' || (await isOurs(store, version))) return version;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
    // Taken. Others may have taken the numbers after it too: jump past everything there is now, rather than
    // trying them one by one (with many racers that would cost each one a failed write per racer).
    number = Math.max(number + 1, nextVersionNumber(await store.listVersions(record.name)));
  }
  throw new ConflictError(
    `Could not number a new version of ${record.name}: ${MAX_NUMBERING_ATTEMPTS} numbers in a row were taken by ` +
      'other writers. Try again, or give the version explicitly.',
    { retryable: true },
  );
}

// `unchanged` for a number we picked means the number holds the same content. It is our own write when even the time
// and author match (a store that retried a request whose success it did not see); otherwise another registration
// of the same model took the number, and an unnumbered registration always makes a new version.
async function isOurs(store: RegistryStore, version: ModelVersion): Promise<boolean> {
  const existing = await store.getVersion(version.name, version.version);
  return (
    existing !== undefined &&
    versionContent(existing) === versionContent(version) &&
    existing.createdAt === version.createdAt &&
    existing.createdBy === version.createdBy
  );
}
