/**
 * The S3 calls of the registry's records: read one JSON object with its ETag, write one (exclusively, or only if
 * it is still at an ETag), delete one, and list a folder page by page. Every failure leaves through
 * {@link callAws}, as a modelship error naming the operation and the object.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { callAws } from '../../../aws/call.js';
import type { AwsCallContext } from '../../../aws/errors.js';
import { ConflictError, isModelshipError, NotFoundError } from '../../../errors.js';
import type { S3Access } from '../../../model/artifact/s3-call.js';
import { toS3Uri } from '../../../model/artifact/s3-location.js';
import type { EncryptionParams } from './encryption.js';

/** An object's text and the ETag it had when read (quoted, exactly as S3 sent it). */
export interface StoredText {
  readonly text: string;
  readonly etag: string;
}

/** What a write requires of the object already at its key. */
export type WriteCondition =
  /** Nothing: the write replaces whatever is there. */
  | { readonly kind: 'any' }
  /** `If-None-Match: *`: there must be no object. */
  | { readonly kind: 'absent' }
  /** `If-Match: <etag>`: the object must still be the one read with this ETag. */
  | { readonly kind: 'etag'; readonly etag: string };

/** What a folder holds: keys, and the sub-folders (common prefixes) when listed with a delimiter. */
export interface Listing {
  readonly keys: string[];
  readonly folders: string[];
}

/** JSON records in one bucket. */
export class RecordObjects {
  readonly #aws: S3Access;
  readonly #bucket: string;
  readonly #encryption: EncryptionParams;
  readonly #pageSize: number;

  constructor(aws: S3Access, bucket: string, encryption: EncryptionParams, pageSize: number) {
    this.#aws = aws;
    this.#bucket = bucket;
    this.#encryption = encryption;
    this.#pageSize = pageSize;
  }

  /** `s3://bucket/key`, for messages. */
  uri(key: string): string {
    return toS3Uri({ bucket: this.#bucket, key });
  }

  /**
   * The object's text and ETag; undefined when there is no such key. A missing bucket is a {@link NotFoundError}:
   * "no record" must never be the answer for a registry that is not there at all.
   */
  async read(key: string): Promise<StoredText | undefined> {
    try {
      return await callAws(this.#call('GetObject', key), async () => {
        const output = await this.#s3().send(new GetObjectCommand({ Bucket: this.#bucket, Key: key }));
        // Read inside the call, so that a connection broken mid-body is mapped like any other failure.
        const text = (await output.Body?.transformToString('utf-8')) ?? '';
        return { text, etag: output.ETag ?? '' };
      });
    } catch (error) {
      if (error instanceof NotFoundError && error.aws?.name !== 'NoSuchBucket') return undefined;
      throw error;
    }
  }

  /**
   * Writes `text` as a JSON object under `condition`, encrypted.
   * @returns the new object's ETag.
   * @throws {@link ConflictError} when the condition does not hold (see {@link conditionFailure} to tell why).
   */
  write(key: string, text: string, condition: WriteCondition): Promise<string> {
    return callAws(this.#call('PutObject', key), async () => {
      const output = await this.#s3().send(
        new PutObjectCommand({
          Bucket: this.#bucket,
          Key: key,
          Body: text,
          ContentType: 'application/json',
          ...(condition.kind === 'absent' ? { IfNoneMatch: '*' } : {}),
          ...(condition.kind === 'etag' ? { IfMatch: condition.etag } : {}),
          ...this.#encryption,
        }),
      );
      return output.ETag ?? '';
    });
  }

  /** Deletes the object; deleting one that is not there is not an error (S3 answers 204 either way). */
  async remove(key: string): Promise<void> {
    await callAws(this.#call('DeleteObject', key), () =>
      this.#s3().send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: key })),
    );
  }

  /**
   * Everything under `prefix`, following ListObjectsV2's continuation tokens to the last page. With `delimiter`
   * `/`, what lies in sub-folders is summed up as those folders.
   */
  async list(prefix: string, delimiter?: '/'): Promise<Listing> {
    const keys: string[] = [];
    const folders: string[] = [];
    let token: string | undefined;
    do {
      const page: ListObjectsV2CommandOutput = await callAws(
        { service: 'S3', operation: 'ListObjectsV2', resource: { kind: 'S3 prefix', name: this.uri(prefix) } },
        () =>
          this.#s3().send(
            new ListObjectsV2Command({
              Bucket: this.#bucket,
              Prefix: prefix,
              MaxKeys: this.#pageSize,
              ...(delimiter === undefined ? {} : { Delimiter: delimiter }),
              ...(token === undefined ? {} : { ContinuationToken: token }),
            }),
          ),
      );
      for (const object of page.Contents ?? []) if (object.Key !== undefined) keys.push(object.Key);
      for (const folder of page.CommonPrefixes ?? []) if (folder.Prefix !== undefined) folders.push(folder.Prefix);
      // A truncated page without a token would loop forever on the first page: stop instead.
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    return { keys, folders };
  }

  #s3(): S3Client {
    return this.#aws.client(S3Client);
  }

  #call(operation: string, key: string): AwsCallContext {
    return { service: 'S3', operation, resource: { kind: 'S3 object', name: this.uri(key) } };
  }
}

/**
 * Why a conditional write was refused, from the modelship error it threw:
 * - `precondition`: 412 PreconditionFailed (the object exists, or its ETag changed), or 404 for `If-Match` on an
 *   object deleted since it was read (S3 answers that with NoSuchKey rather than 412);
 * - `in-progress`: 409 ConditionalRequestConflict, another conditional write to the key is still under way: S3 asks
 *   to read the object again and retry;
 * - undefined for every other failure, which the caller rethrows as it is.
 */
export function conditionFailure(error: unknown): 'precondition' | 'in-progress' | undefined {
  if (!isModelshipError(error)) return undefined;
  const { name, httpStatusCode } = error.aws ?? {};
  if (name === 'ConditionalRequestConflict' || (error instanceof ConflictError && httpStatusCode === 409)) {
    return 'in-progress';
  }
  if (name === 'PreconditionFailed' || httpStatusCode === 412 || name === 'NoSuchKey') return 'precondition';
  return undefined;
}
