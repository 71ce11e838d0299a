import { AbortedError, InvalidArgumentError, ModelError, PayloadTooLargeError } from '../errors.js';
import { planRequests, serializeRow } from './batch.js';
import { CallScope, checkTimeout } from './call-scope.js';
import {
  backoffMs,
  type Clock,
  type ResolvedRetry,
  type RetryOptions,
  resolveRetry,
  shouldRetry,
  systemClock,
} from './retry.js';
import { json } from './serde/json.js';
import type { Deserializer, Serializer } from './serde/types.js';
import { PredictionStream } from './stream.js';
import type { InvokeRequest, InvokeResponse, Transport } from './transport.js';
import { SageMakerRuntimeTransport, type SageMakerRuntimeTransportOptions } from './transports/sagemaker-runtime.js';
import { checkInvokeOptions, type InvokeOptions } from './validate.js';

/**
 * What every predictor takes, whatever it calls.
 *
 * @example
 * ```ts
 * const predictor = new Predictor({
 *   endpointName: 'churn',
 *   serializer: csv(),
 *   deserializer: json(),
 *   retry: { maxAttempts: 5 },
 *   timeoutMs: 2_000,
 * });
 * ```
 */
export interface PredictorCommonOptions<I, O> {
  /** Writes inputs. @default json() */
  readonly serializer?: Serializer<I>;
  /** Reads outputs. @default json() */
  readonly deserializer?: Deserializer<O>;
  /** How failed calls are retried (throttling, 5xx, reset connections; never a `ModelError`). */
  readonly retry?: RetryOptions;
  /** A default deadline for every call, retries included, in milliseconds. @default none */
  readonly timeoutMs?: number;
  /** Time and chance, for tests. @default the system clock and Math.random */
  readonly clock?: Partial<Clock>;
}

/**
 * Options of a {@link Predictor}: a SageMaker endpoint (`endpointName`, with `region`, `client` or
 * `clientConfig`), or any {@link Transport} (what targets such as Local and Lambda pass).
 *
 * @example
 * ```ts
 * new Predictor({ endpointName: 'churn', region: 'eu-west-1' }); // a SageMaker endpoint
 * new Predictor({ transport: new LambdaInvokeTransport({ functionName: 'churn', qualifier: 'live' }) }); // any transport
 * ```
 */
export type PredictorOptions<I, O> = PredictorCommonOptions<I, O> &
  (
    | SageMakerRuntimeTransportOptions
    | {
        /** Carries requests; the predictor serializes, checks limits and retries around it. */
        readonly transport: Transport;
        /** Not with `transport`. */
        readonly endpointName?: never;
        /** Not with `transport`. */
        readonly client?: never;
        /** Not with `transport`. */
        readonly region?: never;
        /** Not with `transport`. */
        readonly clientConfig?: never;
        /** Not with `transport`: the transport knows its limit. */
        readonly maxRequestBytes?: never;
      }
  );

/**
 * An output with what the service said about it.
 *
 * @example
 * ```ts
 * const { output, invokedProductionVariant, attempts } = await predictor.predictWithMetadata(input);
 * console.log(`${invokedProductionVariant} answered after ${attempts} attempt(s)`, output);
 * ```
 */
export interface Prediction<O> {
  /** The deserialized output. */
  readonly output: O;
  /** The response's `Content-Type`. */
  readonly contentType: string | undefined;
  /** The production variant that answered. */
  readonly invokedProductionVariant: string | undefined;
  /** Custom attributes the model sent back. */
  readonly customAttributes: string | undefined;
  /** Attempts it took, 1 when the first succeeded. */
  readonly attempts: number;
}

/**
 * Options of {@link Predictor.predictMany}; `timeoutMs` applies to each request.
 *
 * @example
 * ```ts
 * const outputs = await predictor.predictMany(rows, { batchSize: 100, concurrency: 8, timeoutMs: 10_000 });
 * ```
 */
export interface PredictManyOptions extends InvokeOptions {
  /** Requests in flight at once. @default 4 */
  readonly concurrency?: number;
  /**
   * Inputs per request. Above 1, inputs are packed with the serializer's `packRows` and the response split
   * with the deserializer's `splitRows` (JSON arrays, CSV and JSON lines, npy rows); a batch over the payload
   * limit is halved until it fits. At 1, each input is sent alone with `serialize`, exactly as `predict` does.
   * @default 64 when the serializer and deserializer can batch, else 1
   */
  readonly batchSize?: number;
}

/**
 * Calls a deployed model: serializes the input, checks it against the service's limits before sending, retries
 * what is worth retrying (throttling, 5xx, reset connections: capped exponential backoff with full jitter) and
 * deserializes the output. `ModelError`s are never retried.
 *
 * @example
 * ```ts
 * import { Predictor, csv } from 'modelship/predictor';
 * const churn = new Predictor({ endpointName: 'churn', serializer: csv(), deserializer: csv() });
 * const [score] = await churn.predict([3, 'pro', 49.5]);
 * const scores = await churn.predictMany(rows, { batchSize: 200, concurrency: 8 });
 * ```
 */
export class Predictor<I = unknown, O = unknown> {
  /** What carries the requests. */
  readonly transport: Transport;
  /** Writes inputs. */
  readonly serializer: Serializer<I>;
  /** Reads outputs. */
  readonly deserializer: Deserializer<O>;
  readonly #retry: ResolvedRetry;
  readonly #clock: Clock;
  readonly #timeoutMs: number | undefined;

  /** @throws InvalidArgumentError for a bad endpoint name, retry policy or timeout. No call is made. */
  constructor(options: PredictorOptions<I, O>) {
    const { serializer, deserializer, retry, timeoutMs, clock, ...target } = options;
    this.transport =
      'transport' in target && target.transport !== undefined
        ? target.transport
        : new SageMakerRuntimeTransport(target as SageMakerRuntimeTransportOptions);
    this.serializer = serializer ?? (json() as Serializer<I>);
    this.deserializer = deserializer ?? (json() as Deserializer<O>);
    this.#retry = resolveRetry(retry);
    checkTimeout(timeoutMs);
    this.#timeoutMs = timeoutMs;
    this.#clock = { ...systemClock, ...clock };
  }

  /**
   * Sends one input and returns the model's output.
   * @throws InvalidArgumentError for bad input or options; PayloadTooLargeError over the request limit (no call).
   * @throws ModelError when the model failed on the input or its response cannot be read (not retried).
   * @throws ThrottledError, ServiceError, NotFoundError, AccessDeniedError when the service refused or failed.
   * @throws AbortedError when `signal` aborted; TimeoutError past `timeoutMs`.
   */
  async predict(input: I, options: InvokeOptions = {}): Promise<O> {
    return (await this.predictWithMetadata(input, options)).output;
  }

  /**
   * As {@link predict}, also returning the variant that answered, the response's content type and custom
   * attributes, and the number of attempts.
   * @throws as {@link predict}.
   */
  async predictWithMetadata(input: I, options: InvokeOptions = {}): Promise<Prediction<O>> {
    this.#checkOptions(options);
    const body = serializeRow(this.serializer, input);
    this.#checkSize(body);
    const scope = this.#scope(options);
    try {
      const { response, attempts } = await this.#send(body, options, scope);
      return {
        output: this.#read(() => this.deserializer.deserialize(response.body, response.contentType), response),
        contentType: response.contentType,
        invokedProductionVariant: response.invokedProductionVariant,
        customAttributes: response.customAttributes,
        attempts,
      };
    } finally {
      scope.dispose();
    }
  }

  /**
   * Predicts many inputs and returns their outputs in the same order, packing several inputs per request
   * where the serializer and deserializer can (see {@link PredictManyOptions.batchSize}), with at most
   * `concurrency` requests in flight. Every request is serialized and checked before the first is sent. The
   * first failure aborts the requests still in flight and rejects.
   * @throws InvalidArgumentError for bad options, or a `batchSize` above 1 with a format that cannot batch.
   * @throws as {@link predict}; ModelError too when a response does not hold one result per input.
   */
  async predictMany(inputs: readonly I[], options: PredictManyOptions = {}): Promise<O[]> {
    this.#checkOptions(options);
    const { concurrency = 4 } = options;
    const canBatch = this.serializer.packRows !== undefined && this.deserializer.splitRows !== undefined;
    const batchSize = options.batchSize ?? (canBatch ? 64 : 1);
    checkCount('concurrency', concurrency);
    checkCount('batchSize', batchSize);
    if (!Array.isArray(inputs)) throw new InvalidArgumentError('inputs', 'predictMany takes an array of inputs.');
    if (batchSize > 1 && !canBatch) {
      throw new InvalidArgumentError(
        'batchSize',
        `batchSize ${batchSize} needs a serializer with packRows and a deserializer with splitRows (json, csv, jsonLines, npy); these cannot batch. Leave batchSize out to send one input per request.`,
      );
    }
    const plan = planRequests(inputs, this.serializer, batchSize, this.transport.maxRequestBytes, (size, row) =>
      this.#tooLarge(size, `input[${row}]`),
    );
    const outputs = new Array<O>(inputs.length);
    // Stops the other requests once one has failed, and follows the caller's signal.
    const stop = new AbortController();
    const onAbort = () => stop.abort(options.signal?.reason);
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < plan.length && !stop.signal.aborted) {
        const request = plan[next++]!;
        const scope = this.#scope({ ...options, signal: stop.signal });
        try {
          const { response } = await this.#send(request.body, options, scope);
          const results = request.packed
            ? this.#read(
                () => this.deserializer.splitRows!(response.body, request.count, response.contentType),
                response,
              )
            : [this.#read(() => this.deserializer.deserialize(response.body, response.contentType), response)];
          for (let i = 0; i < request.count; i++) outputs[request.start + i] = results[i]!;
        } finally {
          scope.dispose();
        }
      }
    };
    // The first failure, kept apart: the aborts it causes in the other workers must not be reported instead.
    let failure: { error: unknown } | undefined;
    try {
      const workers = Array.from({ length: Math.min(concurrency, plan.length) }, () =>
        worker().catch((error: unknown) => {
          failure ??= { error };
          stop.abort(error);
          throw error;
        }),
      );
      await Promise.all(workers).catch((error: unknown) => {
        throw failure === undefined ? error : failure.error;
      });
      // A caller's abort between requests ends the workers without an error of their own.
      if (stop.signal.aborted) {
        throw new AbortedError(`predictMany on ${this.transport.description} was aborted.`, {
          cause: options.signal?.reason,
        });
      }
      return outputs;
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Streams the model's response (SageMaker `InvokeEndpointWithResponseStream`). The request is sent when reading
   * starts; failures before the first chunk are retried as for {@link predict}, a break after it is a
   * `StreamInterruptedError` holding what arrived. `timeoutMs` bounds the whole stream.
   * @throws (when read) InvalidArgumentError when the transport cannot stream or `targetModel` is set; as
   * {@link predict} otherwise.
   */
  predictStream(input: I, options: InvokeOptions = {}): PredictionStream {
    return new PredictionStream(() => this.#stream(input, options));
  }

  /** Frees the transport's resources (the sockets of a client the predictor made). */
  close(): void {
    this.transport.close?.();
  }

  async *#stream(input: I, options: InvokeOptions): AsyncGenerator<Uint8Array, void, undefined> {
    const { transport } = this;
    if (transport.invokeStream === undefined) {
      throw new InvalidArgumentError('predictStream', `${transport.description} cannot stream responses; use predict.`);
    }
    this.#checkOptions(options);
    const body = serializeRow(this.serializer, input);
    this.#checkSize(body);
    const scope = this.#scope(options);
    const request = this.#request(body, options, scope.signal);
    const started = this.#clock.now();
    let iterator: AsyncIterator<Uint8Array> | undefined;
    // Whether a next() is still pending on the transport: then closing must not wait behind it.
    let pending = false;
    const next = (it: AsyncIterator<Uint8Array>) => {
      pending = true;
      const settled = it.next().finally(() => {
        pending = false;
      });
      return scope.race(settled);
    };
    try {
      for (let attempt = 1; ; attempt++) {
        scope.throwIfDone();
        iterator = transport.invokeStream(request)[Symbol.asyncIterator]();
        let first: IteratorResult<Uint8Array>;
        try {
          first = await next(iterator);
        } catch (error) {
          void close(iterator, pending);
          iterator = undefined;
          await this.#backoff(error, attempt, started, scope);
          continue;
        }
        if (first.done) return;
        yield first.value;
        for (;;) {
          const chunk = await next(iterator);
          if (chunk.done) return;
          yield chunk.value;
        }
      }
    } finally {
      // The reader left early (or failed): close the transport's stream. Awaited when it is idle, so the
      // connection is closed by the time the reader's loop ends; not when a next() is stuck on a transport
      // that ignores the abort.
      if (iterator !== undefined) await close(iterator, pending);
      scope.dispose();
    }
  }

  async #send(
    body: Uint8Array,
    options: InvokeOptions,
    scope: CallScope,
  ): Promise<{ response: InvokeResponse; attempts: number }> {
    const request = this.#request(body, options, scope.signal);
    const started = this.#clock.now();
    for (let attempt = 1; ; attempt++) {
      scope.throwIfDone();
      try {
        return { response: await scope.race(this.transport.invoke(request)), attempts: attempt };
      } catch (error) {
        await this.#backoff(error, attempt, started, scope);
      }
    }
  }

  /** Waits before the next attempt, or rethrows when the error is final or time has run out. */
  async #backoff(error: unknown, attempt: number, started: number, scope: CallScope): Promise<void> {
    if (!shouldRetry(error, attempt, this.#retry)) throw error;
    const delay = backoffMs(attempt, this.#retry, this.#clock.random);
    if (this.#clock.now() - started + delay > this.#retry.totalTimeoutMs) throw error;
    await scope.race(this.#clock.sleep(delay, scope.signal));
  }

  #request(body: Uint8Array, options: InvokeOptions, signal: AbortSignal | undefined): InvokeRequest {
    return {
      body,
      contentType: this.serializer.contentType,
      accept: this.deserializer.accept,
      customAttributes: options.customAttributes,
      targetVariant: options.targetVariant,
      targetModel: options.targetModel,
      inferenceId: options.inferenceId,
      inferenceComponentName: options.inferenceComponentName,
      targetContainerHostname: options.targetContainerHostname,
      signal,
    };
  }

  #scope(options: InvokeOptions): CallScope {
    return new CallScope(
      `The call to ${this.transport.description}`,
      options.signal,
      options.timeoutMs ?? this.#timeoutMs,
    );
  }

  #checkOptions(options: InvokeOptions): void {
    checkInvokeOptions(options);
    checkTimeout(options.timeoutMs);
  }

  #checkSize(body: Uint8Array): void {
    if (body.byteLength > this.transport.maxRequestBytes) throw this.#tooLarge(body.byteLength, 'input');
  }

  #tooLarge(size: number, what: string): PayloadTooLargeError {
    const limit = this.transport.maxRequestBytes;
    return new PayloadTooLargeError(
      `The request body for ${what} is ${megabytes(size)} (${size} bytes), over the ${megabytes(limit)} limit of ${this.transport.description}; nothing was sent. Send less per request (with predictMany, a smaller batchSize), or deploy with asynchronous inference (SageMaker.async), which reads payloads of up to 1 GB from S3.`,
      size,
      limit,
    );
  }

  /** Runs a deserializer, reporting its failure as the model's: the response was not what was asked for. */
  #read<T>(read: () => T, response: InvokeResponse): T {
    try {
      return read();
    } catch (error) {
      throw new ModelError(
        `The response of ${this.transport.description} could not be read as ${this.deserializer.accept} (it came as ${response.contentType ?? 'no content type'}): ${error instanceof Error ? error.message : String(error)}`,
        { cause: error, originalMessage: new TextDecoder().decode(response.body.subarray(0, 512)) },
      );
    }
  }
}

async function close(iterator: AsyncIterator<unknown>, busy: boolean): Promise<void> {
  const closing = Promise.resolve(iterator.return?.()).catch(() => {});
  if (!busy) await closing;
}

function checkCount(argument: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new InvalidArgumentError(argument, `${argument} must be a whole number of at least 1; got ${value}.`);
  }
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}
