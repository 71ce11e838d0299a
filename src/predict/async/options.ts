/**
 * The options of {@link AsyncPredictor} and its calls, and their checks against the SageMaker Runtime API
 * (`InvokeEndpointAsync` in `../shared/aws-models/sagemaker-runtime.json`), made before anything is uploaded.
 */
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import type { SageMakerRuntimeClient, SageMakerRuntimeClientConfig } from '@aws-sdk/client-sagemaker-runtime';
import { InvalidArgumentError } from '../../errors.js';
import { checkTimeout } from '../call-scope.js';
import type { PredictorCommonOptions } from '../predictor.js';
import { checkInvokeOptions } from '../validate.js';

/**
 * The largest payload an async endpoint reads from S3: 1 GB.
 *
 * @example
 * ```ts
 * if (audio.byteLength > ASYNC_MAX_PAYLOAD_BYTES) throw new Error('split the recording first');
 * ```
 */
export const ASYNC_MAX_PAYLOAD_BYTES = 1024 * 1024 * 1024;

/**
 * Options of {@link AsyncPredictor}. `timeoutMs` bounds each `submit` (upload and call, retries included);
 * waiting for a result has its own deadline, {@link ResultOptions.timeoutMs}.
 *
 * @example
 * ```ts
 * const predictor = new AsyncPredictor({
 *   endpointName: 'whisper-async',
 *   inputS3Uri: 's3://ml-inputs/whisper/',
 *   region: 'eu-west-1',
 *   serializer: bytes({ contentType: 'audio/wav' }),
 *   kmsKeyId: 'alias/ml-inputs',
 * });
 * ```
 */
export interface AsyncPredictorOptions<I, O> extends PredictorCommonOptions<I, O> {
  /** The async endpoint to call. */
  readonly endpointName: string;
  /**
   * Where payloads are uploaded, as `s3://bucket/prefix/`: each `submit` writes one new object under it. The
   * endpoint's execution role must be able to read it.
   */
  readonly inputS3Uri: string;
  /** @default resolved as the AWS SDK does (`AWS_REGION`, profile) */
  readonly region?: string;
  /** A SageMaker Runtime client of your own, used as is (set `maxAttempts: 1` to leave retrying to the predictor). */
  readonly client?: SageMakerRuntimeClient;
  /** Configuration of the runtime client the predictor makes when `client` is not given. */
  readonly clientConfig?: SageMakerRuntimeClientConfig;
  /** An S3 client of your own, for uploads and for reading results. */
  readonly s3Client?: S3Client;
  /** Configuration of the S3 client the predictor makes when `s3Client` is not given. */
  readonly s3ClientConfig?: S3ClientConfig;
  /**
   * A KMS key (id, ARN or alias) that encrypts uploaded payloads (SSE-KMS). The endpoint's role needs
   * `kms:Decrypt` on it.
   * @default SSE-S3 (AES256)
   */
  readonly kmsKeyId?: string;
  /**
   * The largest payload to upload, in bytes.
   * @default 1073741824 (1 GB, the service limit)
   */
  readonly maxPayloadBytes?: number;
  /** @default `SageMaker async endpoint <endpointName>` */
  readonly description?: string;
}

/**
 * Options of {@link AsyncPredictor.submit}.
 *
 * @example
 * ```ts
 * const job = await predictor.submit(audio, { inferenceId: 'call-1234', requestTtlS: 3600, invocationTimeoutS: 600 });
 * ```
 */
export interface SubmitOptions {
  /**
   * An id of yours for this inference (1 to 64 printable ASCII characters), echoed in the result, SNS
   * notifications and data capture. @default one SageMaker makes
   */
  readonly inferenceId?: string;
  /**
   * How long the request may wait in the endpoint's queue before SageMaker drops it, in seconds (60–21600).
   * @default 21600 (6 hours)
   */
  readonly requestTtlS?: number;
  /**
   * How long the model may take on this request, in seconds (1–3600).
   * @default 900 (15 minutes)
   */
  readonly invocationTimeoutS?: number;
  /** Passed to the model as is: at most 1024 visible ASCII characters. */
  readonly customAttributes?: string;
  /** Cancels the upload and the call (not an inference already queued). */
  readonly signal?: AbortSignal;
  /** A deadline for the upload and the call, retries included, in milliseconds. */
  readonly timeoutMs?: number;
}

/**
 * Options of {@link AsyncInference.result}.
 *
 * @example
 * ```ts
 * const output = await job.result({ timeoutMs: 15 * 60_000, pollMs: 2_000, maxPollMs: 20_000 });
 * ```
 */
export interface ResultOptions {
  /** Stops waiting (the inference goes on): rejects with `AbortedError`. */
  readonly signal?: AbortSignal;
  /** The longest to wait, in milliseconds: past it, `TimeoutError` (the inference goes on). @default no limit */
  readonly timeoutMs?: number;
  /** The first wait between polls, in milliseconds; it doubles (with jitter) up to `maxPollMs`. @default 1000 */
  readonly pollMs?: number;
  /** The longest wait between polls, in milliseconds. @default 30000 */
  readonly maxPollMs?: number;
}

/** @internal Checks `submit` options. @throws InvalidArgumentError naming the option. */
export function checkSubmitOptions(options: SubmitOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError('options', 'submit takes an options object, e.g. { inferenceId: "order-42" }.');
  }
  checkInvokeOptions({ customAttributes: options.customAttributes, inferenceId: options.inferenceId });
  wholeSeconds('requestTtlS', options.requestTtlS, 60, 21_600);
  wholeSeconds('invocationTimeoutS', options.invocationTimeoutS, 1, 3_600);
  checkTimeout(options.timeoutMs);
}

/** @internal Checks `result` options. @throws InvalidArgumentError naming the option. */
export function checkResultOptions(options: ResultOptions): void {
  checkTimeout(options.timeoutMs);
  checkTimeout(options.pollMs, 'pollMs');
  checkTimeout(options.maxPollMs, 'maxPollMs');
}

function wholeSeconds(argument: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError(
      argument,
      `${argument} is ${String(value)}; SageMaker takes a whole number of seconds from ${min} to ${max}.`,
    );
  }
}
