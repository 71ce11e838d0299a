/**
 * Runs one step: `apply`, then `wait` polled with backoff until it reports done; retryable failures of either are
 * tried again (see `retry.ts`).
 */
import { InvalidArgumentError } from '../../errors.js';
import type { PlanStep, StepProgress as ReportedProgress, StepContext, WaitStatus } from '../plan.js';
import { backoffDelay, type ResolvedPollOptions, type ResolvedRetryOptions, raceSignal, sleep } from '../wait.js';
import { type Emit, toStepInfo } from './emitter.js';
import { pauseBeforeRetry, withRetries } from './retry.js';
import type { PlanGraph } from './validate.js';

/** What one run of a plan shares between its steps. */
export interface RunState {
  readonly graph: PlanGraph;
  /** Outputs recorded so far, by step id. Only steps that produced a value are present. */
  readonly outputs: Map<string, unknown>;
  readonly emit: Emit;
  readonly poll: ResolvedPollOptions;
  readonly retry: ResolvedRetryOptions;
  /** A source of numbers in [0, 1) for jitter. */
  readonly random: () => number;
}

/** Where a running step is, for the messages of an abort or a timeout. */
export interface StepProgress {
  phase: 'applying' | 'waiting';
  /** The status the last poll reported, e.g. `Creating`. */
  lastStatus?: string;
}

/**
 * The context handed to a step's `apply`, `wait` and `undo`. `output` reads only the step's own output and those
 * of steps it depends on (directly or not): any other step may not have run yet, and reading it would work or fail
 * depending on timing, so it fails every time instead.
 */
export function createContext(step: PlanStep, run: RunState, signal: AbortSignal): StepContext {
  const { graph, outputs } = run;
  const info = toStepInfo(step);
  return {
    signal,
    report(status: string, progress?: ReportedProgress): void {
      run.emit({ type: 'step-progress', step: info, status, ...(progress === undefined ? {} : { progress }) });
    },
    output<T>(stepId: string): T {
      if (!graph.dependsOn.has(stepId)) {
        const ids = [...graph.dependsOn.keys()].join(', ');
        throw new InvalidArgumentError(
          'stepId',
          `Step "${step.id}" asked for the output of "${stepId}", which is not a step of plan "${graph.plan.name}". Its steps are: ${ids}.`,
        );
      }
      if (stepId !== step.id && !graph.ancestors.get(step.id)?.has(stepId)) {
        throw new InvalidArgumentError(
          'stepId',
          `Step "${step.id}" read the output of step "${stepId}" but does not depend on it, so "${stepId}" may not ` +
            `have run yet. Add "${stepId}" to the dependsOn of "${step.id}".`,
        );
      }
      if (!outputs.has(stepId)) {
        const source = graph.plan.steps.find((other) => other.id === stepId);
        const why =
          stepId === step.id
            ? 'its apply has not returned yet'
            : source?.action === 'none'
              ? 'its action is none and the plan gave it no existingOutput'
              : 'its apply returned nothing';
        throw new InvalidArgumentError('stepId', `Step "${stepId}" has no output: ${why}.`);
      }
      return outputs.get(stepId) as T;
    },
  };
}

function checkStatus(step: PlanStep, status: unknown): asserts status is WaitStatus {
  const value = status as Partial<WaitStatus> | null | undefined;
  if (typeof value !== 'object' || value === null || typeof value.done !== 'boolean') {
    throw new InvalidArgumentError(
      'wait',
      `The wait of plan step "${step.id}" returned ${JSON.stringify(status)}; it must return { done: boolean, status: string }.`,
    );
  }
}

/**
 * Applies `step` and waits until it is ready. Emits `step-started`, `step-retrying` before each retry,
 * `step-waiting` for every poll that is not done, and `step-done`; the caller emits `step-failed`, since only it
 * knows whether a failure is the cause or a consequence of a stop.
 *
 * `apply` is awaited even after `signal` aborts (it is handed the signal and should stop soon): walking away from
 * it could lose track of a resource it is creating. `wait` polls are raced against the signal instead: the
 * resource exists either way and will be undone, so there is nothing to lose by not waiting for the poll.
 *
 * @param onApplied - called as soon as `apply` returns, before waiting: from then on the step has changed
 *   something, and a failure of its `wait` must undo it.
 */
export async function runStep(
  step: PlanStep,
  run: RunState,
  signal: AbortSignal,
  progress: StepProgress,
  onApplied: (output: unknown) => void,
): Promise<void> {
  const info = toStepInfo(step);
  const started = performance.now();
  const ctx = createContext(step, run, signal);
  run.emit({ type: 'step-started', step: info });

  signal.throwIfAborted();
  // Validation checked that every step whose action is not `none` has an apply.
  const output = await withRetries(step, 'apply', run, signal, () => step.apply!(ctx));
  onApplied(output);
  signal.throwIfAborted();

  if (step.wait) {
    progress.phase = 'waiting';
    let failures = 0;
    for (let attempt = 0; ; attempt++) {
      let status: unknown;
      try {
        status = await raceSignal(step.wait(ctx), signal);
      } catch (error) {
        // A poll that failed for a passing reason says nothing about the resource: count it as "not ready yet",
        // pausing at least as long as a poll would, so a throttled Describe is not called again sooner.
        failures += 1;
        await pauseBeforeRetry(step, 'wait', run, signal, failures, error, backoffDelay(attempt, run.poll, run.random));
        continue;
      }
      failures = 0;
      checkStatus(step, status);
      if (status.done) break;
      progress.lastStatus = String(status.status);
      run.emit({
        type: 'step-waiting',
        step: info,
        status: progress.lastStatus,
        elapsedMs: performance.now() - started,
      });
      await sleep(backoffDelay(attempt, run.poll, run.random), signal);
    }
  }
  run.emit({ type: 'step-done', step: info, elapsedMs: performance.now() - started });
}
