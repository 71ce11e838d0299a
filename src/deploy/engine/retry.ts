/**
 * Retrying a step's `apply`, `wait` poll or `undo` after a retryable failure (see `ApplyOptions.retry`).
 *
 * Only modelship errors that say `retryable` are tried again: throttling, AWS-side failures, broken connections
 * and conflicts with a change still in progress. Anything else (access denied, validation, not found, a plain
 * `Error` from a user's own target) fails at once, since trying it again unchanged cannot help. Nothing is
 * retried once the signal has aborted: the run is stopping, and a retry would only delay its rollback.
 */
import { isModelshipError } from '../../errors.js';
import type { RetryPhase } from '../events.js';
import type { PlanStep } from '../plan.js';
import { retryDelay, sleep } from '../wait.js';
import { toStepInfo } from './emitter.js';
import type { RunState } from './step.js';

/** True when `error` is worth another try and the run is still going. */
export function shouldRetry(error: unknown, signal: AbortSignal): boolean {
  return !signal.aborted && isModelshipError(error) && error.retryable;
}

/**
 * After failure number `failures` (from 1) of `phase`: emits `step-retrying` and pauses, unless the failure is
 * not retryable or the tries are used up, in which case it throws `error` as is (so the step's failure, and the
 * `cause` of the deployment's error, is the last error itself).
 *
 * @param minDelayMs - a floor for the pause: a failed `wait` poll keeps at least the poll cadence.
 * @throws `error` when it is not retried; the signal's reason when the signal aborts during the pause.
 */
export async function pauseBeforeRetry(
  step: PlanStep,
  phase: RetryPhase,
  run: RunState,
  signal: AbortSignal,
  failures: number,
  error: unknown,
  minDelayMs = 0,
): Promise<void> {
  if (failures >= run.retry.maxAttempts || !shouldRetry(error, signal)) throw error;
  const delayMs = Math.max(minDelayMs, retryDelay(failures, run.retry, run.random));
  run.emit({ type: 'step-retrying', step: toStepInfo(step), phase, attempt: failures, error, delayMs });
  await sleep(delayMs, signal);
}

/**
 * Calls `attempt` until it resolves, retrying retryable failures with {@link pauseBeforeRetry}, at most
 * `run.retry.maxAttempts` tries in all.
 *
 * Retrying an `apply` is safe only because of the contract in `PlanStep.apply`: after a retryable error it has
 * changed nothing, or trying it again converges on the same result.
 */
export async function withRetries<T>(
  step: PlanStep,
  phase: Exclude<RetryPhase, 'wait'>,
  run: RunState,
  signal: AbortSignal,
  attempt: () => Promise<T>,
): Promise<T> {
  for (let failures = 1; ; failures++) {
    try {
      return await attempt();
    } catch (error) {
      await pauseBeforeRetry(step, phase, run, signal, failures, error);
    }
  }
}
