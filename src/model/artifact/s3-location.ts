/**
 * S3 bucket names, object keys and `s3://` URIs: their rules, checked before any AWS call so that a typo is an
 * {@link InvalidArgumentError} naming the option rather than an S3 error after some work was done.
 */
import { InvalidArgumentError } from '../../errors.js';

/** A bucket and a key in it. */
export interface S3Location {
  readonly bucket: string;
  readonly key: string;
}

// S3's general purpose bucket rules: 3–63 characters of lower-case letters, digits, dots and hyphens, starting and
// ending with a letter or digit.
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const IP_ADDRESS = /^\d{1,3}(\.\d{1,3}){3}$/;
// Prefixes and suffixes S3 reserves for access point aliases, Object Lambda, Multi-Region Access Points, directory
// and table buckets: a general purpose bucket cannot have them.
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];
const MAX_KEY_BYTES = 1024;

/**
 * Checks an S3 bucket name against S3's naming rules for general purpose buckets.
 * @param argument - the option the name came from, for the error.
 * @throws {@link InvalidArgumentError} saying which rule the name breaks.
 */
export function validateBucketName(name: unknown, argument = 'bucket'): asserts name is string {
  const why = bucketNameProblem(name);
  if (why === undefined) return;
  throw new InvalidArgumentError(
    argument,
    `"${String(name)}" is not a valid S3 bucket name: ${why}. Use 3 to 63 lower-case letters, digits, "." and "-", ` +
      'starting and ending with a letter or digit (see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).',
  );
}

/**
 * Checks an S3 object key: not empty, at most 1024 bytes of UTF-8, and not starting with `/` (S3 would keep the
 * slash as part of the key, which is almost never what was meant).
 * @throws {@link InvalidArgumentError} naming `argument`.
 */
export function validateObjectKey(key: unknown, argument = 'key'): asserts key is string {
  let why: string | undefined;
  if (typeof key !== 'string' || key === '') why = 'it is empty';
  else if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) why = `it is longer than ${MAX_KEY_BYTES} bytes`;
  else if (key.startsWith('/')) why = 'it starts with "/"';
  else if (/\p{Cc}/u.test(key)) why = 'it contains control characters';
  if (why === undefined) return;
  throw new InvalidArgumentError(
    argument,
    `"${String(key)}" is not a usable S3 object key: ${why}. Use a path such as "models/churn/model.tar.gz".`,
  );
}

/**
 * Splits an `s3://bucket/key` URI, checking the bucket name and the key.
 * @throws {@link InvalidArgumentError} (`argument`, default `uri`) when it is not such a URI.
 * @example
 * ```ts
 * parseS3Uri('s3://ml-artifacts/churn/model.tar.gz'); // { bucket: 'ml-artifacts', key: 'churn/model.tar.gz' }
 * ```
 */
export function parseS3Uri(uri: unknown, argument = 'uri'): S3Location {
  const match = typeof uri === 'string' ? /^s3:\/\/([^/]+)\/(.+)$/.exec(uri) : null;
  if (match === null) {
    throw new InvalidArgumentError(
      argument,
      `"${String(uri)}" is not an S3 object URI. Give it as s3://<bucket>/<key>, e.g. s3://ml-artifacts/churn/model.tar.gz.`,
    );
  }
  const [, bucket = '', key = ''] = match;
  validateBucketName(bucket, argument);
  validateObjectKey(key, argument);
  return { bucket, key };
}

/** The `s3://bucket/key` URI of an object. */
export function toS3Uri(location: S3Location): string {
  return `s3://${location.bucket}/${location.key}`;
}

function bucketNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || name === '') return 'it is empty';
  if (name.length < 3 || name.length > 63) return `it is ${name.length} characters long`;
  if (!BUCKET.test(name)) {
    return /[A-Z]/.test(name)
      ? 'it contains upper-case letters'
      : 'it contains characters other than lower-case letters, digits, "." and "-", or does not start and end with a letter or digit';
  }
  if (name.includes('..')) return 'it contains ".."';
  if (IP_ADDRESS.test(name)) return 'it looks like an IP address';
  const prefix = RESERVED_PREFIXES.find((reserved) => name.startsWith(reserved));
  if (prefix !== undefined) return `the prefix "${prefix}" is reserved by S3`;
  const suffix = RESERVED_SUFFIXES.find((reserved) => name.endsWith(reserved));
  if (suffix !== undefined) return `the suffix "${suffix}" is reserved by S3`;
  return undefined;
}
