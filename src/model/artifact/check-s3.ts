/**
 * The check of a `Model.fromS3(uri)` artifact before anything is created: it exists, and its bucket is in the
 * deployment region (SageMaker cannot read a model artifact from another region and would only say so after the
 * endpoint had been creating for minutes).
 */
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { toModelshipError } from '../../aws/errors.js';
import { InvalidArgumentError, NotFoundError } from '../../errors.js';
import { assertSameRegion, locateBucket } from './bucket-region.js';
import { SHA256_METADATA } from './metadata.js';
import { bucketRegionHeader, type S3Access } from './s3-call.js';
import { parseS3Uri, type S3Location } from './s3-location.js';

/** What {@link checkS3Artifact} found. */
export interface S3ArtifactInfo extends S3Location {
  /** The object's `s3://` URI, as given. */
  readonly uri: string;
  /** Its size in bytes. */
  readonly bytes: number;
  /** Its ETag, without quotes. */
  readonly etag: string;
  /** The SHA-256 (hex) modelship recorded when it uploaded the object; undefined for objects uploaded otherwise. */
  readonly sha256: string | undefined;
}

/** Options of {@link checkS3Artifact}. */
export interface CheckS3ArtifactOptions {
  readonly signal?: AbortSignal;
}

/**
 * Checks that an artifact exists (HeadObject) and that its bucket is in `region` (HeadBucket's `BucketRegion`, or
 * the region S3 names when it redirects). When HeadBucket is denied (no `s3:ListBucket`), the object is still
 * checked: S3's regional endpoints refuse requests for buckets of other regions, so a HeadObject answered through
 * the deployment region's endpoint is in that region.
 *
 * @param region - the deployment region.
 * @throws {@link InvalidArgumentError} when `uri` is not an `s3://bucket/key` URI (before any AWS call) or the bucket
 * is in another region (naming both).
 * @throws {@link NotFoundError} naming the URI when the bucket or the object does not exist.
 * @throws {@link AccessDeniedError} and the other modelship errors of a failed S3 call.
 * @example
 * ```ts
 * const { bytes } = await checkS3Artifact(aws, 's3://ml-artifacts/churn/model.tar.gz', 'eu-west-1');
 * ```
 */
export async function checkS3Artifact(
  aws: S3Access,
  uri: string,
  region: string,
  options: CheckS3ArtifactOptions = {},
): Promise<S3ArtifactInfo> {
  const location = parseS3Uri(uri);
  if (typeof region !== 'string' || region === '') {
    throw new InvalidArgumentError('region', 'The deployment region is needed to check an S3 artifact.');
  }
  const what = `The model artifact ${uri}`;
  const bucket = await locateBucket(aws, location.bucket, options);
  if (bucket.kind === 'missing') {
    throw notFound(uri, `there is no bucket "${location.bucket}"`);
  }
  assertSameRegion('uri', what, bucket.region, region);
  try {
    const head = await aws
      .client(S3Client)
      .send(new HeadObjectCommand({ Bucket: location.bucket, Key: location.key }), { abortSignal: options.signal });
    return {
      ...location,
      uri,
      bytes: head.ContentLength ?? 0,
      etag: (head.ETag ?? '').replaceAll('"', ''),
      sha256: head.Metadata?.[SHA256_METADATA],
    };
  } catch (error) {
    assertSameRegion('uri', what, bucketRegionHeader(error), region);
    const mapped = toModelshipError(error, {
      service: 'S3',
      operation: 'HeadObject',
      resource: { kind: 'S3 object', name: uri },
    });
    if (mapped instanceof NotFoundError) throw notFound(uri, `there is no object "${location.key}"`, mapped);
    throw mapped;
  }
}

function notFound(uri: string, why: string, mapped?: NotFoundError): NotFoundError {
  return new NotFoundError(
    `The model artifact ${uri} does not exist: ${why}. Check the URI (bucket, key, and the case of both) and that ` +
      'the upload finished.',
    {
      cause: mapped?.cause,
      ...(mapped?.aws === undefined ? {} : { aws: mapped.aws }),
      resource: { kind: 'S3 object', name: uri },
    },
  );
}
