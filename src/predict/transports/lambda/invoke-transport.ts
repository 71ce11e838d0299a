/**
 * The Lambda Invoke transport: one synchronous `Invoke` (RequestResponse) per request, the body wrapped in the
 * modelship envelope (./envelope.ts). Imports the Lambda client, so it lives behind its own entry
 * (`modelship/predictor/lambda`), never `modelship/predictor`.
 */
import { InvokeCommand, type InvokeCommandOutput, LambdaClient, type LambdaClientConfig } from '@aws-sdk/client-lambda';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { AbortedError, InvalidArgumentError, ModelError, PayloadTooLargeError } from '../../../errors.js';
import type { DecodedInvokeResponse } from '../../../targets/lambda/runtime/protocol.js';
import type { InvokeRequest, InvokeResponse, Transport } from '../../transport.js';
import {
  decodeInvokePayload,
  encodeInvokePayload,
  LAMBDA_INVOKE_MAX_BODY_BYTES,
  LAMBDA_SYNC_PAYLOAD_BYTES,
} from './envelope.js';
import { functionErrorFrom } from './function-error.js';
import { type InvokeCallContext, toLambdaInvokeError } from './invoke-errors.js';
import { toRuntimeFailureError } from './runtime-failure.js';
import { rejectSageMakerOnlyOptions } from './unsupported-options.js';

// Lambda's own patterns for `FunctionName` (name, partial or full ARN) and `Qualifier` (../shared/aws-models).
const FUNCTION_NAME =
  /^(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_.]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?$/;
const QUALIFIER = /^[a-zA-Z0-9$_-]{1,128}$/;

/**
 * Options of {@link LambdaInvokeTransport}.
 *
 * @example
 * ```ts
 * new LambdaInvokeTransport({ functionName: 'churn', qualifier: 'live', region: 'eu-west-1', logTail: true });
 * new LambdaInvokeTransport({ functionName: 'churn', client: createLambdaInvokeClient({ region: 'eu-west-1' }) });
 * ```
 */
export type LambdaInvokeTransportOptions = {
  /** The function: its name, or a partial or full ARN. */
  readonly functionName: string;
  /**
   * The alias or version to call. modelship's Lambda target routes traffic through the alias `live`; pass it to
   * follow canary shifts and rollbacks. @default none (`$LATEST`, or the version in an ARN)
   */
  readonly qualifier?: string;
  /**
   * Asks Lambda for the last 4 KB of the function's log with every call (`LogType: Tail`), and puts it on the
   * `LambdaFunctionError` of a failed call. Costs a little on every call; leave off in production hot paths.
   * @default false
   */
  readonly logTail?: boolean;
  /** @default `Lambda function <functionName>[:<qualifier>]` */
  readonly description?: string;
} & (
  | {
      /** A client of your own, used as is (its retries too: set `maxAttempts: 1` to leave retrying to the predictor). */
      readonly client: LambdaClient;
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
      /** Configuration of the client the transport makes; see {@link createLambdaInvokeClient}. */
      readonly clientConfig?: LambdaClientConfig;
    }
);

/**
 * Calls a Lambda function with `Invoke`, synchronously. Requests are sent once: retries belong to the predictor.
 * `maxRequestBytes` is {@link LAMBDA_INVOKE_MAX_BODY_BYTES} (4,715,520 bytes): what fits Lambda's 6 MB payload
 * once base64-encoded in the envelope. The version that ran (`X-Amz-Executed-Version`) is reported as the
 * response's `invokedProductionVariant`, so a canary shows which version answered.
 *
 * Failures: the function threw or crashed → `LambdaFunctionError` (a `ModelError`, with the log tail when
 * `logTail` is on); the model answered an `error` envelope → `ModelError`; `TooManyRequestsException` →
 * `ThrottledError`; 5xx → `ServiceError`; no such function or qualifier → `NotFoundError`; refused → an
 * `AccessDeniedError` naming `lambda:InvokeFunction`; an aborted signal → `AbortedError`.
 *
 * @example
 * ```ts
 * import { Predictor } from 'modelship/predictor';
 * import { LambdaInvokeTransport } from 'modelship/predictor/lambda';
 * const transport = new LambdaInvokeTransport({ functionName: 'churn', qualifier: 'live', region: 'eu-west-1' });
 * const churn = new Predictor({ transport });
 * ```
 */
export class LambdaInvokeTransport implements Transport {
  readonly description: string;
  readonly maxRequestBytes = LAMBDA_INVOKE_MAX_BODY_BYTES;
  /** The function called: its name, or a partial or full ARN. */
  readonly functionName: string;
  /** The alias or version called, when given. */
  readonly qualifier: string | undefined;
  /** Whether each call asks for the log's tail. */
  readonly logTail: boolean;
  #client: LambdaClient | undefined;
  readonly #ownsClient: boolean;
  readonly #config: LambdaClientConfig;

  /** @throws InvalidArgumentError for a function name or qualifier Lambda would refuse. */
  constructor(options: LambdaInvokeTransportOptions) {
    const { functionName, qualifier } = options;
    if (typeof functionName !== 'string' || functionName.length > 170 || !FUNCTION_NAME.test(functionName)) {
      throw new InvalidArgumentError(
        'functionName',
        `"${String(functionName)}" is not a Lambda function name or ARN: use letters, digits, hyphens and underscores (up to 64 for a name), or an ARN.`,
      );
    }
    if (qualifier !== undefined && (typeof qualifier !== 'string' || !QUALIFIER.test(qualifier))) {
      throw new InvalidArgumentError(
        'qualifier',
        `"${String(qualifier)}" is not a Lambda alias or version: use 1 to 128 letters, digits, hyphens, underscores or $.`,
      );
    }
    this.functionName = functionName;
    this.qualifier = qualifier;
    this.logTail = options.logTail ?? false;
    this.description =
      options.description ?? `Lambda function ${functionName}${qualifier === undefined ? '' : `:${qualifier}`}`;
    this.#client = options.client;
    this.#ownsClient = options.client === undefined;
    this.#config = {
      ...options.clientConfig,
      ...(options.region === undefined ? {} : { region: options.region }),
    };
  }

  /** The client in use, made on first use when none was given. */
  get client(): LambdaClient {
    this.#client ??= createLambdaInvokeClient(this.#config);
    return this.#client;
  }

  /**
   * Sends one synchronous `Invoke`.
   * @throws InvalidArgumentError for SageMaker-only options (`targetVariant`, `targetModel`, …), no call made.
   * @throws ModelshipError as described on the class.
   */
  async invoke(request: InvokeRequest): Promise<InvokeResponse> {
    rejectSageMakerOnlyOptions(request, this.description);
    const payload = encodeInvokePayload(request);
    if (payload.byteLength > LAMBDA_SYNC_PAYLOAD_BYTES) {
      throw new PayloadTooLargeError(
        `The Invoke payload for ${this.description} is ${payload.byteLength} bytes, over Lambda's ${LAMBDA_SYNC_PAYLOAD_BYTES}-byte synchronous limit; nothing was sent. Send less per request.`,
        payload.byteLength,
        LAMBDA_SYNC_PAYLOAD_BYTES,
      );
    }
    const context: InvokeCallContext = {
      description: this.description,
      functionName: this.functionName,
      qualifier: this.qualifier,
      payloadBytes: payload.byteLength,
    };
    // The SDK ignores a signal that is already aborted until the request is under way; nothing need be sent.
    if (request.signal?.aborted) {
      throw new AbortedError(`The call to ${this.description} was aborted.`, { cause: request.signal.reason });
    }
    let out: InvokeCommandOutput;
    try {
      const command = new InvokeCommand({
        FunctionName: this.functionName,
        InvocationType: 'RequestResponse',
        Payload: payload,
        ...(this.qualifier === undefined ? {} : { Qualifier: this.qualifier }),
        ...(this.logTail ? { LogType: 'Tail' as const } : {}),
      });
      // As in the SageMaker transport: no options object unless needed, so the client's cached stack is used.
      out = await (request.signal === undefined
        ? this.client.send(command)
        : this.client.send(command, { abortSignal: request.signal }));
    } catch (error) {
      throw toLambdaInvokeError(error, context);
    }
    if (out.FunctionError !== undefined && out.FunctionError !== '') {
      throw functionErrorFrom(this.description, out.FunctionError, out.Payload, out.LogResult, out.ExecutedVersion);
    }
    const result = this.#decode(out.Payload);
    if (!result.ok) throw toRuntimeFailureError(result.statusCode, result.error, this.description);
    return {
      body: result.body,
      contentType: result.contentType,
      invokedProductionVariant: out.ExecutedVersion,
      customAttributes: result.customAttributes,
    };
  }

  /** Destroys the client the transport made (its sockets); a client you passed in is left to you. */
  close(): void {
    if (this.#ownsClient) this.#client?.destroy();
    this.#client = undefined;
  }

  #decode(payload: Uint8Array | undefined): DecodedInvokeResponse {
    try {
      return decodeInvokePayload(payload ?? new Uint8Array(0));
    } catch (error) {
      const text = new TextDecoder().decode((payload ?? new Uint8Array(0)).subarray(0, 512));
      // The function ran and answered, but not in the modelship format: most likely not a modelship handler.
      throw new ModelError(
        `${this.description} answered with something other than a modelship result (${(error as Error).message}); is it a function modelship deployed? It began: ${text}`,
        { cause: error, originalMessage: text },
      );
    }
  }
}

/**
 * Makes a Lambda client for a predictor: one attempt per call (the predictor retries), a keep-alive handler with
 * 64 sockets and a cached middleware stack, as `createRuntimeClient` does for SageMaker. The socket timeout is
 * left unset: a synchronous invoke may run for the function's whole timeout (up to 900 s).
 *
 * @example
 * ```ts
 * const client = createLambdaInvokeClient({ region: 'eu-west-1' });
 * const predictor = new Predictor({
 *   transport: new LambdaInvokeTransport({ functionName: 'churn', qualifier: 'live', client }),
 * });
 * ```
 */
export function createLambdaInvokeClient(config: LambdaClientConfig = {}): LambdaClient {
  return new LambdaClient({
    maxAttempts: 1,
    cacheMiddleware: true,
    customUserAgent: [['modelship']],
    requestHandler: new NodeHttpHandler({
      httpAgent: { keepAlive: true, maxSockets: 64 },
      httpsAgent: { keepAlive: true, maxSockets: 64 },
      connectionTimeout: 5_000,
    }),
    ...config,
  });
}
