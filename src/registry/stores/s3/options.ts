/**
 * The options of the S3 registry store, checked before any AWS call so that a typo is an
 * {@link InvalidArgumentError} naming the option rather than an S3 error halfway through a registration.
 */
import { InvalidArgumentError } from '../../../errors.js';
import { validateKmsKeyId } from '../../../model/artifact/kms-key.js';
import { validateBucketName, validateObjectKey } from '../../../model/artifact/s3-location.js';

const MiB = 1024 * 1024;

/**
 * Options of {@link S3RegistryStore}.
 *
 * @example
 * ```ts
 * const registry = Registry.s3({
 *   bucket: 'ml-registry',
 *   prefix: 'models',
 *   kmsKeyId: 'alias/ml',
 *   aws: { region: 'eu-west-1' },
 * });
 * ```
 */
export interface S3RegistryStoreOptions {
  /** The bucket that holds the registry: its records and the artifacts of its versions. */
  readonly bucket: string;
  /**
   * A folder in the bucket for the registry, e.g. `ml/registry`; slashes at its ends are dropped.
   * @default '' (the bucket's root)
   */
  readonly prefix?: string;
  /**
   * Encrypts every object the store writes (records and artifacts) with this KMS key (SSE-KMS, with an S3 Bucket
   * Key).
   * @default SSE-S3 (`AES256`)
   */
  readonly kmsKeyId?: string;
  /**
   * Keys per ListObjectsV2 page (S3's own limit and default is 1000). Only worth changing to test paging.
   * @default 1000
   */
  readonly pageSize?: number;
  /**
   * Artifacts up to this size are downloaded and hashed in full by `verifyArtifact` (and when an S3 artifact is
   * registered); larger ones are checked by their recorded SHA-256 metadata and size only, since downloading many
   * gigabytes before every deployment would cost more than it protects.
   * @default 512 MiB
   */
  readonly hashLimitBytes?: number;
}

/** The options with their defaults applied. */
export interface ResolvedOptions {
  readonly bucket: string;
  /** Without slashes at its ends; `''` for the bucket's root. */
  readonly prefix: string;
  readonly kmsKeyId: string | undefined;
  readonly pageSize: number;
  readonly hashLimitBytes: number;
}

/**
 * Checks the options and applies their defaults.
 * @throws {@link InvalidArgumentError} naming the option at fault.
 */
export function resolveOptions(options: S3RegistryStoreOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError('options', 'The S3 registry needs { bucket }, and optionally { prefix, kmsKeyId }.');
  }
  validateBucketName(options.bucket);
  if (options.prefix !== undefined && typeof options.prefix !== 'string') {
    throw new InvalidArgumentError('prefix', 'prefix must be a folder in the bucket, such as "ml/registry".');
  }
  const prefix = (options.prefix ?? '').replace(/^\/+|\/+$/g, '');
  if (prefix !== '') validateObjectKey(prefix, 'prefix');
  if (prefix.includes('//')) {
    throw new InvalidArgumentError('prefix', `"${prefix}" holds an empty folder name ("//"); remove the extra slash.`);
  }
  if (options.kmsKeyId !== undefined) validateKmsKeyId(options.kmsKeyId);
  return {
    bucket: options.bucket,
    prefix,
    kmsKeyId: options.kmsKeyId,
    pageSize: wholeNumber('pageSize', options.pageSize, 1, 1000) ?? 1000,
    hashLimitBytes: wholeNumber('hashLimitBytes', options.hashLimitBytes, 0, Number.MAX_SAFE_INTEGER) ?? 512 * MiB,
  };
}

function wholeNumber(argument: string, value: unknown, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  throw new InvalidArgumentError(
    argument,
    `${argument} is ${String(value)}; it must be a whole number from ${min} to ${max}.`,
  );
}
