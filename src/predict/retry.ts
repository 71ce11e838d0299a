import { InvalidArgumentError, isModelshipError } from '../errors.js';
import { isConnectionRefused } from './transports/sagemaker-runtime-errors.js';

/**
 * How the predictor retries failed calls.
 *
 * @example
 * ```ts
 * new Predictor({ endpointName: 'churn', retry: { maxAttempts: 5, baseDelayMs: 50, totalTimeoutMs: 3_000 } });
 * ```
 */
export interface RetryOptions {
  /**
   * Attempts per call, the first included; `1` turns retries off.
   * @default 3
   */
  readonly maxAttempts?: number;
  /**
   * The backoff before the second attempt is drawn from [0, baseDelayMs]; it doubles with each attempt
   * ("full jitter"), up to `maxDelayMs`.
   * @default 100
   */
  readonly baseDelayMs?: number;
  /** @default 20000 */
  readonly maxDelayMs?: number;
  /**
   * No attempt starts later than this many milliseconds after the first: retrying stops early rather than
   * sleep past it. Bounds retrying only; use `timeoutMs` to bound a whole call.
   * @default no limit
   */
  readonly totalTimeoutMs?: number;
}

/**
 * Time and chance, replaceable in tests.
 *
 * @example
 * ```ts
 * // A predictor whose backoff never sleeps, for a fast test of retries.
 * const predictor = new Predictor({ transport, clock: { sleep: async () => {}, random: () => 0.5 } });
 * ```
 */
export interface Clock {
  /** Milliseconds on a monotonic-enough clock. @default Date.now */
  now(): number;
  /**
   * Resolves after `ms`; may resolve early once `signal` aborts (the predictor stops waiting by itself then).
   * @default setTimeout, cleared on abort
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** A number in [0, 1). @default Math.random */
  random(): number;
}

/** @internal */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
    }),
  random: () => Math.random(),
};

/** @internal */
export type ResolvedRetry = Required<RetryOptions>;

/** @internal Checks and fills in retry options. */
export function resolveRetry(options: RetryOptions = {}): ResolvedRetry {
  const resolved = {
    maxAttempts: options.maxAttempts ?? 3,
    baseDelayMs: options.baseDelayMs ?? 100,
    maxDelayMs: options.maxDelayMs ?? 20_000,
    totalTimeoutMs: options.totalTimeoutMs ?? Number.POSITIVE_INFINITY,
  };
  if (!Number.isSafeInteger(resolved.maxAttempts) || resolved.maxAttempts < 1) {
    throw new InvalidArgumentError(
      'retry.maxAttempts',
      `retry.maxAttempts must be a whole number of at least 1 (1: no retries); got ${resolved.maxAttempts}.`,
    );
  }
  for (const key of ['baseDelayMs', 'maxDelayMs', 'totalTimeoutMs'] as const) {
    if (typeof resolved[key] !== 'number' || Number.isNaN(resolved[key]) || resolved[key] < 0) {
      throw new InvalidArgumentError(
        `retry.${key}`,
        `retry.${key} must be a number of milliseconds ≥ 0; got ${resolved[key]}.`,
      );
    }
  }
  return resolved;
}

/**
 * @internal Whether a failed attempt (1-based) may be tried again: a retryable modelship error (throttling,
 * 5xx, a reset connection), attempts left; a refused connection only once. Model errors, deadlines and aborts
 * are final.
 */
export function shouldRetry(error: unknown, attempt: number, policy: ResolvedRetry): boolean {
  if (attempt >= policy.maxAttempts || !isModelshipError(error) || !error.retryable) return false;
  if (error.code === 'MODEL_ERROR' || error.code === 'TIMEOUT' || error.code === 'ABORTED') return false;
  return !(isConnectionRefused(error) && attempt >= 2);
}

/** @internal The full-jitter backoff after failed attempt `attempt` (1-based). */
export function backoffMs(attempt: number, policy: ResolvedRetry, random: () => number): number {
  return random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}
