/**
 * The S3 side of async inference: uploading a payload, and looking for and reading the result objects. Each call
 * is sent once (retries belong to the predictor) and fails as a modelship error.
 */
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { S3Location } from '../../model/artifact/s3-location.js';
import { isMissing, type S3CallContext, toS3Error } from './s3-errors.js';

/** An object read back: its bytes and the content type it was written with. */
export interface S3Payload {
  readonly body: Uint8Array;
  readonly contentType: string | undefined;
}

/** @internal Moves payloads for one endpoint. */
export class S3Payloads {
  constructor(
    readonly client: S3Client,
    readonly endpointName: string,
    readonly kmsKeyId: string | undefined,
  ) {}

  /** Writes `body` at `location`, encrypted at rest (SSE-KMS with the predictor's key, else SSE-S3). */
  async put(location: S3Location, body: Uint8Array, contentType: string, signal?: AbortSignal): Promise<void> {
    const command = new PutObjectCommand({
      Bucket: location.bucket,
      Key: location.key,
      Body: body,
      ContentType: contentType,
      ContentLength: body.byteLength,
      ...(this.kmsKeyId === undefined
        ? { ServerSideEncryption: 'AES256' as const }
        : { ServerSideEncryption: 'aws:kms' as const, SSEKMSKeyId: this.kmsKeyId }),
    });
    await this.#send(location, 'PutObject', () => this.client.send(command, { abortSignal: signal }));
  }

  /** Whether an object is at `location` yet: S3's 404 is "not yet", anything else still fails. */
  async exists(location: S3Location, signal?: AbortSignal): Promise<boolean> {
    const command = new HeadObjectCommand({ Bucket: location.bucket, Key: location.key });
    try {
      await this.client.send(command, { abortSignal: signal });
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw toS3Error(error, this.#context(location, 'HeadObject'));
    }
  }

  /** Reads the object at `location` whole. @throws NotFoundError when it is not there. */
  get(location: S3Location, signal?: AbortSignal): Promise<S3Payload> {
    return this.#send(location, 'GetObject', async () => {
      const out = await this.client.send(new GetObjectCommand({ Bucket: location.bucket, Key: location.key }), {
        abortSignal: signal,
      });
      const body = out.Body === undefined ? new Uint8Array(0) : await out.Body.transformToByteArray();
      return { body, contentType: out.ContentType };
    });
  }

  async #send<T>(location: S3Location, operation: S3CallContext['operation'], call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw toS3Error(error, this.#context(location, operation));
    }
  }

  #context(location: S3Location, operation: S3CallContext['operation']): S3CallContext {
    return {
      action: operation === 'PutObject' ? 's3:PutObject' : 's3:GetObject',
      operation,
      uri: `s3://${location.bucket}/${location.key}`,
      endpointName: this.endpointName,
    };
  }
}
