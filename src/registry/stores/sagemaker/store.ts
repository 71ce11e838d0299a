/**
 * The registry in the SageMaker Model Registry, so that teams who already use SageMaker Studio see the same
 * versions there. The mapping:
 *
 * - a model is a model package group, `groupPrefix + name`, created (tagged) on its first version;
 * - a version is a model package in that group, SageMaker numbering the packages itself; modelship's version
 *   string and the whole record are in its `CustomerMetadataProperties` (see `record-codec.ts`), the artifact is its
 *   `ModelDataUrl`, the image its container;
 * - an approval is the package's `ModelApprovalStatus` (`PendingManualApproval`, `Approved`, `Rejected`);
 * - aliases are JSON records in S3 with ETag compare-and-swap (see `aliases.ts`), mirrored onto the packages for
 *   Studio (see `alias-mirror.ts`);
 * - artifacts are `model.tar.gz` objects in the artifact bucket (see `artifacts.ts`).
 *
 * Exclusive version creation is emulated (see `create-version.ts`), with a race window documented there.
 */
import type { AwsContext } from '../../../aws/context.js';
import { ConflictError, NotFoundError } from '../../../errors.js';
import { parseS3Uri } from '../../../model/artifact/s3-location.js';
import type { ArtifactInput, RegistryStore } from '../../store.js';
import type { AliasState, ApprovalStatus, ModelVersion, RegisteredArtifact, Revisioned } from '../../types.js';
import { mirrorAliases } from './alias-mirror.js';
import { AliasRecords } from './aliases.js';
import { fromModelApprovalStatus, toModelApprovalStatus } from './approval.js';
import { Artifacts } from './artifacts.js';
import { VersionWriter } from './create-version.js';
import { ModelPackages } from './model-packages.js';
import {
  groupName,
  keys,
  type ResolvedOptions,
  resolveOptions,
  type SageMakerRegistryStoreOptions,
} from './options.js';
import { S3Objects } from './s3-objects.js';
import { VersionIndex, type VersionPackage } from './version-index.js';

/**
 * A {@link RegistryStore} in the SageMaker Model Registry of the context's account and region.
 *
 * @example
 * ```ts
 * const store = new SageMakerRegistryStore(new AwsContext({ region: 'eu-west-1' }), {
 *   artifactBucket: 'ml-registry-eu-west-1',
 *   groupPrefix: 'ml-',
 * });
 * ```
 */
export class SageMakerRegistryStore implements RegistryStore {
  readonly description: string;
  readonly #aws: AwsContext;
  readonly #options: ResolvedOptions;
  readonly #packages: ModelPackages;
  readonly #objects: S3Objects;
  readonly #index: VersionIndex;
  readonly #aliases: AliasRecords;
  readonly #artifacts: Artifacts;
  readonly #writer: VersionWriter;

  /**
   * Makes no AWS call.
   * @throws {@link InvalidArgumentError} naming the option at fault.
   */
  constructor(aws: AwsContext, options: SageMakerRegistryStoreOptions) {
    this.#options = resolveOptions(options);
    this.#aws = aws;
    const { bucket, prefix, kmsKeyId, groupPrefix } = this.#options;
    this.description = `SageMaker Model Registry${groupPrefix === '' ? '' : ` (groups ${groupPrefix}*)`}, s3://${bucket}/${prefix}`;
    this.#packages = new ModelPackages(aws);
    this.#objects = new S3Objects(aws, bucket, kmsKeyId);
    this.#index = new VersionIndex(this.#packages, (uri) => this.#readManifest(uri));
    this.#aliases = new AliasRecords(this.#objects, this.#options);
    this.#artifacts = new Artifacts(aws, this.#options);
    this.#writer = new VersionWriter({
      packages: this.#packages,
      index: this.#index,
      objects: this.#objects,
      options: this.#options,
      region: () => aws.region(),
    });
  }

  storeArtifact(name: string, input: ArtifactInput, signal?: AbortSignal): Promise<RegisteredArtifact> {
    groupName(this.#options, name);
    return this.#artifacts.store(name, input, signal);
  }

  verifyArtifact(artifact: RegisteredArtifact, signal?: AbortSignal): Promise<void> {
    return this.#artifacts.verify(artifact, signal);
  }

  async createVersion(version: ModelVersion): Promise<'created' | 'unchanged'> {
    await this.#refuseDeleted(version.name, version.version);
    return this.#writer.create(version);
  }

  async getVersion(name: string, version: string): Promise<ModelVersion | undefined> {
    const pkg = await this.#index.find(groupName(this.#options, name), version);
    return pkg === undefined ? undefined : this.#index.record(pkg);
  }

  async listVersions(name: string): Promise<string[]> {
    return [...(await this.#index.claims(groupName(this.#options, name))).keys()];
  }

  /** Deletes the version's model package, and any duplicate a lost race left behind. Absent: nothing to do. */
  async deleteVersion(name: string, version: string): Promise<void> {
    const claims = (await this.#index.claims(groupName(this.#options, name))).get(version) ?? [];
    if (claims.length === 0) return;
    // The marker first: a create racing this delete then finds it and gives up rather than reusing the number.
    const marker = keys.deleted(this.#options, name, version);
    if ((await this.#objects.get(marker)) === undefined) {
      await this.#objects.put(marker, JSON.stringify({ name, version }), { ifNoneMatch: '*' }).catch((error) => {
        if (!(error instanceof ConflictError)) throw error; // another delete wrote it first
      });
    }
    // Duplicates first: deleting the first package first would let a duplicate become the version for a moment.
    for (const pkg of [...claims].reverse()) await this.#packages.deletePackage(pkg.arn);
  }

  async #refuseDeleted(name: string, version: string): Promise<void> {
    const marker = keys.deleted(this.#options, name, version);
    if ((await this.#objects.get(marker)) === undefined) return;
    throw new ConflictError(
      `Version ${version} of ${name} was deleted from the ${this.description}; its number is not given out again ` +
        `(${this.#objects.uri(marker)}). Register it as a new version.`,
    );
  }

  /** The models whose groups start with `groupPrefix` (every group of the account, with the default prefix). */
  async listNames(): Promise<string[]> {
    const { groupPrefix } = this.#options;
    const groups = await this.#packages.listGroups(groupPrefix);
    return groups.filter((group) => group.startsWith(groupPrefix)).map((group) => group.slice(groupPrefix.length));
  }

  getAlias(name: string, alias: string): Promise<Revisioned<AliasState> | undefined> {
    groupName(this.#options, name);
    return this.#aliases.get(name, alias);
  }

  async putAlias(state: AliasState, expectedRevision: string | undefined): Promise<string> {
    const group = groupName(this.#options, state.name);
    const revision = await this.#aliases.put(state, expectedRevision);
    if (this.#options.mirrorAliases) {
      const left = state.history.at(-2)?.version;
      const parts = { packages: this.#packages, index: this.#index, aliases: this.#aliases };
      await mirrorAliases(parts, state.name, group, left === undefined ? [state.version] : [state.version, left]);
    }
    return revision;
  }

  listAliases(name: string): Promise<AliasState[]> {
    groupName(this.#options, name);
    return this.#aliases.list(name);
  }

  async getApproval(name: string, version: string): Promise<ApprovalStatus> {
    return fromModelApprovalStatus((await this.#require(name, version)).approval);
  }

  async setApproval(name: string, version: string, status: ApprovalStatus): Promise<void> {
    const ModelApprovalStatus = toModelApprovalStatus(status);
    const pkg = await this.#require(name, version);
    await this.#packages.updatePackage({ ModelPackageArn: pkg.arn, ModelApprovalStatus });
  }

  async #require(name: string, version: string): Promise<VersionPackage> {
    const pkg = await this.#index.find(groupName(this.#options, name), version);
    if (pkg !== undefined) return pkg;
    throw new NotFoundError(`There is no version ${version} of ${name} in the ${this.description}.`, {
      resource: { kind: 'model version', name: `${name} ${version}` },
    });
  }

  // A manifest may be in another bucket than today's (the store's options changed since it was written).
  async #readManifest(uri: string): Promise<Uint8Array | undefined> {
    const { bucket, key } = parseS3Uri(uri, 'manifest');
    const objects = bucket === this.#options.bucket ? this.#objects : new S3Objects(this.#aws, bucket, undefined);
    return (await objects.get(key))?.body;
  }
}

/**
 * A {@link SageMakerRegistryStore}: what `Registry.sagemaker(…)` keeps its records in.
 * @throws {@link InvalidArgumentError} naming the option at fault (no AWS call is made).
 */
export function sagemakerRegistryStore(
  aws: AwsContext,
  options: SageMakerRegistryStoreOptions,
): SageMakerRegistryStore {
  return new SageMakerRegistryStore(aws, options);
}
