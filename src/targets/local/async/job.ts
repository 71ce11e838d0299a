/**
 * One queued async inference, run to its end: expire it if it waited past its TTL, read its payload, run the
 * model under the invocation timeout, and write the output, or the failure in the words SageMaker uses (the
 * `ModelError` text `Received server error (500) from primary with message "…"`), so callers read local and
 * cloud failures alike.
 */
import type { S3Location } from '../../../model/artifact/s3-location.js';
import type { ModelRunner } from '../runner.js';
import { type Exchange, raceSignal } from '../server/exchange.js';
import { toWireError } from '../server/invoke.js';
import { modelError, WireError } from '../server/wire.js';
import type { AsyncRequest } from './request.js';
import type { PayloadStore } from './store.js';

/** An accepted inference and where its results go. */
export interface AsyncJob {
  readonly inferenceId: string;
  readonly request: AsyncRequest;
  readonly output: S3Location;
  readonly failure: S3Location | undefined;
  /** `Date.now()` when it was accepted: its TTL counts from then. */
  readonly acceptedAt: number;
}

/** What a job needs of the server. */
export interface JobContext {
  readonly store: PayloadStore;
  /** The loaded model. @throws WireError while it loads or when it failed to load. */
  runner(): ModelRunner;
  /** Aborts when the server stops waiting for running inferences. */
  readonly stop: AbortSignal;
  /** Told of what no failure object can record: a failure with no failure location, a write that failed. */
  readonly onError: (error: unknown, job: AsyncJob) => void;
}

/** Runs `job`; never throws (failures are written, or told to `onError`). */
export async function runJob(job: AsyncJob, ctx: JobContext): Promise<void> {
  const { request } = job;
  const timeoutMs = request.invocationTimeoutS * 1000;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = AbortSignal.any([ctx.stop, timeout]);
  try {
    if (Date.now() - job.acceptedAt > request.ttlS * 1000) {
      throw new WireError(
        400,
        'ValidationError',
        `The request expired: it waited in the queue longer than its TTL of ${request.ttlS} seconds.`,
      );
    }
    const body = await raceSignal(ctx.store.read(request.input, signal), signal);
    if (body === undefined) {
      throw new WireError(400, 'ValidationError', `The input ${request.inputLocation} does not exist.`);
    }
    const runner = ctx.runner();
    const { customAttributes, contentType, accept } = request;
    const response = await raceSignal(
      runner.invoke({
        body,
        contentType,
        accept,
        signal,
        ...(customAttributes === undefined ? {} : { customAttributes }),
      }),
      signal,
    );
    await ctx.store.write(job.output, response.body, response.contentType);
  } catch (error) {
    await recordFailure(job, ctx, failureText(error, timeout.aborted ? timeoutMs : undefined, ctx.stop.aborted));
  }
}

async function recordFailure(job: AsyncJob, ctx: JobContext, text: string): Promise<void> {
  if (job.failure === undefined) {
    ctx.onError(new Error(`Async inference ${job.inferenceId} failed: ${text}`), job);
    return;
  }
  try {
    await ctx.store.write(job.failure, new TextEncoder().encode(text), 'text/plain; charset=utf-8');
  } catch (error) {
    ctx.onError(error, job);
  }
}

// `toWireError` reads only why an exchange aborted; an async job has no exchange, so it is one that did not.
const NOT_ABORTED: Pick<Exchange, 'abortKind' | 'timeoutMs'> = { abortKind: undefined, timeoutMs: 0 };

/** The failure object's text, as SageMaker words each case. */
function failureText(error: unknown, timedOutAfterMs: number | undefined, stopped: boolean): string {
  if (timedOutAfterMs !== undefined) {
    return modelError(
      0,
      `Your invocation timed out while waiting for a response from container primary (after ${timedOutAfterMs / 1000} s, the request's InvocationTimeoutSeconds).`,
    ).message;
  }
  if (stopped) return 'The Local server shut down before the inference finished. Submit it again.';
  // The synchronous route's reading of a failure (a WireError as is, a ModelError with its status, anything else
  // a crash), with no exchange aborted: timeouts and shutdown were told apart above.
  return toWireError(NOT_ABORTED, error).message;
}
