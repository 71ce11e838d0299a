/**
 * Model artifacts: packaging local models as `model.tar.gz`, uploading them to S3, the bucket they go to, and the
 * check of artifacts already in S3. Plain async functions that know nothing of plans: the targets wrap them into
 * plan steps.
 */
export { contentAddressedKey, keyBeside } from './artifact-key.js';
export { defaultBucketName, tlsOnlyBucketPolicy } from './bucket-policy.js';
export { type BucketLocation, locateBucket } from './bucket-region.js';
export { type CheckS3ArtifactOptions, checkS3Artifact, type S3ArtifactInfo } from './check-s3.js';
export { type EnsureArtifactBucketOptions, ensureArtifactBucket } from './ensure-bucket.js';
export { validateKmsKeyId } from './kms-key.js';
export { SHA256_METADATA } from './metadata.js';
export { ARCHIVE_NAME, type PackagedModel, type PackageModelOptions, packageModel } from './package.js';
export { parseS3Uri, type S3Location, toS3Uri, validateBucketName, validateObjectKey } from './s3-location.js';
export { type Sha256FileOptions, sha256File } from './sha256.js';
export { type UploadArtifactOptions, type UploadedArtifact, uploadArtifact } from './upload.js';
