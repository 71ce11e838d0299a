/**
 * What the registry records: model versions (immutable once written), aliases that point at them with their
 * history, and each version's approval. Plain data, the same in every store.
 */
import type { Framework } from '../model/source.js';

/**
 * A version's artifact, in the registry's keeping.
 *
 * @example
 * ```ts
 * const { artifact } = await registry.resolve('churn@production');
 * if (artifact) console.log(artifact.uri, artifact.sha256, `${artifact.bytes} bytes`);
 * ```
 */
export interface RegisteredArtifact {
  /**
   * Where the store keeps it: an absolute file path (local store) or `s3://bucket/key` (S3 and SageMaker stores).
   * Content-addressed (the path or key holds `sha256`), so it is never replaced.
   */
  readonly uri: string;
  /** SHA-256 of the stored bytes, lower-case hex: checked again before every deployment of the version. */
  readonly sha256: string;
  /** Its size in bytes. */
  readonly bytes: number;
  /** `file`: one model file kept as it is (`model.onnx`); `tar.gz`: a `model.tar.gz` (a packaged folder). */
  readonly packaging: 'file' | 'tar.gz';
  /** The file name the model had when registered (`iris.onnx`, `model.tar.gz`). */
  readonly fileName: string;
}

/** Where a version came from, for audits: anything that names its training run, data and code. */
export type Lineage = Readonly<Record<string, string>>;

/**
 * One registered version of a model. Written once; never changed afterwards.
 *
 * @example
 * ```ts
 * const v: ModelVersion = await registry.get('churn', 'production');
 * console.log(`churn ${v.version} by ${v.createdBy} at ${v.createdAt}, auc ${v.metrics.auc}`);
 * ```
 */
export interface ModelVersion {
  /** The model's name in the registry, e.g. `churn`. */
  readonly name: string;
  /** `1`, `2`, … when the registry numbers it; or the semver the caller gave (`1.4.0`). */
  readonly version: string;
  /** The artifact; absent for a model that is only a container image. */
  readonly artifact?: RegisteredArtifact;
  /** A serving image of its own (`Model.fromImage`, or `image` of `Model.fromS3`). */
  readonly image?: string;
  /** The framework the model was trained with, when recorded. */
  readonly framework?: Framework;
  /** The framework's version, when recorded. */
  readonly frameworkVersion?: string;
  /** The container's Python version, when recorded. */
  readonly pyVersion?: string;
  /** Environment variables for the serving container. */
  readonly env?: Readonly<Record<string, string>>;
  /** MIME types the model takes (`application/json`, `text/csv`). */
  readonly contentTypes?: readonly string[];
  /** What the version is, for people. */
  readonly description?: string;
  /** Free-form string facts: owner, ticket, dataset version. */
  readonly metadata: Readonly<Record<string, string>>;
  /** Evaluation figures: `{ auc: 0.91, f1: 0.84 }`. */
  readonly metrics: Readonly<Record<string, number>>;
  /** Where the version came from: training run, data, code. */
  readonly lineage?: Lineage;
  /** When it was registered, ISO 8601 UTC. */
  readonly createdAt: string;
  /** Who registered it: `new Registry(store, { user })`, else `user@host` of the process that registered it. */
  readonly createdBy: string;
}

/**
 * Approval of a version for production, as SageMaker's `ModelApprovalStatus`.
 *
 * @example
 * ```ts
 * if ((await registry.approval('churn', '7')) !== 'approved')
 *   throw new Error('churn 7 is not approved for production');
 * ```
 */
export type ApprovalStatus = 'pending' | 'approved' | 'rejected';

/**
 * One move of an alias.
 *
 * @example
 * ```ts
 * const [production] = (await registry.aliases('churn')).filter((a) => a.alias === 'production');
 * for (const change of production?.history ?? []) console.log(change.at, change.by, change.reason, change.version);
 * ```
 */
export interface AliasChange {
  /** The version the alias pointed to after this change. */
  readonly version: string;
  /** ISO 8601 UTC. */
  readonly at: string;
  /** Who moved it (the registry's `user`). */
  readonly by: string;
  /** What moved it. */
  readonly reason: 'set' | 'promote' | 'rollback';
  /** For a promotion: the alias it was promoted from. */
  readonly from?: string;
}

/**
 * An alias (`production`, `staging`) and how it got where it is.
 *
 * @example
 * ```ts
 * const state: AliasState = await registry.promote('churn', { from: 'staging', to: 'production' });
 * console.log(`${state.name}@${state.alias} → ${state.version}`);
 * ```
 */
export interface AliasState {
  /** The model's name. */
  readonly name: string;
  /** The alias's name (`production`). */
  readonly alias: string;
  /** The version it points to now. */
  readonly version: string;
  /** Every change, oldest first; the last one is the current state. Rollback walks it backwards. */
  readonly history: readonly AliasChange[];
}

/**
 * A record as a store read it, with the revision that a compare-and-swap write must name.
 *
 * @example
 * ```ts
 * const current = await store.getAlias('churn', 'production');
 * if (current) await store.putAlias({ ...current.value, version: '8' }, current.revision); // ConflictError if it moved meanwhile
 * ```
 */
export interface Revisioned<T> {
  /** The record. */
  readonly value: T;
  /** Opaque: an S3 ETag, a file's content hash, a SageMaker model package's ARN and time. */
  readonly revision: string;
}
