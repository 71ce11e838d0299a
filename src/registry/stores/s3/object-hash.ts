/**
 * What S3 says about an artifact object (HeadObject) and the SHA-256 of its bytes as they are now, computed by
 * streaming the object (GetObject) so that a multi-gigabyte artifact never sits in memory. The metadata alone
 * cannot be trusted to describe the bytes: CopyObject carries it along onto whatever body is copied.
 */
import { createHash } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { callAws } from '../../../aws/call.js';
import { SHA256_METADATA } from '../../../model/artifact/metadata.js';
import type { S3Access } from '../../../model/artifact/s3-call.js';
import { type S3Location, toS3Uri } from '../../../model/artifact/s3-location.js';

/** What HeadObject told about an object. */
export interface ObjectFacts {
  readonly bytes: number;
  /** The ETag as S3 sent it (quoted): what `If-Match` and `CopySourceIfMatch` take. */
  readonly etag: string;
  /** The SHA-256 modelship recorded in the object's metadata; undefined when there is none or it is malformed. */
  readonly sha256: string | undefined;
  readonly contentType: string | undefined;
}

/**
 * HeadObject of `location`.
 * @throws {@link NotFoundError} naming the object when it does not exist; the other modelship errors of S3 calls.
 */
export async function headObject(aws: S3Access, location: S3Location, signal?: AbortSignal): Promise<ObjectFacts> {
  const output = await callAws(context('HeadObject', location), () =>
    aws
      .client(S3Client)
      .send(new HeadObjectCommand({ Bucket: location.bucket, Key: location.key }), { abortSignal: signal }),
  );
  const sha256 = output.Metadata?.[SHA256_METADATA];
  return {
    bytes: output.ContentLength ?? 0,
    etag: output.ETag ?? '',
    sha256: sha256 !== undefined && /^[0-9a-f]{64}$/.test(sha256) ? sha256 : undefined,
    contentType: output.ContentType,
  };
}

/**
 * The SHA-256 (lower-case hex) of the object's bytes, read as a stream.
 * @param etag - the ETag the object had when it was looked at: sent as `If-Match`, so that the bytes hashed are
 * those of that object and not of one written since (S3 then answers 412, a {@link ConflictError}).
 * @throws {@link NotFoundError} | {@link ConflictError} | {@link AbortedError} and the other modelship errors of
 * S3 calls, including a connection broken while reading.
 */
export function hashObject(aws: S3Access, location: S3Location, etag: string, signal?: AbortSignal): Promise<string> {
  return callAws(context('GetObject', location), async () => {
    const output = await aws
      .client(S3Client)
      .send(
        new GetObjectCommand({ Bucket: location.bucket, Key: location.key, ...(etag === '' ? {} : { IfMatch: etag }) }),
        { abortSignal: signal },
      );
    const hash = createHash('sha256');
    // In Node the body is a Readable; reading it here, inside the call, maps a failure mid-body as any other.
    for await (const chunk of (output.Body ?? []) as AsyncIterable<Uint8Array>) hash.update(chunk);
    return hash.digest('hex');
  });
}

function context(operation: string, location: S3Location) {
  return { service: 'S3', operation, resource: { kind: 'S3 object', name: toS3Uri(location) } };
}
