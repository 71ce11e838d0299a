/**
 * Undoes what a failed run changed.
 *
 * The rule: a step is undone when its `apply` returned in this run, whatever happened after. That includes the
 * failed step itself when its `apply` returned but its `wait` threw, timed out or was aborted (an endpoint that
 * went `Failed` still exists and still costs money). A step whose `apply` threw is not undone: `apply` must either
 * return or throw having changed nothing (cleaning up its own partial work first), because undoing it could
 * remove a resource someone else made between plan and apply. Steps whose action is `none` changed nothing.
 * A `delete` step without an `undo` is not reversed (what was deleted stays deleted, and nothing is left behind);
 * a `create` or `update` step without an `undo` is reported as left behind, never dropped silently. An `undo` that
 * fails with a retryable error is tried again, like `apply`, within the undo's time limit.
 */
import type { DeploymentFailureReport } from '../../errors.js';
import { TimeoutError } from '../../errors.js';
import type { PlanStep } from '../plan.js';
import { raceSignal } from '../wait.js';
import { describeStep, toStepInfo } from './emitter.js';
import { withRetries } from './retry.js';
import { createContext, type RunState } from './step.js';

type Cleanup = Pick<DeploymentFailureReport, 'cleanedUp' | 'leftBehind'>;

async function undoOne(step: PlanStep, run: RunState, timeoutMs: number): Promise<void> {
  if (!step.undo) {
    throw new Error(`Plan step "${step.id}" has no undo, so its ${describeStep(step)} was not reversed.`);
  }
  // Undo must run even when the caller's signal has aborted (that is often why we are undoing), so it gets a fresh
  // signal of its own, bounded so that a hung undo cannot hang the caller forever.
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort(
      new TimeoutError(`Undoing ${describeStep(step)} did not finish within ${timeoutMs} ms.`, timeoutMs),
    );
  }, timeoutMs);
  try {
    const ctx = createContext(step, run, controller.signal);
    // Retries (and their pauses) stay within the undo's time limit: they share its signal.
    await raceSignal(
      withRetries(step, 'undo', run, controller.signal, () => step.undo!(ctx)),
      controller.signal,
    );
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Undoes `applied` (steps in the order their `apply` returned) in reverse order, one at a time, emitting
 * `rollback-started` (when there is anything to undo), then `step-rolled-back` or `step-rollback-failed` per step.
 * An undo that fails is reported and the rollback goes on with the next step.
 */
export async function rollBack(applied: readonly PlanStep[], run: RunState, undoTimeoutMs: number): Promise<Cleanup> {
  const steps = applied.filter((step) => step.action !== 'none' && (step.undo || step.action !== 'delete')).reverse();
  const cleanedUp: { kind: string; name: string }[] = [];
  const leftBehind: { kind: string; name: string; error: unknown }[] = [];
  if (steps.length === 0) return { cleanedUp, leftBehind };

  run.emit({ type: 'rollback-started', steps: steps.map(toStepInfo) });
  for (const step of steps) {
    const info = toStepInfo(step);
    const { kind, name } = step.resource;
    try {
      await undoOne(step, run, undoTimeoutMs);
      cleanedUp.push({ kind, name });
      run.emit({ type: 'step-rolled-back', step: info });
    } catch (error) {
      leftBehind.push({ kind, name, error });
      run.emit({ type: 'step-rollback-failed', step: info, error });
    }
  }
  return { cleanedUp, leftBehind };
}
