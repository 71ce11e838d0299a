/**
 * The SageMaker Runtime transport: `InvokeEndpoint` and `InvokeEndpointWithResponseStream` over the AWS SDK v3
 * client. Imports only the runtime client and the HTTP handler, never the control plane.
 */
import {
  InvokeEndpointCommand,
  InvokeEndpointWithResponseStreamCommand,
  SageMakerRuntimeClient,
  type SageMakerRuntimeClientConfig,
} from '@aws-sdk/client-sagemaker-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { AbortedError, InvalidArgumentError } from '../../errors.js';
import { StreamInterruptedError } from '../stream-error.js';
import type { InvokeRequest, InvokeResponse, Transport } from '../transport.js';
import { type RuntimeCallContext, toModelshipError } from './sagemaker-runtime-errors.js';

/**
 * The largest request body a real-time endpoint accepts: 6 MB (6 MiB, as the service counts).
 *
 * @example
 * ```ts
 * const batchSize = Math.floor(REALTIME_MAX_REQUEST_BYTES / bytesPerRow);
 * ```
 */
export const REALTIME_MAX_REQUEST_BYTES = 6 * 1024 * 1024;

const ENDPOINT_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/;

/**
 * Options of {@link SageMakerRuntimeTransport}.
 *
 * @example
 * ```ts
 * new SageMakerRuntimeTransport({
 *   endpointName: 'churn',
 *   region: 'eu-west-1',
 *   clientConfig: { endpoint: 'http://localhost:8080' },
 * });
 * new SageMakerRuntimeTransport({ endpointName: 'churn', client: new SageMakerRuntimeClient({ maxAttempts: 1 }) });
 * ```
 */
export type SageMakerRuntimeTransportOptions = {
  /** The endpoint to call. */
  readonly endpointName: string;
  /**
   * The largest request body to send, in bytes.
   * @default 6291456 (6 MB, the real-time endpoint limit)
   */
  readonly maxRequestBytes?: number;
  /** @default `SageMaker endpoint <endpointName>` */
  readonly description?: string;
} & (
  | {
      /** A client of your own, used as is (its retries too: set `maxAttempts: 1` to leave retrying to the predictor). */
      readonly client: SageMakerRuntimeClient;
      /** Not with `client`: configure your client instead. */
      readonly region?: never;
      /** Not with `client`: configure your client instead. */
      readonly clientConfig?: never;
    }
  | {
      /** Not with `region` or `clientConfig`. */
      readonly client?: never;
      /** @default resolved as the AWS SDK does (`AWS_REGION`, profile) */
      readonly region?: string;
      /**
       * Configuration of the client the transport makes (endpoint, credentials, logger…). The transport sets
       * `maxAttempts: 1` and a keep-alive HTTP handler with 64 sockets unless given here.
       */
      readonly clientConfig?: SageMakerRuntimeClientConfig;
    }
);

/**
 * Calls a SageMaker endpoint through the SageMaker Runtime API. Requests are sent once: retries belong to the
 * predictor. Failures are modelship errors (`ModelError`, `NotFoundError`, `ThrottledError`, `ServiceError`,
 * `AccessDeniedError`, `AbortedError`, …); a stream that breaks off after it began is a
 * {@link StreamInterruptedError} holding what arrived.
 *
 * @example
 * ```ts
 * const transport = new SageMakerRuntimeTransport({ endpointName: 'churn', region: 'eu-west-1' });
 * const predictor = new Predictor({ transport });
 * ```
 */
export class SageMakerRuntimeTransport implements Transport {
  readonly description: string;
  readonly maxRequestBytes: number;
  /** The endpoint it calls. */
  readonly endpointName: string;
  #client: SageMakerRuntimeClient | undefined;
  readonly #ownsClient: boolean;
  readonly #config: SageMakerRuntimeClientConfig;

  /** @throws InvalidArgumentError for an endpoint name SageMaker would refuse or a bad `maxRequestBytes`. */
  constructor(options: SageMakerRuntimeTransportOptions) {
    const { endpointName } = options;
    if (typeof endpointName !== 'string' || endpointName.length > 63 || !ENDPOINT_NAME.test(endpointName)) {
      throw new InvalidArgumentError(
        'endpointName',
        `"${String(endpointName)}" is not a SageMaker endpoint name: use 1 to 63 letters, digits and hyphens, starting and ending with a letter or digit.`,
      );
    }
    const max = options.maxRequestBytes ?? REALTIME_MAX_REQUEST_BYTES;
    if (!Number.isSafeInteger(max) || max <= 0) {
      throw new InvalidArgumentError('maxRequestBytes', `maxRequestBytes must be a positive integer; got ${max}.`);
    }
    this.endpointName = endpointName;
    this.maxRequestBytes = max;
    this.description = options.description ?? `SageMaker endpoint ${endpointName}`;
    this.#client = options.client;
    this.#ownsClient = options.client === undefined;
    this.#config = {
      ...options.clientConfig,
      ...(options.region === undefined ? {} : { region: options.region }),
    };
  }

  /** The client in use, made on first use when none was given. */
  get client(): SageMakerRuntimeClient {
    this.#client ??= createRuntimeClient(this.#config);
    return this.#client;
  }

  /**
   * Sends one `InvokeEndpoint` request.
   * @throws ModelshipError as described on the class.
   */
  async invoke(request: InvokeRequest): Promise<InvokeResponse> {
    const context = this.#context('InvokeEndpoint');
    try {
      const command = new InvokeEndpointCommand({
        EndpointName: this.endpointName,
        Body: request.body,
        ContentType: request.contentType,
        Accept: request.accept,
        CustomAttributes: request.customAttributes,
        TargetModel: request.targetModel,
        TargetVariant: request.targetVariant,
        TargetContainerHostname: request.targetContainerHostname,
        InferenceId: request.inferenceId,
        InferenceComponentName: request.inferenceComponentName,
      });
      // Without options the client may reuse its resolved middleware stack (`cacheMiddleware`); with any, even
      // `{ abortSignal: undefined }`, it rebuilds the stack for every call.
      const out = await (request.signal === undefined
        ? this.client.send(command)
        : this.client.send(command, { abortSignal: request.signal }));
      return {
        body: out.Body ?? new Uint8Array(0),
        contentType: out.ContentType,
        invokedProductionVariant: out.InvokedProductionVariant,
        customAttributes: out.CustomAttributes,
      };
    } catch (error) {
      throw toModelshipError(error, context);
    }
  }

  /**
   * Sends one `InvokeEndpointWithResponseStream` request on the first `next()` and yields the payload parts
   * as they arrive. Ending the iteration early or aborting `request.signal` closes the connection.
   * @throws InvalidArgumentError when `targetModel` is set (streaming does not reach multi-model endpoints).
   * @throws StreamInterruptedError when the stream breaks off after it began; other modelship errors before.
   */
  async *invokeStream(request: InvokeRequest): AsyncGenerator<Uint8Array, void, undefined> {
    if (request.targetModel !== undefined) {
      throw new InvalidArgumentError(
        'targetModel',
        'Response streaming does not support multi-model endpoints (targetModel); use predict instead.',
      );
    }
    const context = this.#context('InvokeEndpointWithResponseStream');
    // Our own controller, so that leaving the loop early also closes the connection.
    const controller = new AbortController();
    const onAbort = () => controller.abort(request.signal?.reason);
    request.signal?.addEventListener('abort', onAbort, { once: true });
    if (request.signal?.aborted) onAbort();
    const received: Uint8Array[] = [];
    let started = false;
    try {
      const out = await this.client.send(
        new InvokeEndpointWithResponseStreamCommand({
          EndpointName: this.endpointName,
          Body: request.body,
          ContentType: request.contentType,
          Accept: request.accept,
          CustomAttributes: request.customAttributes,
          TargetVariant: request.targetVariant,
          TargetContainerHostname: request.targetContainerHostname,
          InferenceId: request.inferenceId,
          InferenceComponentName: request.inferenceComponentName,
        }),
        { abortSignal: controller.signal },
      );
      started = true;
      for await (const event of out.Body ?? []) {
        if (event.PayloadPart !== undefined) {
          const bytes = event.PayloadPart.Bytes;
          if (bytes !== undefined && bytes.byteLength > 0) {
            received.push(bytes);
            yield bytes;
          }
        } else if (event.ModelStreamError !== undefined) {
          throw streamError(event.ModelStreamError, 'ModelStreamError', received, context);
        } else if (event.InternalStreamFailure !== undefined) {
          throw streamError(event.InternalStreamFailure, 'InternalStreamFailure', received, context);
        }
      }
    } catch (error) {
      if (request.signal?.aborted) {
        throw new AbortedError(`The stream from ${context.description} was aborted.`, { cause: error });
      }
      if (error instanceof StreamInterruptedError || !started) throw toModelshipError(error, context);
      // Errors modelled as stream events may also arrive thrown by the SDK's event-stream reader.
      const name = (error as { name?: unknown }).name;
      if (name === 'ModelStreamError' || name === 'InternalStreamFailure') {
        throw streamError(error as StreamFailure, name, received, context);
      }
      const mapped = toModelshipError(error, context);
      if (mapped.code === 'ABORTED') throw mapped;
      throw new StreamInterruptedError(
        'SERVICE_ERROR',
        `The stream from ${context.description} broke off after ${byteLength(received)} bytes: ${mapped.message}`,
        concat(received),
        { cause: error },
      );
    } finally {
      request.signal?.removeEventListener('abort', onAbort);
      // Closes the socket when the consumer stopped early; a no-op once the response has ended.
      controller.abort();
    }
  }

  /** Destroys the client the transport made (its sockets); a client you passed in is left to you. */
  close(): void {
    if (this.#ownsClient) this.#client?.destroy();
    this.#client = undefined;
  }

  #context(operation: RuntimeCallContext['operation']): RuntimeCallContext {
    return { description: this.description, endpointName: this.endpointName, operation };
  }
}

/**
 * Makes a SageMaker Runtime client for a predictor: one attempt per call (the predictor retries), a keep-alive
 * handler with 64 sockets, so 32+ concurrent calls reuse warm connections instead of queueing or reconnecting, and
 * a cached middleware stack.
 *
 * @example
 * ```ts
 * const client = createRuntimeClient({ region: 'eu-west-1' });
 * const predictor = new Predictor({ endpointName: 'churn', client });
 * ```
 */
export function createRuntimeClient(config: SageMakerRuntimeClientConfig = {}): SageMakerRuntimeClient {
  return new SageMakerRuntimeClient({
    maxAttempts: 1,
    // Resolving the middleware stack anew for every call is a sizeable part of a small request's client-side CPU
    // (bench/predictor-overhead.ts); nothing adds middleware to a client the transport made, so it can be cached.
    cacheMiddleware: true,
    customUserAgent: [['modelship']],
    requestHandler: new NodeHttpHandler({
      httpAgent: { keepAlive: true, maxSockets: 64 },
      httpsAgent: { keepAlive: true, maxSockets: 64 },
      // A TCP connect to AWS takes milliseconds; one stuck for seconds is better abandoned and retried.
      connectionTimeout: 5_000,
    }),
    ...config,
  });
}

interface StreamFailure {
  readonly Message?: string | undefined;
  readonly message?: string;
  readonly ErrorCode?: string | undefined;
}

function streamError(
  failure: StreamFailure,
  kind: 'ModelStreamError' | 'InternalStreamFailure',
  received: readonly Uint8Array[],
  context: RuntimeCallContext,
): StreamInterruptedError {
  const said = failure.Message ?? failure.message ?? '';
  const errorCode = kind === 'ModelStreamError' ? (failure.ErrorCode ?? kind) : kind;
  const size = byteLength(received);
  return kind === 'ModelStreamError'
    ? new StreamInterruptedError(
        'MODEL_ERROR',
        `The model behind ${context.description} broke off its stream after ${size} bytes (${errorCode}): ${said}`,
        concat(received),
        { streamErrorCode: errorCode, cause: failure },
      )
    : new StreamInterruptedError(
        'SERVICE_ERROR',
        `${context.description} failed while streaming, after ${size} bytes (InternalStreamFailure): ${said} Send the request again.`,
        concat(received),
        { streamErrorCode: errorCode, cause: failure },
      );
}

function byteLength(parts: readonly Uint8Array[]): number {
  let n = 0;
  for (const part of parts) n += part.byteLength;
  return n;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(byteLength(parts));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
