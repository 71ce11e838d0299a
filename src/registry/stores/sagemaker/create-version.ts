/**
 * Writing a version as a model package. SageMaker has no conditional create (a package group takes any number of
 * packages, and numbers them itself), so exclusivity is emulated:
 *
 * 1. list the group's packages: a version string already claimed is `unchanged` (same content) or a
 *    {@link ConflictError};
 * 2. create the package;
 * 3. list again: when another package claims the same version string, the one SageMaker numbered first wins. A
 *    writer whose package is not the first deletes it and reports `unchanged` (same content) or a ConflictError.
 *
 * Readers follow the same rule (first number wins), so every reader sees one content per version at all times.
 *
 * The race window, honestly: `ListModelPackages` may lag behind a create. Two writers whose step 3 both miss the
 * other's package both report `created`; the later one's package then stays as a shadowed duplicate (readers never
 * see it, Studio does) and its writer was told `created` for content nobody reads. The same happens when a writer
 * dies between steps 2 and 3. The window is the listing lag (typically well under a second); deleting a shadowed
 * duplicate by hand (`deleteVersion` removes duplicates too) is always safe.
 */
import { randomUUID } from 'node:crypto';
import { buildTags } from '../../../aws/tags.js';
import { ConflictError } from '../../../errors.js';
import type { ModelVersion } from '../../types.js';
import { sameContent } from './canonical.js';
import { inferenceSpecification, packageDescription } from './inference-spec.js';
import { type ModelPackages, packageNumber } from './model-packages.js';
import { groupName, keys, type ResolvedOptions } from './options.js';
import { encodeRecord } from './record-codec.js';
import type { S3Objects } from './s3-objects.js';
import type { VersionIndex, VersionPackage } from './version-index.js';

/** What {@link VersionWriter} works with; the store's own parts. */
export interface VersionWriterParts {
  readonly packages: ModelPackages;
  readonly index: VersionIndex;
  readonly objects: S3Objects;
  readonly options: ResolvedOptions;
  readonly region: () => Promise<string>;
}

/** Writes versions as model packages, creating each model's group on first use. */
export class VersionWriter {
  readonly #parts: VersionWriterParts;
  /** Groups known to exist: checked once per store. */
  readonly #groups = new Map<string, Promise<void>>();

  constructor(parts: VersionWriterParts) {
    this.#parts = parts;
  }

  /** See {@link RegistryStore.createVersion}. */
  async create(version: ModelVersion): Promise<'created' | 'unchanged'> {
    const { packages, index, objects, options } = this.#parts;
    const group = groupName(options, version.name);
    // Everything that can be refused is refused before anything is written.
    const spec = inferenceSpecification(version, await this.#parts.region());
    const encoded = encodeRecord(
      version,
      (sha256) => keys.manifest(options, version.name, sha256),
      (key) => objects.uri(key),
    );
    await this.#ensureGroup(version.name, group);
    const existing = await index.find(group, version.version);
    if (existing !== undefined) return this.#compare(existing, version, false);
    if (encoded.manifest !== undefined) await this.#writeManifest(encoded.manifest.key, encoded.manifest.body);
    const arn = await packages.createPackage({
      ModelPackageGroupName: group,
      ModelPackageDescription: packageDescription(version),
      InferenceSpecification: spec,
      ModelApprovalStatus: 'PendingManualApproval',
      CustomerMetadataProperties: encoded.properties,
      // The SDK retries a create whose answer was lost with the same token: SageMaker then returns the same package.
      ClientToken: randomUUID(),
      Tags: buildTags({}, { modelVersion: version.version }),
    });
    index.remember(arn, encoded.properties);
    const claims = (await index.claims(group)).get(version.version) ?? [];
    if (!claims.some((pkg) => pkg.arn === arn)) {
      // The listing does not show the new package yet: it still takes part, with the number in its ARN.
      const number = packageNumber(arn);
      claims.push({ arn, number, approval: undefined, version: version.version, properties: encoded.properties });
      claims.sort((a, b) => a.number - b.number);
    }
    const winner = claims[0];
    if (winner === undefined || winner.arn === arn) return 'created';
    await packages.deletePackage(arn);
    return this.#compare(winner, version, true);
  }

  async #compare(pkg: VersionPackage, version: ModelVersion, raced: boolean): Promise<'unchanged'> {
    const recorded = await this.#parts.index.record(pkg);
    if (sameContent(recorded, version)) return 'unchanged';
    const how = raced ? 'was registered by another writer at the same time' : 'already exists';
    throw new ConflictError(
      `${version.name} ${version.version} ${how} (model package ${pkg.arn}) with other content. A version is never ` +
        'changed: register this one under another version.',
    );
  }

  // Content-addressed: an object already there holds these bytes (or fails its SHA-256 check when read).
  async #writeManifest(key: string, body: string): Promise<void> {
    try {
      await this.#parts.objects.put(key, body, { ifNoneMatch: '*' });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }

  #ensureGroup(name: string, group: string): Promise<void> {
    let known = this.#groups.get(group);
    if (known === undefined) {
      known = this.#createGroupIfMissing(name, group).catch((error: unknown) => {
        this.#groups.delete(group);
        throw error;
      });
      this.#groups.set(group, known);
    }
    return known;
  }

  async #createGroupIfMissing(name: string, group: string): Promise<void> {
    const { packages } = this.#parts;
    if (await packages.groupExists(group)) return;
    try {
      await packages.createGroup(group, `Versions of the model "${name}", registered with modelship.`, buildTags());
    } catch (error) {
      // Another writer created it in between: what was wanted exists. Anything else is a real failure.
      if (!(await packages.groupExists(group).catch(() => false))) throw error;
    }
  }
}
