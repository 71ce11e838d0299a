/**
 * The registry store in the SageMaker Model Registry: model package groups, model packages, approvals; aliases and
 * artifacts in S3.
 */
export type { SageMakerRegistryStoreOptions } from './options.js';
export { SageMakerRegistryStore, sagemakerRegistryStore } from './store.js';
