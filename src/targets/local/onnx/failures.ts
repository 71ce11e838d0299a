/**
 * The runner's failures, as the `ModelError`s the Local server turns into SageMaker Runtime error responses:
 * the status says whose fault it is (4xx: the request; 5xx: the model), the message says what to change.
 */
import { ModelError } from '../../../errors.js';

function modelError(status: number, message: string, cause?: unknown): ModelError {
  return new ModelError(message, { originalStatusCode: status, originalMessage: message, cause });
}

/** 400: the body cannot be read as the model's inputs. */
export function badInput(message: string, cause?: unknown): ModelError {
  return modelError(400, message, cause);
}

/** 415: a `Content-Type` the runner does not read. */
export function unsupportedContentType(message: string): ModelError {
  return modelError(415, message);
}

/** 406: no type in `Accept` the runner can write. */
export function notAcceptable(message: string): ModelError {
  return modelError(406, message);
}

/** 500: onnxruntime failed while running the model. */
export function runFailed(message: string, cause?: unknown): ModelError {
  return modelError(500, message, cause);
}

/** 503: the runner was closed. */
export function closed(message: string): ModelError {
  return modelError(503, message);
}
