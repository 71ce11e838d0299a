/**
 * The registry store kept in S3: records as JSON objects, conditional writes for races, artifacts
 * content-addressed in the same bucket.
 */
export type { S3RegistryStoreOptions } from './options.js';
export { S3RegistryStore, s3Store } from './store.js';
