/**
 * Which model package holds which version. `ListModelPackages` does not return customer metadata properties, so
 * each package is described once to learn its `modelship:version`; what a package records never changes, so the
 * answer is kept for the life of the store (approvals, which do change, are read fresh from every listing).
 *
 * Two packages may claim one version string: two writers raced (see {@link createVersion}). The one SageMaker
 * numbered first wins, always, for every reader; the other is a shadowed duplicate that its writer deletes.
 * Packages without a `modelship:version` (registered by other tools into the same group) are not versions of this
 * store and are left alone.
 */
import type { ModelVersion } from '../../types.js';
import type { ModelPackages, PackageSummary } from './model-packages.js';
import { decodeRecord, type ManifestReader, PROPERTY } from './record-codec.js';

/** A model package that holds a version. */
export interface VersionPackage extends PackageSummary {
  readonly version: string;
  readonly properties: Readonly<Record<string, string>>;
}

// Describes at once when a group is listed for the first time: quick, and well below SageMaker's rate limits.
const CONCURRENT_DESCRIBES = 8;

/** The versions of model package groups, as their packages claim them. */
export class VersionIndex {
  readonly #packages: ModelPackages;
  readonly #readManifest: ManifestReader;
  /** Properties by package ARN; `null` for a package that is not a modelship version. */
  readonly #properties = new Map<string, Readonly<Record<string, string>> | null>();

  constructor(packages: ModelPackages, readManifest: ManifestReader) {
    this.#packages = packages;
    this.#readManifest = readManifest;
  }

  /** Every package of `group` that claims a version, by version string, each list in SageMaker's order. */
  async claims(group: string): Promise<Map<string, VersionPackage[]>> {
    const summaries = await this.#packages.listPackages(group);
    const described = await mapLimit(summaries, CONCURRENT_DESCRIBES, (summary) => this.#describe(summary));
    const byVersion = new Map<string, VersionPackage[]>();
    for (const pkg of described) {
      if (pkg === undefined) continue;
      byVersion.set(pkg.version, [...(byVersion.get(pkg.version) ?? []), pkg]);
    }
    for (const list of byVersion.values()) list.sort((a, b) => a.number - b.number);
    return byVersion;
  }

  /** The package that holds `version` in `group`: the first to claim it. */
  async find(group: string, version: string): Promise<VersionPackage | undefined> {
    return (await this.claims(group)).get(version)?.[0];
  }

  /** The record a package holds. @throws {@link IntegrityError} when it is damaged. */
  record(pkg: VersionPackage): Promise<ModelVersion> {
    return decodeRecord(pkg.properties, pkg.arn, this.#readManifest);
  }

  /** Records what a package just created holds, sparing a describe (and a listing that does not show it yet). */
  remember(arn: string, properties: Readonly<Record<string, string>>): void {
    this.#properties.set(arn, properties);
  }

  async #describe(summary: PackageSummary): Promise<VersionPackage | undefined> {
    let properties = this.#properties.get(summary.arn);
    if (properties === undefined) {
      const found = await this.#packages.properties(summary.arn);
      if (found === undefined) return undefined; // deleted since the listing
      properties = found[PROPERTY.version] === undefined ? null : found;
      this.#properties.set(summary.arn, properties);
    }
    const version = properties?.[PROPERTY.version];
    if (properties === null || properties === undefined || version === undefined) return undefined;
    return { ...summary, version, properties };
  }
}

/** `map` with at most `limit` calls of `run` at once, results in input order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
