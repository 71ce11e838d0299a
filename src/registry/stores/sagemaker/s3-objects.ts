/**
 * The small S3 objects the store keeps beside the model packages (alias records, large manifests): read with their
 * ETag, written only under a condition (`If-None-Match: *` to create, `If-Match: <etag>` to replace), so that two
 * writers never overwrite each other silently: S3 refuses the second (412, or 409 when both arrive together) and
 * the caller gets a {@link ConflictError}.
 */
import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type PutObjectCommandInput,
} from '@aws-sdk/client-s3';
import { ConflictError, NotFoundError } from '../../../errors.js';
import { callS3, type S3Access } from '../../../model/artifact/s3-call.js';
import { toS3Uri } from '../../../model/artifact/s3-location.js';

/** An object's bytes and the ETag that names this state of it. */
export interface StoredObject {
  readonly body: Uint8Array;
  /** As S3 sent it, quotes included: what `If-Match` takes back. */
  readonly etag: string;
}

/** The write condition: create only (`undefined`), or replace only the state named by an ETag. */
export type WriteCondition = { readonly ifMatch: string } | { readonly ifNoneMatch: '*' };

/** Reads and conditionally writes objects in one bucket. */
export class S3Objects {
  readonly #aws: S3Access;
  readonly #bucket: string;
  readonly #kmsKeyId: string | undefined;

  constructor(aws: S3Access, bucket: string, kmsKeyId: string | undefined) {
    this.#aws = aws;
    this.#bucket = bucket;
    this.#kmsKeyId = kmsKeyId;
  }

  /** The `s3://` URI of a key in the bucket. */
  uri(key: string): string {
    return toS3Uri({ bucket: this.#bucket, key });
  }

  /** The object at `key`, or undefined when there is none. Other failures throw. */
  async get(key: string): Promise<StoredObject | undefined> {
    try {
      const output = await callS3(this.#aws, this.#call('GetObject', key), (s3) =>
        s3.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key })),
      );
      const body = (await output.Body?.transformToByteArray()) ?? new Uint8Array();
      return { body, etag: output.ETag ?? '' };
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  /**
   * Writes `body` at `key` if `condition` holds.
   * @returns the new ETag.
   * @throws {@link ConflictError} when it does not: the object exists (create), or is gone or changed (replace).
   */
  async put(key: string, body: string, condition: WriteCondition): Promise<string> {
    const input: PutObjectCommandInput = {
      Bucket: this.#bucket,
      Key: key,
      Body: body,
      ContentType: 'application/json',
      ...('ifMatch' in condition ? { IfMatch: condition.ifMatch } : { IfNoneMatch: '*' }),
      ...(this.#kmsKeyId === undefined
        ? { ServerSideEncryption: 'AES256' }
        : { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: this.#kmsKeyId, BucketKeyEnabled: true }),
    };
    try {
      const output = await callS3(this.#aws, this.#call('PutObject', key), (s3) =>
        s3.send(new PutObjectCommand(input)),
      );
      return output.ETag ?? '';
    } catch (error) {
      // S3 answers an If-Match on a missing object with 404: for a compare-and-swap that is a lost race too.
      if (error instanceof ConflictError || ('ifMatch' in condition && error instanceof NotFoundError)) {
        throw new ConflictError(`${this.uri(key)} was written by someone else meanwhile.`, {
          cause: error,
          ...(error.aws === undefined ? {} : { aws: error.aws }),
        });
      }
      throw error;
    }
  }

  /** Every key under `prefix`. */
  async list(prefix: string): Promise<string[]> {
    const found: string[] = [];
    let ContinuationToken: string | undefined;
    do {
      const page = await callS3(this.#aws, this.#call('ListObjectsV2', prefix), (s3) =>
        s3.send(new ListObjectsV2Command({ Bucket: this.#bucket, Prefix: prefix, ContinuationToken })),
      );
      for (const object of page.Contents ?? []) if (object.Key !== undefined) found.push(object.Key);
      ContinuationToken = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (ContinuationToken !== undefined);
    return found;
  }

  #call(operation: string, key: string) {
    return { operation, resource: { kind: 'S3 object', name: this.uri(key) } };
  }
}
