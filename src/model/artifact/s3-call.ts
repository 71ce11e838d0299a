/**
 * The one way this folder calls S3: the client comes from the {@link AwsContext} and every failure leaves as a
 * modelship error (see {@link toModelshipError}) naming S3, the operation and the bucket or object.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { callAws } from '../../aws/call.js';
import type { AwsContext } from '../../aws/context.js';

/** The part of an {@link AwsContext} the artifact functions use to reach S3. */
export type S3Access = Pick<AwsContext, 'client'>;

/** What an S3 call is about, for its error. */
export interface S3CallInfo {
  /** The S3 operation, e.g. `HeadObject`. */
  readonly operation: string;
  /** The bucket or object, e.g. `{ kind: 'S3 object', name: 's3://b/k' }`. */
  readonly resource?: { readonly kind: string; readonly name: string };
}

/**
 * Runs `run` with the context's S3 client and maps what it throws.
 * @example
 * ```ts
 * await callS3(aws, { operation: 'HeadBucket' }, (s3) => s3.send(new HeadBucketCommand({ Bucket })));
 * ```
 */
export function callS3<T>(aws: S3Access, call: S3CallInfo, run: (s3: S3Client) => Promise<T>): Promise<T> {
  return callAws({ service: 'S3', ...call }, () => run(aws.client(S3Client)));
}

/** The `x-amz-bucket-region` header S3 puts on a redirect or refusal for a bucket of another region. */
export function bucketRegionHeader(error: unknown): string | undefined {
  const headers = (error as { $response?: { headers?: Record<string, unknown> } } | undefined)?.$response?.headers;
  const region = headers?.['x-amz-bucket-region'];
  return typeof region === 'string' && region !== '' ? region : undefined;
}
