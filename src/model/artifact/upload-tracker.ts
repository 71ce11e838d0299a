/**
 * What `@aws-sdk/lib-storage`'s `Upload` needs to be aborted cleanly. Left to itself, an aborted `Upload` rejects at
 * once but lets the part uploads already sent run on, and sends AbortMultipartUpload only after they end: the caller
 * would see the abort before the multipart upload is gone, and a part finishing after the abort would leave parts
 * behind (S3 documents that such parts may survive an AbortMultipartUpload). So `Upload` is handed a client that
 * sends through this tracker, which cancels part uploads when the abort signal fires, knows what is still in flight,
 * and aborts the multipart upload exactly once, after everything has settled.
 */
import {
  AbortMultipartUploadCommand,
  type AbortMultipartUploadCommandInput,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  type CreateMultipartUploadCommandOutput,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';

// The part of a command the tracker reads; every S3 command has `input`.
interface Command {
  readonly input: object;
}

/** Sends an upload's S3 requests and cleans up after it. */
export class UploadTracker {
  /** The client to give `Upload`: its requests go through this tracker. */
  readonly client: S3Client;
  readonly #s3: S3Client;
  readonly #signal: AbortSignal;
  readonly #inFlight = new Set<Promise<unknown>>();
  #create: Pick<AbortMultipartUploadCommandInput, 'Bucket' | 'Key' | 'ExpectedBucketOwner'> | undefined;
  #uploadId: string | undefined;
  #completed = false;
  #aborting: Promise<void> | undefined;
  #failed: string | undefined;

  /**
   * @param s3 - the client that really sends.
   * @param signal - cancels the part uploads (and single PutObject) in flight when it fires.
   */
  constructor(s3: S3Client, signal: AbortSignal) {
    this.#s3 = s3;
    this.#signal = signal;
    // `Upload` only calls `send` and reads `config` (region, endpoint, checksum settings).
    this.client = { config: s3.config, send: (command: Command) => this.#send(command) } as unknown as S3Client;
  }

  /** True once S3 accepted CompleteMultipartUpload: the object exists, whatever happened after. */
  get completed(): boolean {
    return this.#completed;
  }

  /** The id of the multipart upload, once created. */
  get uploadId(): string | undefined {
    return this.#uploadId;
  }

  /** The S3 operation of the first request that failed, e.g. `UploadPart`, for the error. */
  get failedOperation(): string | undefined {
    return this.#failed;
  }

  /** Resolves when no request of this upload is in flight any more. */
  async settle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  /**
   * Aborts the multipart upload, once however often it is called (by `Upload` itself and by the caller), and only
   * when one was created and not completed.
   */
  abortUpload(): Promise<void> {
    const input = this.#create;
    if (this.#uploadId === undefined || this.#completed || input === undefined) return Promise.resolve();
    this.#aborting ??= this.#s3
      .send(new AbortMultipartUploadCommand({ ...input, UploadId: this.#uploadId }))
      .then(() => undefined);
    return this.#aborting;
  }

  #send(command: Command): Promise<unknown> {
    if (command instanceof AbortMultipartUploadCommand) return this.abortUpload().then(() => ({}));
    // Only the transfers are cancelled: a cancelled CreateMultipartUpload could create an upload whose id is never
    // learnt (so never aborted), and a cancelled Complete could still complete.
    const cancellable = command instanceof UploadPartCommand || command instanceof PutObjectCommand;
    const sent = this.#s3.send(command as never, cancellable ? { abortSignal: this.#signal } : {}) as Promise<unknown>;
    if (command instanceof CreateMultipartUploadCommand) {
      const { Bucket, Key, ExpectedBucketOwner } = command.input;
      this.#create = { Bucket, Key, ...(ExpectedBucketOwner === undefined ? {} : { ExpectedBucketOwner }) };
      sent.then((output) => {
        this.#uploadId = (output as CreateMultipartUploadCommandOutput).UploadId;
      }, ignore);
    }
    if (command instanceof CompleteMultipartUploadCommand) {
      sent.then(() => {
        this.#completed = true;
      }, ignore);
    }
    this.#inFlight.add(sent);
    const forget = (): void => void this.#inFlight.delete(sent);
    sent.then(forget, () => {
      this.#failed ??= operationOf(command);
      forget();
    });
    return sent;
  }
}

// By class rather than by `constructor.name`, which a bundler may rename.
function operationOf(command: Command): string {
  if (command instanceof UploadPartCommand) return 'UploadPart';
  if (command instanceof CreateMultipartUploadCommand) return 'CreateMultipartUpload';
  if (command instanceof CompleteMultipartUploadCommand) return 'CompleteMultipartUpload';
  return 'PutObject';
}

// The rejection is the caller's to handle (it holds the same promise); these side chains only record outcomes.
function ignore(): void {}
