/**
 * The contract between the registry and where it keeps its records. `Registry` holds the rules (numbering,
 * promotion, rollback, refusals); a store only reads and writes, atomically, and reports races as
 * {@link ConflictError}s. Implement it to keep a registry somewhere else.
 */
import type { DirectorySource, FileSource } from '../model/source.js';
import type { AliasState, ApprovalStatus, ModelVersion, RegisteredArtifact, Revisioned } from './types.js';

/**
 * An artifact to take into a store's keeping.
 *
 * @example
 * ```ts
 * const artifact = await store.storeArtifact('churn', { kind: 's3', uri: 's3://ml-models/churn/model.tar.gz' });
 * ```
 */
export type ArtifactInput =
  /** A local file or folder: the store copies (or packages and uploads) it. */
  | FileSource
  | DirectorySource
  /** An artifact already in S3: the store records it (and copies it, if it keeps its own). */
  | {
      /** Tells the inputs apart. */
      readonly kind: 's3';
      /** The artifact's `s3://bucket/key` URI. */
      readonly uri: string;
    };

/**
 * Where a registry keeps versions, aliases and approvals.
 *
 * @example
 * ```ts
 * // The built-in stores; a store of your own implements the same interface.
 * const store: RegistryStore = new S3RegistryStore(new AwsContext({ region: 'eu-west-1' }), { bucket: 'ml-registry' });
 * const registry = new Registry(store);
 * ```
 */
export interface RegistryStore {
  /** For messages: `local registry /home/ml/registry`, `S3 registry s3://ml/registry`. */
  readonly description: string;

  /**
   * Takes an artifact into the store's keeping, content-addressed, and returns where it is now. Storing the same
   * bytes twice stores them once.
   */
  storeArtifact(name: string, input: ArtifactInput, signal?: AbortSignal): Promise<RegisteredArtifact>;
  /**
   * Checks that the stored artifact still has its recorded SHA-256.
   * @throws {@link IntegrityError} when it does not (tampered with, or truncated), naming the artifact.
   * @throws {@link NotFoundError} when it is gone.
   */
  verifyArtifact(artifact: RegisteredArtifact, signal?: AbortSignal): Promise<void>;

  /**
   * Writes `version` if no version of that number exists. Atomic and exclusive: of two writers racing for one
   * number, one gets `created` and the other a {@link ConflictError} (or `unchanged` when it wrote the same
   * content). Content means everything but `createdAt` and `createdBy`.
   * @throws {@link ConflictError} when the version exists with other content.
   */
  createVersion(version: ModelVersion): Promise<'created' | 'unchanged'>;
  /** A version's record, or undefined when there is none. */
  getVersion(name: string, version: string): Promise<ModelVersion | undefined>;
  /** Every version string of `name`, in no particular order. */
  listVersions(name: string): Promise<string[]>;
  /** Removes a version record (the registry refuses while an alias points at it). Its artifact stays. */
  deleteVersion(name: string, version: string): Promise<void>;
  /** Every model name in the store. */
  listNames(): Promise<string[]>;

  /** An alias's record with its revision (for {@link RegistryStore.putAlias}), or undefined when it does not exist. */
  getAlias(name: string, alias: string): Promise<Revisioned<AliasState> | undefined>;
  /**
   * Writes an alias if it is still at `expectedRevision` (`undefined`: only if it does not exist yet).
   * @returns the new revision.
   * @throws {@link ConflictError} when another writer moved it first: read it again and decide again.
   */
  putAlias(state: AliasState, expectedRevision: string | undefined): Promise<string>;
  /** Every alias of `name`, in no particular order. */
  listAliases(name: string): Promise<AliasState[]>;

  /** @returns `pending` for a version never approved or rejected. */
  getApproval(name: string, version: string): Promise<ApprovalStatus>;
  /** Records a version's approval status. */
  setApproval(name: string, version: string, status: ApprovalStatus): Promise<void>;
}
