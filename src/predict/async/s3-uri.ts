/**
 * The S3 URIs async inference deals in: the caller's upload prefix, and the output and failure locations the
 * service answers with. Only `s3://` is taken: it is what SageMaker returns and what the S3 client needs split
 * into a bucket and a key.
 */
import { InvalidArgumentError } from '../../errors.js';
import { type S3Location, validateBucketName, validateObjectKey } from '../../model/artifact/s3-location.js';

/** A bucket and a key prefix, empty or ending in `/`. */
export interface S3Prefix {
  readonly bucket: string;
  readonly prefix: string;
}

/**
 * Splits `s3://bucket[/prefix[/]]` into a bucket and a prefix that ends in `/` (or is empty), so object names
 * appended to it never run into the last folder's name.
 * @throws InvalidArgumentError naming `argument` when it is not such a URI.
 */
export function parseS3Prefix(uri: unknown, argument: string): S3Prefix {
  const match = typeof uri === 'string' ? /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(uri) : null;
  if (match === null) {
    throw new InvalidArgumentError(
      argument,
      `${argument} "${String(uri)}" is not an S3 prefix. Give it as s3://<bucket>/<prefix>/, e.g. s3://ml-inputs/churn/.`,
    );
  }
  const bucket = match[1] ?? '';
  validateBucketName(bucket, argument);
  const raw = match[2] ?? '';
  const prefix = raw === '' || raw.endsWith('/') ? raw : `${raw}/`;
  if (prefix !== '') validateObjectKey(prefix, argument);
  return { bucket, prefix };
}

/**
 * Splits an object location the service or the caller gave (`s3://bucket/key`); `undefined` when it is not one,
 * so the caller can say whose mistake it was.
 */
export function tryParseS3Object(uri: string): S3Location | undefined {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (match === null) return undefined;
  try {
    validateBucketName(match[1]);
    validateObjectKey(match[2]);
  } catch {
    return undefined;
  }
  return { bucket: match[1]!, key: match[2]! };
}
