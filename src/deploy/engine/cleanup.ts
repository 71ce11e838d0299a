/**
 * Cleanup steps: the ones a plan marks `cleanup`, which tidy up what the run made obsolete (an endpoint config no
 * longer served). They run after every other step is done, one at a time, and only then: a deployment that reached
 * them has succeeded, so their failure is reported, never rolled back. Undoing a live update because an unused
 * config could not be deleted would trade a little clutter for an outage.
 */
import type { PlanStep } from '../plan.js';
import { toStepInfo } from './emitter.js';
import { withRetries } from './retry.js';
import { createContext, type RunState } from './step.js';

/**
 * A cleanup step that failed; what it was to remove is still there.
 *
 * @example
 * ```ts
 * const { cleanupFailures } = await applyPlan(plan);
 * for (const failure of cleanupFailures)
 *   console.warn(`remove ${failure.resource.kind} ${failure.resource.name} by hand`, failure.error);
 * ```
 */
export interface CleanupFailure {
  /** The cleanup step's id. */
  readonly stepId: string;
  /** What it was to remove, still there. */
  readonly resource: {
    /** What kind of resource, for people (`SageMaker endpoint config`). */
    readonly kind: string;
    /** Its name in its service. */
    readonly name: string;
  };
  /** What the step threw. */
  readonly error: unknown;
}

/**
 * Runs `steps` in order after a successful apply and returns those that failed. Each may take up to `timeoutMs`
 * (the run's undo bound: cleanup, like undo, tidies up and must not hang the caller); the caller's signal stops them.
 */
export async function runCleanup(
  steps: readonly PlanStep[],
  run: RunState,
  signal: AbortSignal | undefined,
  timeoutMs: number,
): Promise<CleanupFailure[]> {
  const failures: CleanupFailure[] = [];
  for (const step of steps) {
    const bounds = [
      ...(signal ? [signal] : []),
      ...(Number.isFinite(timeoutMs) ? [AbortSignal.timeout(timeoutMs)] : []),
    ];
    const active = bounds.length === 0 ? new AbortController().signal : AbortSignal.any(bounds);
    const info = toStepInfo(step);
    if (step.action === 'none' || step.apply === undefined) {
      if (step.existingOutput !== undefined) run.outputs.set(step.id, step.existingOutput);
      run.emit({ type: 'step-skipped', step: info });
      continue;
    }
    const started = performance.now();
    run.emit({ type: 'step-started', step: info });
    try {
      active.throwIfAborted();
      const apply = step.apply;
      const output = await withRetries(step, 'apply', run, active, () => apply(createContext(step, run, active)));
      if (output !== undefined) run.outputs.set(step.id, output);
      run.emit({ type: 'step-done', step: info, elapsedMs: performance.now() - started });
    } catch (error) {
      failures.push({ stepId: step.id, resource: step.resource, error });
      run.emit({ type: 'cleanup-failed', step: info, error });
    }
  }
  return failures;
}
