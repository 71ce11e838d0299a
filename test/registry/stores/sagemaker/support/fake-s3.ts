/**
 * An in-memory S3 behind `mockAwsClient(S3Client)`, as much as the SageMaker registry store uses: objects with
 * ETags and user metadata, conditional PutObject (`If-None-Match: *`, `If-Match`) answered as S3 answers (412
 * PreconditionFailed, 404 for If-Match on a missing object), GetObject, HeadObject, ListObjectsV2 and HeadBucket.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockAwsClient } from '../../../../support/aws-contract.js';
import { REGION } from './fake-model-registry.js';

/** An object as the fake keeps it. */
export interface FakeObject {
  body: Buffer;
  etag: string;
  metadata: Record<string, string>;
}

/** An S3 error as the SDK throws it. */
export function s3Error(name: string, status: number): S3ServiceException {
  return new S3ServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, requestId: 'req-fake' },
    message: name,
  });
}

export class FakeS3 {
  /** By `bucket/key`. */
  readonly objects = new Map<string, FakeObject>();
  /** The region HeadBucket reports. */
  bucketRegion = REGION;
  readonly stub = mockAwsClient(S3Client);

  constructor() {
    const s = this.stub;
    s.on(HeadBucketCommand).callsFake(() => ({ BucketRegion: this.bucketRegion }));
    s.on(HeadObjectCommand).callsFake((input) => {
      const object = this.#find(input.Bucket, input.Key);
      return { ContentLength: object.body.length, ETag: object.etag, Metadata: { ...object.metadata } };
    });
    s.on(GetObjectCommand).callsFake((input) => {
      const object = this.#find(input.Bucket, input.Key, 'NoSuchKey');
      const body = Buffer.from(object.body);
      // What the SDK returns in Node: a Readable with the SDK's stream helpers mixed in.
      const Body = Object.assign(Readable.from([body]), {
        transformToByteArray: async () => new Uint8Array(body),
        transformToString: async () => body.toString('utf8'),
      });
      return { Body, ETag: object.etag, ContentLength: body.length };
    });
    s.on(PutObjectCommand).callsFake(async (input) => {
      // The body is read first: from here to the write nothing yields, so the conditions hold atomically, as in S3.
      const body = await toBuffer(input.Body);
      const id = `${input.Bucket}/${input.Key}`;
      const existing = this.objects.get(id);
      if (input.IfNoneMatch === '*' && existing !== undefined) throw s3Error('PreconditionFailed', 412);
      if (input.IfMatch !== undefined) {
        if (existing === undefined) throw s3Error('NoSuchKey', 404);
        if (existing.etag !== input.IfMatch) throw s3Error('PreconditionFailed', 412);
      }
      const etag = `"${createHash('md5').update(body).digest('hex')}"`;
      this.objects.set(id, { body, etag, metadata: { ...input.Metadata } });
      return { ETag: etag };
    });
    s.on(ListObjectsV2Command).callsFake((input) => ({
      Contents: [...this.objects.keys()]
        .filter((id) => id.startsWith(`${input.Bucket}/${input.Prefix ?? ''}`))
        .map((id) => ({ Key: id.slice(input.Bucket.length + 1) })),
      IsTruncated: false,
    }));
  }

  /** Writes an object as someone else would, bypassing the mock. */
  write(bucket: string, key: string, body: string | Buffer, metadata: Record<string, string> = {}): void {
    const bytes = Buffer.from(body);
    const etag = `"${createHash('md5').update(bytes).digest('hex')}"`;
    this.objects.set(`${bucket}/${key}`, { body: bytes, etag, metadata });
  }

  object(bucket: string, key: string): FakeObject | undefined {
    return this.objects.get(`${bucket}/${key}`);
  }

  // HeadObject answers a missing object with `NotFound` (no body to name it), GetObject with `NoSuchKey`.
  #find(bucket: string, key: string, error = 'NotFound'): FakeObject {
    const object = this.objects.get(`${bucket}/${key}`);
    if (object === undefined) throw s3Error(error, 404);
    return object;
  }
}

async function toBuffer(body: unknown): Promise<Buffer> {
  if (typeof body === 'string' || body instanceof Uint8Array) return Buffer.from(body);
  if (body !== null && typeof body === 'object' && Symbol.asyncIterator in body) {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
  return Buffer.alloc(0);
}
