/**
 * Where a bucket is. SageMaker only reads model artifacts from a bucket in the endpoint's own region, and S3 only
 * encrypts with a KMS key of the bucket's region, so every bucket modelship uses is located first, with one
 * HeadBucket: its answer carries `x-amz-bucket-region` both when it succeeds (`BucketRegion`) and when S3 refuses
 * or redirects the request because the bucket is elsewhere.
 */
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { toModelshipError } from '../../aws/errors.js';
import { AccessDeniedError, InvalidArgumentError, NotFoundError } from '../../errors.js';
import { bucketRegionHeader, type S3Access } from './s3-call.js';

/** What HeadBucket told about a bucket. */
export type BucketLocation =
  /** It exists and may be used; `region` is undefined when the server did not say (S3-compatible servers). */
  | { readonly kind: 'found'; readonly region: string | undefined }
  /** There is no bucket of that name (in any account). */
  | { readonly kind: 'missing' }
  /**
   * It exists but HeadBucket was refused: no `s3:ListBucket`, or the bucket belongs to an account other than
   * `expectedBucketOwner`. `region` is set when S3 said where it is.
   */
  | { readonly kind: 'denied'; readonly region: string | undefined; readonly error: AccessDeniedError };

/** Options of {@link locateBucket}. */
export interface LocateBucketOptions {
  /** The account that must own the bucket; S3 refuses (403) when another does. */
  readonly expectedBucketOwner?: string;
  readonly signal?: AbortSignal;
}

/**
 * Locates a bucket with HeadBucket.
 * @throws the modelship error of any other failure (throttling, network, abort).
 */
export async function locateBucket(
  aws: S3Access,
  bucket: string,
  options: LocateBucketOptions = {},
): Promise<BucketLocation> {
  const input = {
    Bucket: bucket,
    ...(options.expectedBucketOwner === undefined ? {} : { ExpectedBucketOwner: options.expectedBucketOwner }),
  };
  try {
    const output = await aws.client(S3Client).send(new HeadBucketCommand(input), { abortSignal: options.signal });
    return { kind: 'found', region: output.BucketRegion };
  } catch (error) {
    const region = bucketRegionHeader(error);
    const status = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
    // A redirect (301, or 400 from a regional endpoint) is S3 saying "the bucket exists, ask its own region".
    if (region !== undefined && (status === 301 || status === 400)) return { kind: 'found', region };
    const mapped = toModelshipError(error, {
      service: 'S3',
      operation: 'HeadBucket',
      resource: { kind: 'S3 bucket', name: bucket },
    });
    if (mapped instanceof NotFoundError) return { kind: 'missing' };
    if (mapped instanceof AccessDeniedError) return { kind: 'denied', region, error: mapped };
    throw mapped;
  }
}

/**
 * Refuses a bucket outside the deployment region.
 * @param what - what the bucket holds, for the message, e.g. `The artifact s3://b/k`.
 * @throws {@link InvalidArgumentError} naming both regions, when `bucketRegion` is known and differs.
 */
export function assertSameRegion(
  argument: string,
  what: string,
  bucketRegion: string | undefined,
  region: string,
): void {
  if (bucketRegion === undefined || bucketRegion === region) return;
  throw new InvalidArgumentError(
    argument,
    `${what} is in ${bucketRegion}, but the deployment is in ${region}: SageMaker only reads model artifacts from ` +
      `a bucket in the endpoint's own region. Copy it to a bucket in ${region} (aws s3 cp), or deploy to ${bucketRegion}.`,
  );
}
