/**
 * Waiting, the way a deployment waits for AWS: abortable sleeps and capped exponential backoff with jitter.
 * Nothing here knows about plans, so targets can reuse it for their own waiters.
 */

/** How the engine paces the `wait` polls of a step. */
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
