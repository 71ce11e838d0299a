/**
 * The model registry: immutable versions, aliases with history, promotion, rollback and approvals, over a store
 * (a local folder here; S3 and the SageMaker Model Registry elsewhere).
 *
 * @packageDocumentation
 */
export { sameVersionContent, versionContent } from './content.js';
export type { AliasMovedEvent, RegistryEvent, VersionRegisteredEvent } from './history.js';
export { ALIAS_PATTERN, checkAlias, checkModelName, checkVersion, MODEL_NAME_PATTERN } from './names.js';
export { formatModelRef, type ModelRef, parseModelRef } from './ref.js';
export type { RegisterOptions } from './register-options.js';
export type { RegistrableModel } from './registration.js';
export { type ListOptions, type PromoteOptions, Registry, type RegistryOptions, type VersionPage } from './registry.js';
export type { ArtifactInput, RegistryStore } from './store.js';
export { LocalRegistryStore, type LocalRegistryStoreOptions } from './stores/local/index.js';
export { S3RegistryStore, type S3RegistryStoreOptions } from './stores/s3/index.js';
export { SageMakerRegistryStore, type SageMakerRegistryStoreOptions } from './stores/sagemaker/index.js';
export type {
  AliasChange,
  AliasState,
  ApprovalStatus,
  Lineage,
  ModelVersion,
  RegisteredArtifact,
  Revisioned,
} from './types.js';
export { compareVersions } from './version-order.js';
