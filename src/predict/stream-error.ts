import { type ErrorCode, ModelshipError, type ModelshipErrorOptions } from '../errors.js';

/**
 * A response stream broke off after it had begun. `code` tells why: `MODEL_ERROR` when the model failed or ran
 * past its time (SageMaker's `ModelStreamError`), `SERVICE_ERROR` when the service or the connection failed
 * (`InternalStreamFailure`, a reset). What arrived before the break is in {@link received}. Never retried by
 * the predictor, since the model already produced part of the answer; sending the request again is the
 * caller's call (`retryable` says whether it may help).
 *
 * @example
 * ```ts
 * let text = '';
 * try {
 *   for await (const piece of llm.predictStream({ inputs: 'Tell me a story', stream: true }).text()) text += piece;
 * } catch (error) {
 *   if (error instanceof StreamInterruptedError)
 *     console.error(`cut off after ${error.received.length} bytes: ${error.streamErrorCode}`);
 * }
 * ```
 */
export class StreamInterruptedError extends ModelshipError {
  /** The bytes that arrived before the stream broke off, in order. */
  readonly received: Uint8Array;
  /** The service's own code, e.g. `ModelInvocationTimeExceeded`, `StreamBroken`, `InternalStreamFailure`. */
  readonly streamErrorCode: string | undefined;

  constructor(
    code: Extract<ErrorCode, 'MODEL_ERROR' | 'SERVICE_ERROR'>,
    message: string,
    received: Uint8Array,
    options: ModelshipErrorOptions & { streamErrorCode?: string } = {},
  ) {
    super(code, message, { retryable: code === 'SERVICE_ERROR', ...options, fault: 'server' });
    this.received = received;
    this.streamErrorCode = options.streamErrorCode;
  }
}
