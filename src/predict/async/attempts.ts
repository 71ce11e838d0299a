/**
 * The predictor's retry policy for the calls of async inference (the upload, `InvokeEndpointAsync`, the reads of
 * the result): the same rules as `Predictor` (capped exponential backoff with full jitter, never a model error,
 * no attempt after `totalTimeoutMs`), under one call's scope so an abort or deadline stops the backoff too.
 */
import type { CallScope } from '../call-scope.js';
import { backoffMs, type Clock, type ResolvedRetry, shouldRetry } from '../retry.js';

/** @internal What {@link attempt} needs of its predictor. */
export interface AttemptPolicy {
  readonly retry: ResolvedRetry;
  readonly clock: Clock;
}

/**
 * @internal Runs `call` until it succeeds or fails for good, racing each try against `scope`.
 * @throws the last failure, or the scope's `AbortedError` / `TimeoutError`.
 */
export async function attempt<T>(policy: AttemptPolicy, scope: CallScope, call: () => Promise<T>): Promise<T> {
  const started = policy.clock.now();
  for (let n = 1; ; n++) {
    scope.throwIfDone();
    try {
      return await scope.race(call());
    } catch (error) {
      if (!shouldRetry(error, n, policy.retry)) throw error;
      const delay = backoffMs(n, policy.retry, policy.clock.random);
      if (policy.clock.now() - started + delay > policy.retry.totalTimeoutMs) throw error;
      await scope.race(policy.clock.sleep(delay, scope.signal));
    }
  }
}
