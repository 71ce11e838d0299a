/**
 * How a failure reads to the caller of a modelship function. The model's own failures (a `ModelError` from the
 * Local runners, of any copy of modelship) keep their status and message, as the Local server keeps them; anything
 * else a runner throws is the model crashing (500).
 */
import type { InvokeErrorDetails } from './protocol.js';

/** A failure with the status to answer with. */
export interface Failure {
  /** 4xx when the caller should change the request, 5xx otherwise. */
  readonly statusCode: number;
  readonly details: InvokeErrorDetails;
}

/** The event was not a request the function can read (400). */
export function invalidRequest(message: string): Failure {
  return { statusCode: 400, details: { type: 'ValidationError', message } };
}

/** The model failed to load when the function started (500: the package, not the request, is at fault). */
export function notReady(error: unknown): Failure {
  return {
    statusCode: 500,
    details: {
      type: 'ModelNotReady',
      message:
        `The model could not be loaded when the function started: ${messageOf(error)} ` +
        "Every request fails until the function's package is fixed; see its CloudWatch log for the details.",
    },
  };
}

/** The model did not answer before the function would be stopped (504, as a gateway says for a slow upstream). */
export function timedOut(budgetMs: number): Failure {
  return {
    statusCode: 504,
    details: {
      type: 'ModelTimeout',
      message:
        `The model did not answer within ${budgetMs} ms, what was left of the function's timeout. ` +
        'Raise the timeout (timeoutS) or the memory (more memory brings more CPU), or make the model faster.',
    },
  };
}

/** A failure thrown by a runner. */
export function modelFailure(error: unknown): Failure {
  const failure = error as { code?: unknown; originalStatusCode?: unknown; originalMessage?: unknown } | null;
  const message = messageOf(error);
  if (failure?.code === 'MODEL_ERROR') {
    const status = typeof failure.originalStatusCode === 'number' ? failure.originalStatusCode : 500;
    const original = typeof failure.originalMessage === 'string' ? failure.originalMessage : message;
    return {
      statusCode: status >= 400 && status <= 599 ? status : 500,
      details: { type: 'ModelError', message, originalStatusCode: status, originalMessage: original },
    };
  }
  return {
    statusCode: 500,
    details: { type: 'ModelError', message, originalStatusCode: 500, originalMessage: message },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
