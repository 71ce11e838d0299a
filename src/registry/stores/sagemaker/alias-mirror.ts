/**
 * The alias mirror: each version's aliases shown on its model package as the customer metadata property
 * `modelship:aliases` (`production staging`), so that people browsing the Model Registry in SageMaker Studio see
 * which version is where. The S3 alias records are the truth and are written first; the mirror is recomputed from
 * them after each move. It is a view that may lag (a failed or raced update leaves it stale until the next move), so
 * its failures never fail the alias move that already happened: they are reported as a process warning
 * (`MODELSHIP_ALIAS_MIRROR`).
 */

import type { AliasRecords } from './aliases.js';
import type { ModelPackages } from './model-packages.js';
import { MAX_PROPERTY_VALUE, PROPERTY } from './record-codec.js';
import type { VersionIndex } from './version-index.js';

/** What the mirror reads and writes. */
export interface AliasMirrorParts {
  readonly packages: ModelPackages;
  readonly index: VersionIndex;
  readonly aliases: AliasRecords;
}

/**
 * Sets `modelship:aliases` on the packages of `versions` (the version an alias moved to and the one it left) from
 * the alias records of `name`. Never throws.
 */
export async function mirrorAliases(
  parts: AliasMirrorParts,
  name: string,
  group: string,
  versions: readonly string[],
): Promise<void> {
  try {
    const states = await parts.aliases.list(name);
    const claims = await parts.index.claims(group);
    for (const version of new Set(versions)) {
      const pkg = claims.get(version)?.[0];
      if (pkg === undefined) continue;
      const value = aliasList(states.filter((state) => state.version === version).map((state) => state.alias));
      await parts.packages.updatePackage(
        value === ''
          ? { ModelPackageArn: pkg.arn, CustomerMetadataPropertiesToRemove: [PROPERTY.aliases] }
          : { ModelPackageArn: pkg.arn, CustomerMetadataProperties: { [PROPERTY.aliases]: value } },
      );
    }
  } catch (error) {
    process.emitWarning(
      `The aliases of ${name} moved, but showing them on its model packages (${PROPERTY.aliases}) failed: ` +
        `${(error as Error).message}. The aliases themselves are correct; the next move updates the display.`,
      { code: 'MODELSHIP_ALIAS_MIRROR' },
    );
  }
}

/** Sorted, space-separated, cut at a whole alias to fit one property value. */
function aliasList(aliases: readonly string[]): string {
  let value = '';
  for (const alias of [...aliases].sort()) {
    const next = value === '' ? alias : `${value} ${alias}`;
    if (next.length > MAX_PROPERTY_VALUE) break;
    value = next;
  }
  return value;
}
