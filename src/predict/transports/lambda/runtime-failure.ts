/**
 * Turns a failure the modelship function reported (an Invoke error envelope, or an HTTP error answer with
 * `X-Amzn-ErrorType`) into a modelship error. The function ran; what failed is the model or the request, so
 * nothing here is retried.
 */
import { InvalidArgumentError, ModelError, type ModelshipError } from '../../../errors.js';
import type { InvokeErrorDetails, InvokeErrorType } from '../../../targets/lambda/runtime/protocol.js';

const RUNTIME_TYPES: ReadonlySet<string> = new Set<InvokeErrorType>([
  'ModelError',
  'ModelNotReady',
  'ModelTimeout',
  'ValidationError',
]);

/** True for a value shaped like the runtime's error details (`{ type, message, … }` with a known type). */
export function isRuntimeFailure(value: unknown): value is InvokeErrorDetails {
  const details = value as { type?: unknown; message?: unknown } | null;
  return (
    typeof details === 'object' &&
    details !== null &&
    typeof details.type === 'string' &&
    RUNTIME_TYPES.has(details.type) &&
    typeof details.message === 'string'
  );
}

/** The modelship error for a failure the function answered with `statusCode`. */
export function toRuntimeFailureError(
  statusCode: number,
  details: InvokeErrorDetails,
  description: string,
): ModelshipError {
  const message = truncate(details.message);
  switch (details.type) {
    case 'ValidationError':
      // The function could not read the request: a caller and function of different modelship versions.
      return new InvalidArgumentError('request', `${description} could not read the request: ${message}`, {
        cause: details,
      });
    case 'ModelNotReady':
      return new ModelError(`The model behind ${description} is not loaded: ${message}`, {
        cause: details,
        originalStatusCode: statusCode,
        originalMessage: details.message,
      });
    case 'ModelTimeout':
      return new ModelError(`The model behind ${description} timed out: ${message}`, {
        cause: details,
        originalStatusCode: statusCode,
        originalMessage: details.message,
      });
    default: {
      const status = details.originalStatusCode ?? statusCode;
      return new ModelError(
        `The model behind ${description} failed with status ${status}: ${message}. Not retried: fix the input or the model.`,
        { cause: details, originalStatusCode: status, originalMessage: details.originalMessage ?? details.message },
      );
    }
  }
}

function truncate(text: string): string {
  return text.length > 1024 ? `${text.slice(0, 1024)}…` : text;
}
