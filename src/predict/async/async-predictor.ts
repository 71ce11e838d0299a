/**
 * `AsyncPredictor`: calls a SageMaker asynchronous endpoint. A payload goes to S3 first (the endpoint reads it
 * from there, up to 1 GB), `InvokeEndpointAsync` queues the inference, and the returned handle waits for the
 * output or failure object SageMaker writes. Only the SageMaker Runtime and S3 clients are used, never the
 * control plane.
 */
import { randomUUID } from 'node:crypto';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { InvokeEndpointAsyncCommand, type SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { InvalidArgumentError, PayloadTooLargeError, ServiceError } from '../../errors.js';
import { serializeRow } from '../batch.js';
import { CallScope, checkTimeout } from '../call-scope.js';
import { type Clock, type ResolvedRetry, resolveRetry, systemClock } from '../retry.js';
import { json } from '../serde/json.js';
import type { Deserializer, Serializer } from '../serde/types.js';
import { createRuntimeClient } from '../transports/sagemaker-runtime.js';
import { attempt } from './attempts.js';
import { AsyncInference, type AsyncInferenceLocations } from './inference.js';
import { toInvokeAsyncError } from './invoke-async-errors.js';
import {
  ASYNC_MAX_PAYLOAD_BYTES,
  type AsyncPredictorOptions,
  checkSubmitOptions,
  type SubmitOptions,
} from './options.js';
import { S3Payloads } from './s3-payloads.js';
import { parseS3Prefix, type S3Prefix, tryParseS3Object } from './s3-uri.js';

const ENDPOINT_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/;
const KMS_KEY = /^[a-zA-Z0-9:/_-]{1,2048}$/;

/**
 * Calls a SageMaker asynchronous inference endpoint (`SageMaker.async`).
 *
 * @example
 * ```ts
 * import { AsyncPredictor } from 'modelship';
 * const transcriber = new AsyncPredictor<Uint8Array, { text: string }>({
 *   endpointName: 'whisper-async',
 *   inputS3Uri: 's3://ml-inputs/whisper/',
 *   serializer: bytes({ contentType: 'audio/wav' }),
 * });
 * const job = await transcriber.submit(audio, { inferenceId: 'call-1234' });
 * const { text } = await job.result({ timeoutMs: 15 * 60_000 });
 * ```
 */
export class AsyncPredictor<I = unknown, O = unknown> {
  /** The async endpoint it calls. */
  readonly endpointName: string;
  /** Writes inputs. */
  readonly serializer: Serializer<I>;
  /** Reads outputs. */
  readonly deserializer: Deserializer<O>;
  /** For messages: `SageMaker async endpoint churn`. */
  readonly description: string;
  /** The largest payload `submit` uploads, in bytes. */
  readonly maxPayloadBytes: number;
  readonly #input: S3Prefix;
  readonly #retry: ResolvedRetry;
  readonly #clock: Clock;
  readonly #timeoutMs: number | undefined;
  readonly #kmsKeyId: string | undefined;
  readonly #runtimeConfig: Parameters<typeof createRuntimeClient>[0];
  readonly #s3Config: S3ClientConfig;
  readonly #ownsRuntime: boolean;
  readonly #ownsS3: boolean;
  #runtime: SageMakerRuntimeClient | undefined;
  #s3: S3Client | undefined;
  #payloads: S3Payloads | undefined;

  /** @throws InvalidArgumentError for a bad endpoint name, input prefix, KMS key, retry policy or timeout. No call is made. */
  constructor(options: AsyncPredictorOptions<I, O>) {
    if (typeof options !== 'object' || options === null) {
      throw new InvalidArgumentError(
        'options',
        "AsyncPredictor takes { endpointName, inputS3Uri: 's3://bucket/prefix/' }.",
      );
    }
    const { endpointName } = options;
    if (typeof endpointName !== 'string' || endpointName.length > 63 || !ENDPOINT_NAME.test(endpointName)) {
      throw new InvalidArgumentError(
        'endpointName',
        `"${String(endpointName)}" is not a SageMaker endpoint name: use 1 to 63 letters, digits and hyphens, starting and ending with a letter or digit.`,
      );
    }
    if (options.kmsKeyId !== undefined && (typeof options.kmsKeyId !== 'string' || !KMS_KEY.test(options.kmsKeyId))) {
      throw new InvalidArgumentError(
        'kmsKeyId',
        `kmsKeyId "${String(options.kmsKeyId)}" is not a KMS key id, ARN or alias.`,
      );
    }
    const max = options.maxPayloadBytes ?? ASYNC_MAX_PAYLOAD_BYTES;
    if (!Number.isSafeInteger(max) || max <= 0 || max > ASYNC_MAX_PAYLOAD_BYTES) {
      throw new InvalidArgumentError(
        'maxPayloadBytes',
        `maxPayloadBytes must be a whole number of bytes from 1 to ${ASYNC_MAX_PAYLOAD_BYTES} (1 GB, the service limit); got ${max}.`,
      );
    }
    checkTimeout(options.timeoutMs);
    this.endpointName = endpointName;
    this.#input = parseS3Prefix(options.inputS3Uri, 'inputS3Uri');
    this.serializer = options.serializer ?? (json() as Serializer<I>);
    this.deserializer = options.deserializer ?? (json() as Deserializer<O>);
    this.description = options.description ?? `SageMaker async endpoint ${endpointName}`;
    this.maxPayloadBytes = max;
    this.#retry = resolveRetry(options.retry);
    this.#clock = { ...systemClock, ...options.clock };
    this.#timeoutMs = options.timeoutMs;
    this.#kmsKeyId = options.kmsKeyId;
    const region = options.region === undefined ? {} : { region: options.region };
    this.#runtimeConfig = { ...options.clientConfig, ...region };
    this.#s3Config = { ...options.s3ClientConfig, ...region };
    this.#runtime = options.client;
    this.#s3 = options.s3Client;
    this.#ownsRuntime = options.client === undefined;
    this.#ownsS3 = options.s3Client === undefined;
  }

  /**
   * Uploads `input` (serialized, with the serializer's content type, encrypted at rest) under `inputS3Uri`, then
   * queues the inference with `InvokeEndpointAsync`. Both are retried as `Predictor` retries. A payload that
   * was uploaded stays when the call then fails: give the prefix an S3 lifecycle rule.
   * @returns the inference's handle, once SageMaker has queued it (not when it is done).
   * @throws InvalidArgumentError for bad input or options; PayloadTooLargeError over `maxPayloadBytes` (no upload).
   * @throws AccessDeniedError, NotFoundError, ThrottledError, ServiceError from S3 or SageMaker Runtime.
   * @throws AbortedError when `signal` aborts; TimeoutError past `timeoutMs`.
   */
  async submit(input: I, options: SubmitOptions = {}): Promise<AsyncInference<O>> {
    checkSubmitOptions(options);
    const body = serializeRow(this.serializer, input);
    if (body.byteLength > this.maxPayloadBytes) {
      throw new PayloadTooLargeError(
        `The payload for ${this.description} is ${body.byteLength} bytes, over the ${this.maxPayloadBytes}-byte limit; nothing was uploaded. Async endpoints read at most 1 GB per request: split the input, or use a batch transform job.`,
        body.byteLength,
        this.maxPayloadBytes,
      );
    }
    const key = `${this.#input.prefix}${randomUUID()}`;
    const inputLocation = `s3://${this.#input.bucket}/${key}`;
    const scope = new CallScope(
      `Submitting to ${this.description}`,
      options.signal,
      options.timeoutMs ?? this.#timeoutMs,
    );
    const policy = { retry: this.#retry, clock: this.#clock };
    try {
      const payloads = this.#s3Payloads();
      await attempt(policy, scope, () =>
        payloads.put({ bucket: this.#input.bucket, key }, body, this.serializer.contentType, scope.signal),
      );
      const out = await attempt(policy, scope, () => this.#invoke(inputLocation, options, scope.signal));
      if (out.OutputLocation === undefined) {
        throw new ServiceError(`${this.description} queued the inference but named no OutputLocation.`, {
          retryable: false,
        });
      }
      return this.#handle({
        inferenceId: out.InferenceId ?? options.inferenceId ?? '',
        inputLocation,
        outputLocation: out.OutputLocation,
        ...(out.FailureLocation === undefined ? {} : { failureLocation: out.FailureLocation }),
      });
    } finally {
      scope.dispose();
    }
  }

  /**
   * The handle of an inference submitted earlier, perhaps by another process, from its kept locations
   * (`JSON.stringify(handle)`).
   * @throws InvalidArgumentError when a location is not an `s3://bucket/key` URI.
   */
  inference(locations: AsyncInferenceLocations): AsyncInference<O> {
    for (const member of ['outputLocation', 'failureLocation'] as const) {
      const uri = locations?.[member];
      if ((uri !== undefined || member === 'outputLocation') && (typeof uri !== 'string' || !tryParseS3Object(uri))) {
        throw new InvalidArgumentError(member, `${member} "${String(uri)}" is not an s3://bucket/key URI.`);
      }
    }
    return this.#handle(locations);
  }

  /** Destroys the clients the predictor made (their sockets); clients you passed in are left to you. */
  close(): void {
    if (this.#ownsRuntime) this.#runtime?.destroy();
    if (this.#ownsS3) this.#s3?.destroy();
    this.#runtime = this.#ownsRuntime ? undefined : this.#runtime;
    this.#s3 = this.#ownsS3 ? undefined : this.#s3;
    this.#payloads = undefined;
  }

  #handle(locations: AsyncInferenceLocations): AsyncInference<O> {
    return new AsyncInference(locations, {
      description: this.description,
      payloads: this.#s3Payloads(),
      deserializer: this.deserializer,
      policy: { retry: this.#retry, clock: this.#clock },
    });
  }

  async #invoke(inputLocation: string, options: SubmitOptions, signal: AbortSignal | undefined) {
    this.#runtime ??= createRuntimeClient(this.#runtimeConfig);
    const command = new InvokeEndpointAsyncCommand({
      EndpointName: this.endpointName,
      InputLocation: inputLocation,
      ContentType: this.serializer.contentType,
      Accept: this.deserializer.accept,
      ...(options.customAttributes === undefined ? {} : { CustomAttributes: options.customAttributes }),
      ...(options.inferenceId === undefined ? {} : { InferenceId: options.inferenceId }),
      ...(options.requestTtlS === undefined ? {} : { RequestTTLSeconds: options.requestTtlS }),
      ...(options.invocationTimeoutS === undefined ? {} : { InvocationTimeoutSeconds: options.invocationTimeoutS }),
    });
    try {
      return await this.#runtime.send(command, { abortSignal: signal });
    } catch (error) {
      throw toInvokeAsyncError(error, this.description, this.endpointName);
    }
  }

  #s3Payloads(): S3Payloads {
    // One attempt per call, as for the runtime client: retrying is the predictor's.
    this.#s3 ??= new S3Client({ maxAttempts: 1, customUserAgent: [['modelship']], ...this.#s3Config });
    this.#payloads ??= new S3Payloads(this.#s3, this.endpointName, this.#kmsKeyId);
    return this.#payloads;
  }
}
