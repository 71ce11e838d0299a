/**
 * Upload of a model artifact to S3 with `@aws-sdk/lib-storage` (multipart, parts sent in parallel), encrypted at
 * rest, its SHA-256 recorded in the object's metadata, and skipped when the same artifact is already there.
 *
 * Nothing is ever overwritten. Before uploading, HeadObject looks at `key`:
 * - absent: the artifact is uploaded there, with `If-None-Match: *` so that an object written meanwhile by someone
 *   else is not replaced either;
 * - holding this artifact (same SHA-256 in its metadata): nothing is uploaded (`uploaded: false`);
 * - holding anything else (another SHA-256, or an object modelship did not upload): the artifact goes to the
 *   content-addressed key beside it, `<folder>/<sha256>/<name>` (see {@link keyBeside}), checked the same way.
 *   Callers that build `key` with {@link contentAddressedKey} in the first place never need this.
 * An object found at a content-addressed key with other contents is a {@link ConflictError}: someone else wrote it.
 */
import { setMaxListeners } from 'node:events';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { HeadObjectCommand, type PutObjectCommandInput, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { toModelshipError } from '../../aws/errors.js';
import type { AwsTag } from '../../aws/tags.js';
import { AbortedError, ConflictError, InvalidArgumentError, NotFoundError } from '../../errors.js';
import { checkSha256, keyBeside } from './artifact-key.js';
import { validateKmsKeyId } from './kms-key.js';
import { SHA256_METADATA } from './metadata.js';
import { callS3, type S3Access } from './s3-call.js';
import { toS3Uri, validateBucketName, validateObjectKey } from './s3-location.js';
import { checkTagList, MAX_OBJECT_TAGS, toTaggingHeader } from './tag-list.js';
import { UploadTracker } from './upload-tracker.js';

const MiB = 1024 * 1024;
// The AWS CLI's proven defaults (8 MiB parts, 10 at a time): enough parallelism to fill a fast link without holding
// more than about 80 MiB of parts in memory. S3 allows at most 10,000 parts, so very large files get larger parts.
const DEFAULT_PART_SIZE = 8 * MiB;
const DEFAULT_QUEUE_SIZE = 10;
const MIN_PART_SIZE = 5 * MiB;
const MAX_PART_SIZE = 5 * 1024 * MiB;
const MAX_PARTS = 10_000;

/** Options of {@link uploadArtifact}. */
export interface UploadArtifactOptions {
  /** The file to upload, usually from {@link packageModel}. */
  readonly file: string;
  /** Its SHA-256, lower-case hex, from {@link packageModel} or {@link sha256File}. */
  readonly sha256: string;
  readonly bucket: string;
  /** Where to put it; best made with {@link contentAddressedKey}. */
  readonly key: string;
  /**
   * Encrypts the object with this KMS key (SSE-KMS, with an S3 Bucket Key).
   * @default SSE-S3 (`AES256`)
   */
  readonly kmsKeyId?: string;
  /** Object tags (S3 allows 10), as {@link buildTags} makes them. */
  readonly tags?: readonly AwsTag[];
  /**
   * The account that must own the bucket: S3 refuses every request when another does. Pass your account id when
   * uploading to the default bucket, so that a bucket of that name in another account is never written to.
   */
  readonly expectedBucketOwner?: string;
  /**
   * Bytes per part, at least 5 MiB.
   * @default 8 MiB, more when the file needs more than 10,000 parts
   */
  readonly partSize?: number;
  /**
   * Parts sent at once.
   * @default 10
   */
  readonly queueSize?: number;
  /**
   * Aborts the upload: requests in flight are cancelled, the multipart upload is aborted (no parts are left
   * behind), then the promise rejects with {@link AbortedError}. An abort that comes after S3 was asked to complete
   * the upload is too late: the object exists and is returned.
   */
  readonly signal?: AbortSignal;
  /** Called as parts finish, with bytes sent so far and the file's size. Not called when the upload is skipped. */
  readonly onProgress?: (loaded: number, total: number) => void;
}

/** Where an artifact is now. */
export interface UploadedArtifact {
  /** `s3://bucket/key` of the object. */
  readonly uri: string;
  readonly bucket: string;
  /** The key used: the one asked for, or the content-addressed one beside it (see {@link uploadArtifact}). */
  readonly key: string;
  /** False when the same artifact was already there and nothing was sent. */
  readonly uploaded: boolean;
  /** The artifact's size in bytes. */
  readonly bytes: number;
}

/**
 * Uploads a model artifact, or finds it already uploaded. See the module documentation for where it goes.
 *
 * @throws {@link InvalidArgumentError} for a missing file or a bad SHA-256, bucket name, key, KMS key, tag list or
 * size option (before any AWS call).
 * @throws {@link AbortedError} when `signal` aborts; the multipart upload is aborted first.
 * @throws {@link ConflictError} when a content-addressed key holds other contents.
 * @throws {@link AccessDeniedError} and the other modelship errors of a failed S3 call.
 * @example
 * ```ts
 * const archive = await packageModel({ kind: 'directory', path: './churn' });
 * const { uri, uploaded } = await uploadArtifact(aws, {
 *   file: archive.path,
 *   sha256: archive.sha256,
 *   bucket,
 *   key: contentAddressedKey('modelship/churn', archive.sha256),
 * });
 * ```
 */
export async function uploadArtifact(aws: S3Access, options: UploadArtifactOptions): Promise<UploadedArtifact> {
  const bytes = await checkOptions(options);
  const { bucket, sha256, signal } = options;
  if (signal?.aborted) throw aborted(options, options.key, undefined, signal.reason);
  const head = (key: string) => findArtifact(aws, options, key);

  let key = options.key;
  let found = await head(key);
  if (found !== undefined && found !== sha256) {
    const beside = keyBeside(key, sha256);
    if (beside === undefined) throw taken(options, key, found);
    key = beside;
    found = await head(key);
    if (found !== undefined && found !== sha256) throw taken(options, key, found);
  }
  const result = { uri: toS3Uri({ bucket, key }), bucket, key, bytes };
  if (found === sha256) return { ...result, uploaded: false };
  return { ...result, uploaded: await transfer(aws, options, key, bytes) };
}

/** The SHA-256 recorded on the object at `key`; `''` for an object without one; undefined when there is none. */
async function findArtifact(aws: S3Access, options: UploadArtifactOptions, key: string): Promise<string | undefined> {
  const { bucket, expectedBucketOwner, signal } = options;
  try {
    const output = await callS3(
      aws,
      { operation: 'HeadObject', resource: { kind: 'S3 object', name: toS3Uri({ bucket, key }) } },
      (s3) =>
        s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key, ...owner(expectedBucketOwner) }), {
          abortSignal: signal,
        }),
    );
    return output.Metadata?.[SHA256_METADATA] ?? '';
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

/** Uploads; true when done, false when S3 refused because the same artifact got there first. */
async function transfer(aws: S3Access, options: UploadArtifactOptions, key: string, bytes: number): Promise<boolean> {
  const { bucket, signal } = options;
  const controller = new AbortController();
  const queueSize = options.queueSize ?? DEFAULT_QUEUE_SIZE;
  // Every part in flight listens on this one signal (lib-storage hands it on, the SDK's retry adds a listener per
  // request): more than Node's default of 10 is expected, not a leak, so the warning would only alarm users.
  setMaxListeners(queueSize * 2 + 10, controller.signal);
  const onAbort = (): void => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const tracker = new UploadTracker(aws.client(S3Client), controller.signal);
  const body = createReadStream(options.file, { highWaterMark: MiB });
  const upload = new Upload({
    client: tracker.client,
    params: uploadParams(options, key, body),
    partSize: options.partSize ?? Math.max(DEFAULT_PART_SIZE, Math.ceil(bytes / MAX_PARTS / MiB) * MiB),
    queueSize,
    leavePartsOnError: false,
    abortController: controller,
  });
  upload.on('httpUploadProgress', (progress) => options.onProgress?.(progress.loaded ?? 0, bytes));
  try {
    if (signal?.aborted) controller.abort(signal.reason);
    await upload.done();
    return true;
  } catch (error) {
    // `Upload` may reject before its requests have ended (on abort, at once): wait for them, so that what is
    // reported below is final and nothing is left running.
    await tracker.settle();
    if (tracker.completed) return true;
    let cleanup: unknown;
    await tracker.abortUpload().catch((abortError: unknown) => {
      cleanup = abortError;
    });
    if (signal?.aborted) throw aborted(options, key, tracker.uploadId, error, cleanup);
    const mapped = toModelshipError(error, {
      service: 'S3',
      operation: tracker.failedOperation ?? 'PutObject',
      resource: { kind: 'S3 object', name: toS3Uri({ bucket, key }) },
    });
    // `If-None-Match: *` refused: someone wrote the key since HeadObject. Maybe the same artifact, maybe not.
    if (mapped.aws?.httpStatusCode === 412 && (await findArtifact(aws, options, key)) === options.sha256) return false;
    throw mapped;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    body.destroy();
  }
}

function uploadParams(options: UploadArtifactOptions, key: string, body: NodeJS.ReadableStream): PutObjectCommandInput {
  const { kmsKeyId, tags } = options;
  return {
    Bucket: options.bucket,
    Key: key,
    Body: body as PutObjectCommandInput['Body'],
    ContentType: 'application/gzip',
    Metadata: { [SHA256_METADATA]: options.sha256 },
    IfNoneMatch: '*',
    ...(kmsKeyId === undefined
      ? { ServerSideEncryption: 'AES256' }
      : { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: kmsKeyId, BucketKeyEnabled: true }),
    // On the object from the start (x-amz-tagging), rather than by a PutObjectTagging call afterwards.
    ...(tags === undefined || tags.length === 0 ? {} : { Tagging: toTaggingHeader(tags) }),
    ...owner(options.expectedBucketOwner),
  };
}

async function checkOptions(options: UploadArtifactOptions): Promise<number> {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError('options', 'uploadArtifact needs { file, sha256, bucket, key }.');
  }
  checkSha256(options.sha256);
  validateBucketName(options.bucket);
  validateObjectKey(options.key);
  if (options.kmsKeyId !== undefined) validateKmsKeyId(options.kmsKeyId);
  if (options.tags !== undefined) checkTagList(options.tags, MAX_OBJECT_TAGS, 'an object');
  const { expectedBucketOwner, partSize, queueSize } = options;
  if (expectedBucketOwner !== undefined && !/^\d{12}$/.test(expectedBucketOwner)) {
    throw new InvalidArgumentError('expectedBucketOwner', `"${expectedBucketOwner}" is not a 12-digit account id.`);
  }
  checkRange('partSize', partSize, MIN_PART_SIZE, MAX_PART_SIZE);
  checkRange('queueSize', queueSize, 1, 100);
  let size: number;
  try {
    const stats = await stat(options.file);
    if (!stats.isFile()) throw new Error('not a file');
    size = stats.size;
  } catch (error) {
    throw new InvalidArgumentError('file', `The artifact ${String(options.file)} is not a readable file.`, {
      cause: error,
    });
  }
  if (partSize !== undefined && Math.ceil(size / partSize) > MAX_PARTS) {
    throw new InvalidArgumentError(
      'partSize',
      `A part size of ${partSize} bytes needs more than ${MAX_PARTS} parts for ${size} bytes; use a larger one.`,
    );
  }
  return size;
}

function checkRange(argument: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined || (Number.isInteger(value) && value >= min && value <= max)) return;
  throw new InvalidArgumentError(argument, `${argument} is ${value}; it must be a whole number from ${min} to ${max}.`);
}

function owner(expectedBucketOwner: string | undefined): { ExpectedBucketOwner?: string } {
  return expectedBucketOwner === undefined ? {} : { ExpectedBucketOwner: expectedBucketOwner };
}

function taken(options: UploadArtifactOptions, key: string, found: string): ConflictError {
  const what = found === '' ? 'an object modelship did not upload' : `another artifact (SHA-256 ${found})`;
  return new ConflictError(
    `${toS3Uri({ bucket: options.bucket, key })} already holds ${what}. modelship does not overwrite objects: ` +
      'choose another key or prefix.',
  );
}

function aborted(
  options: UploadArtifactOptions,
  key: string,
  uploadId: string | undefined,
  cause: unknown,
  cleanupError?: unknown,
): AbortedError {
  const uri = toS3Uri({ bucket: options.bucket, key });
  const cleanup =
    uploadId === undefined
      ? ''
      : cleanupError === undefined
        ? ' Its multipart upload was aborted: no parts are left in S3.'
        : ` Aborting its multipart upload failed, so its parts remain (and are billed) until aborted: run aws s3api ` +
          `abort-multipart-upload --bucket ${options.bucket} --key ${key} --upload-id ${uploadId}.`;
  return new AbortedError(`The upload of ${options.file} to ${uri} was aborted.${cleanup}`, {
    cause: cleanupError ?? cause,
  });
}
