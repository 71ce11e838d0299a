/**
 * The registry kept in an S3 bucket: one JSON object per record, artifacts content-addressed beside them (see
 * ./keys.ts for the layout). Races are settled by S3 itself, with conditional writes: a version is created with
 * `If-None-Match: *` (of two writers, exactly one succeeds), an alias is moved with `If-Match: <the ETag it was
 * read with>` (a compare-and-swap), so two deploy scripts racing never overwrite each other and the loser gets a
 * {@link ConflictError} it can act on. S3 has supported both on PutObject in every region since November 2024.
 */
import type { AwsContext } from '../../../aws/context.js';
import { ConflictError, isModelshipError, NotFoundError } from '../../../errors.js';
import type { S3Access } from '../../../model/artifact/s3-call.js';
import { sameVersionContent } from '../../content.js';
import { mapLimit } from '../../map-limit.js';
import type { ArtifactInput, RegistryStore } from '../../store.js';
import type { AliasState, ApprovalStatus, ModelVersion, RegisteredArtifact, Revisioned } from '../../types.js';
import { type ArtifactHome, storeLocalArtifact, storeS3Artifact } from './artifacts.js';
import { encryptionParams } from './encryption.js';
import { RegistryKeys } from './keys.js';
import { conditionFailure, RecordObjects, type WriteCondition } from './objects.js';
import { type ResolvedOptions, resolveOptions, type S3RegistryStoreOptions } from './options.js';
import { parseAlias, parseApproval, parseVersion, toJson } from './records.js';
import { verifyS3Artifact } from './verify.js';

/**
 * A {@link RegistryStore} in S3.
 *
 * @example
 * ```ts
 * const store = new S3RegistryStore(new AwsContext({ region: 'eu-west-1' }), { bucket: 'ml', prefix: 'registry' });
 * await store.createVersion(version); // 'created', or a ConflictError if version 3 of churn exists otherwise
 * ```
 */
export class S3RegistryStore implements RegistryStore {
  readonly description: string;
  readonly #aws: S3Access;
  readonly #options: ResolvedOptions;
  readonly #keys: RegistryKeys;
  readonly #objects: RecordObjects;

  /**
   * Makes no AWS call: the bucket must exist (create it with versioning on, so a record changed by hand can be
   * restored) and the credentials need `s3:GetObject`, `s3:PutObject`, `s3:DeleteObject` and `s3:ListBucket` on it.
   * @throws {@link InvalidArgumentError} for a bad bucket name, prefix or KMS key.
   */
  constructor(aws: AwsContext, options: S3RegistryStoreOptions) {
    this.#options = resolveOptions(options);
    this.#aws = aws;
    this.#keys = new RegistryKeys(this.#options.prefix);
    const { bucket, kmsKeyId, pageSize } = this.#options;
    this.#objects = new RecordObjects(aws, bucket, encryptionParams(kmsKeyId), pageSize);
    this.description = `S3 registry s3://${bucket}/${this.#options.prefix}`;
  }

  storeArtifact(_name: string, input: ArtifactInput, signal?: AbortSignal): Promise<RegisteredArtifact> {
    const home: ArtifactHome = {
      aws: this.#aws,
      bucket: this.#options.bucket,
      folder: this.#keys.artifacts,
      kmsKeyId: this.#options.kmsKeyId,
      encryption: encryptionParams(this.#options.kmsKeyId),
      hashLimitBytes: this.#options.hashLimitBytes,
    };
    return input.kind === 's3' ? storeS3Artifact(home, input.uri, signal) : storeLocalArtifact(home, input, signal);
  }

  verifyArtifact(artifact: RegisteredArtifact, signal?: AbortSignal): Promise<void> {
    return verifyS3Artifact(this.#aws, artifact, this.#options.hashLimitBytes, signal);
  }

  async createVersion(version: ModelVersion): Promise<'created' | 'unchanged'> {
    const key = this.#keys.record('versions', version.name, version.version);
    const label = `version ${version.version} of "${version.name}"`;
    let created = true;
    try {
      await this.#write(key, toJson(version), { kind: 'absent' }, label);
    } catch (error) {
      if (conditionFailure(error) !== 'precondition') throw error;
      created = false;
    }
    if (created) {
      // Checked after the write, not before: a deletion finishing between a check and the write would otherwise
      // let the number be taken again. A deletion writes its marker before it removes the record, so a record
      // created after the removal always sees the marker here, and takes itself back.
      await this.#refuseDeleted(version, key, true);
      return 'created';
    }
    // It exists: the same registration run again (or a retry whose first attempt had succeeded) is no conflict.
    const existing = await this.getVersion(version.name, version.version);
    if (existing !== undefined && sameVersionContent(existing, version)) return 'unchanged';
    if (existing === undefined) await this.#refuseDeleted(version, key, false);
    throw new ConflictError(
      existing === undefined
        ? `${label} was being written and deleted at the same time as this write (${this.#objects.uri(key)}). ` +
            'Try again.'
        : `${label} already exists with other content (${this.#objects.uri(key)}): a version is never changed. ` +
            'Register under a new version.',
      { retryable: existing === undefined },
    );
  }

  async getVersion(name: string, version: string): Promise<ModelVersion | undefined> {
    const key = this.#keys.record('versions', name, version);
    const stored = await this.#objects.read(key);
    return stored === undefined ? undefined : parseVersion(stored.text, this.#objects.uri(key), { name, id: version });
  }

  listVersions(name: string): Promise<string[]> {
    return this.#listIds(this.#keys.folder('versions', name));
  }

  /**
   * Replaces the record by a deletion marker holding it (written first, so that at no moment is the number free),
   * then removes the record. The artifact stays.
   * @throws {@link NotFoundError} when there is no such version.
   */
  async deleteVersion(name: string, version: string): Promise<void> {
    const key = this.#keys.record('versions', name, version);
    const stored = await this.#objects.read(key);
    if (stored === undefined) {
      throw new NotFoundError(`${name} has no version ${version} in ${this.description}.`, {
        resource: { kind: 'registry version', name: `${name}@${version}` },
      });
    }
    await this.#objects.write(this.#keys.record('deleted', name, version), stored.text, { kind: 'any' });
    await this.#objects.remove(key);
  }

  async listNames(): Promise<string[]> {
    const { folders } = await this.#objects.list(this.#keys.models, '/');
    return folders.map((folder) => this.#keys.nameOf(folder)).filter((name) => name !== undefined);
  }

  async getAlias(name: string, alias: string): Promise<Revisioned<AliasState> | undefined> {
    const key = this.#keys.record('aliases', name, alias);
    const stored = await this.#objects.read(key);
    if (stored === undefined) return undefined;
    return { value: parseAlias(stored.text, this.#objects.uri(key), { name, id: alias }), revision: stored.etag };
  }

  async putAlias(state: AliasState, expectedRevision: string | undefined): Promise<string> {
    const key = this.#keys.record('aliases', state.name, state.alias);
    const label = `alias "${state.alias}" of "${state.name}"`;
    const condition: WriteCondition =
      expectedRevision === undefined ? { kind: 'absent' } : { kind: 'etag', etag: expectedRevision };
    try {
      return await this.#write(key, toJson(state), condition, label);
    } catch (error) {
      if (conditionFailure(error) !== 'precondition') throw error;
      // A retry whose first attempt had succeeded finds the alias already as it wanted it: that is its own write.
      const current = await this.getAlias(state.name, state.alias);
      if (current !== undefined && toJson(current.value) === toJson(state)) return current.revision;
      throw new ConflictError(
        `${label} was ${expectedRevision === undefined ? 'created' : 'moved'} by another writer since it was read ` +
          `(${this.#objects.uri(key)}). Read it again and decide again.`,
        // Not retryable as it is, as in every store: the write was based on a state that is gone.
        { cause: error, retryable: false },
      );
    }
  }

  async listAliases(name: string): Promise<AliasState[]> {
    const aliases = await this.#listIds(this.#keys.folder('aliases', name));
    const found = await mapLimit(aliases, (alias) => this.getAlias(name, alias));
    // An alias deleted between the listing and its read is simply no longer there.
    return found.flatMap((alias) => (alias === undefined ? [] : [alias.value]));
  }

  async getApproval(name: string, version: string): Promise<ApprovalStatus> {
    const key = this.#keys.record('approvals', name, version);
    const stored = await this.#objects.read(key);
    if (stored === undefined) return 'pending';
    return parseApproval(stored.text, this.#objects.uri(key), { name, id: version }).status;
  }

  async setApproval(name: string, version: string, status: ApprovalStatus): Promise<void> {
    // Last writer wins: an approval is a decision, not a history, and deciding twice is not a race to refuse.
    await this.#objects.write(this.#keys.record('approvals', name, version), toJson({ name, version, status }), {
      kind: 'any',
    });
  }

  // A deleted version's number is never given again, so that a deployment tagged with it only ever means one model.
  async #refuseDeleted(version: ModelVersion, key: string, created: boolean): Promise<void> {
    const marker = this.#keys.record('deleted', version.name, version.version);
    if ((await this.#objects.read(marker)) === undefined) return;
    if (created) await this.#objects.remove(key);
    throw new ConflictError(
      `Version ${version.version} of "${version.name}" was deleted from ${this.description} ` +
        `(${this.#objects.uri(marker)}); a deleted version is never registered again. Use another version.`,
    );
  }

  async #listIds(folder: string): Promise<string[]> {
    const { keys } = await this.#objects.list(folder);
    return keys.map((key) => this.#keys.idOf(folder, key)).filter((id) => id !== undefined);
  }

  // A write whose condition S3 could not settle yet (409 ConditionalRequestConflict: another conditional write to
  // the key is still under way) is a retryable conflict: S3 asks to read the object again and try again.
  async #write(key: string, text: string, condition: WriteCondition, label: string): Promise<string> {
    try {
      return await this.#objects.write(key, text, condition);
    } catch (error) {
      if (conditionFailure(error) !== 'in-progress') throw error;
      throw new ConflictError(
        `Another write to the ${label} was still in progress (${this.#objects.uri(key)}). Read it again and retry.`,
        { cause: error, retryable: true, ...(isModelshipError(error) && error.aws ? { aws: error.aws } : {}) },
      );
    }
  }
}

/**
 * The S3 registry store, as `Registry.s3()` builds it.
 * @example
 * ```ts
 * const store = s3Store(aws, { bucket: 'ml-registry', prefix: 'models' });
 * ```
 */
export function s3Store(aws: AwsContext, options: S3RegistryStoreOptions): S3RegistryStore {
  return new S3RegistryStore(aws, options);
}
