/**
 * Waiting, the way a deployment waits for AWS: abortable sleeps and capped exponential backoff with jitter.
 * Nothing here knows about plans, so targets can reuse it for their own waiters.
 */

/**
 * How the engine paces the `wait` polls of a step.
 *
 * @example
 * ```ts
 * await builder.deploy({ poll: { initialDelayMs: 2_000, maxDelayMs: 60_000, jitter: 0 } });
 * ```
 */
export interface PollOptions {
  /**
   * The pause after the first poll that reports "not ready yet". The first poll runs right after `apply`.
   * @default 1000
   */
  readonly initialDelayMs?: number;
  /**
   * The longest pause between two polls. Thirty seconds keeps a SageMaker endpoint (5–15 minutes to create)
   * well under the Describe API's rate limits while noticing `InService` soon enough.
   * @default 30000
   */
  readonly maxDelayMs?: number;
  /**
   * Each pause is this many times the one before, up to `maxDelayMs`.
   * @default 2
   */
  readonly factor?: number;
  /**
   * Fraction of each pause drawn at random and taken off it (0 to 1), so that many deployments started together
   * do not poll in lockstep. `0` makes the pauses exact.
   * @default 0.2
   */
  readonly jitter?: number;
}

/** {@link PollOptions} with every default filled in. */
export type ResolvedPollOptions = Required<PollOptions>;

/** The defaults of {@link PollOptions}. */
export const DEFAULT_POLL_OPTIONS: ResolvedPollOptions = Object.freeze({
  initialDelayMs: 1000,
  maxDelayMs: 30_000,
  factor: 2,
  jitter: 0.2,
});

/**
 * The pause before poll number `attempt + 1`, where `attempt` counts the polls that said "not ready" (from 0).
 * @param random - a source of numbers in [0, 1); injected by tests that want exact pauses.
 */
export function backoffDelay(attempt: number, options: ResolvedPollOptions, random: () => number = Math.random) {
  const base = Math.min(options.maxDelayMs, options.initialDelayMs * options.factor ** attempt);
  // Jitter only ever shortens the pause, so maxDelayMs stays a true upper bound.
  return base * (1 - options.jitter * random());
}

/**
 * How the engine retries a step's `apply`, `wait` poll or `undo` that failed with a retryable modelship error
 * (throttling, an AWS-side 5xx, a broken connection, a change still in progress: `error.retryable`). The AWS SDK
 * has already retried each call a few times within seconds; these retries are the slower second line, so that
 * one throttled `DescribeEndpoint` in a 20-minute wait does not fail (and roll back) a whole deployment.
 *
 * Pauses use capped exponential backoff with full jitter: the pause before retry `n` (from 1) is drawn uniformly
 * from 0 to `min(maxDelayMs, baseDelayMs × 2^(n−1))`, so that many clients throttled together spread out.
 *
 * @example
 * ```ts
 * await builder.deploy({ retry: { maxAttempts: 8, baseDelayMs: 2_000 } });
 * ```
 */
export interface RetryOptions {
  /**
   * How many times one `apply` or `undo` is tried in all, the first try included; `1` turns retries off. For a
   * `wait`, how many polls in a row may fail: a failed poll counts as "not ready yet" until this many fail in a
   * row, and the last failure fails the step.
   * @default 4
   */
  readonly maxAttempts?: number;
  /**
   * The longest pause before the first retry; each later retry may wait twice as long as the one before.
   * @default 1000
   */
  readonly baseDelayMs?: number;
  /**
   * The longest pause before any retry (the same cap as the AWS SDK's own backoff).
   * @default 20000
   */
  readonly maxDelayMs?: number;
}

/** {@link RetryOptions} with every default filled in. */
export type ResolvedRetryOptions = Required<RetryOptions>;

/** The defaults of {@link RetryOptions}. */
export const DEFAULT_RETRY_OPTIONS: ResolvedRetryOptions = Object.freeze({
  maxAttempts: 4,
  baseDelayMs: 1000,
  maxDelayMs: 20_000,
});

/**
 * The pause before retry number `retry` (from 1): "full jitter", uniform between 0 and the capped exponential.
 * Unlike {@link backoffDelay}, the whole pause is random: retries follow a failure that may have hit many
 * clients at once (throttling), and spreading them out is what lets them succeed.
 * @param random - a source of numbers in [0, 1); injected by tests that want exact pauses.
 */
export function retryDelay(retry: number, options: ResolvedRetryOptions, random: () => number = Math.random) {
  const cap = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  return cap * random();
}

/**
 * Resolves after `ms` milliseconds, or rejects with `signal.reason` as soon as `signal` aborts
 * (at once if it already has), so a cancelled deployment never sits out a 30-second pause.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Settles as `promise` does, or rejects with `signal.reason` as soon as `signal` aborts, whichever comes first.
 * Use it only where walking away from the promise is safe: the work it stands for keeps running unobserved.
 */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    // Still observe the abandoned promise, so its rejection is not reported as unhandled.
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
