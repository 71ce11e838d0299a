/**
 * The engine: applies a {@link Plan}, step by step, and cleans up after itself when it cannot finish.
 */
import { AbortedError, InvalidArgumentError, TimeoutError } from '../errors.js';
import { type CleanupFailure, runCleanup } from './engine/cleanup.js';
import { createEmitter, toStepInfo } from './engine/emitter.js';
import { failureError } from './engine/failure.js';
import { rollBack } from './engine/rollback.js';
import { Scheduler } from './engine/scheduler.js';
import type { RunState } from './engine/step.js';
import { validatePlan } from './engine/validate.js';
import type { DeployEventHandler } from './events.js';
import type { Plan, PlanStep, StepAction } from './plan.js';
import {
  DEFAULT_POLL_OPTIONS,
  DEFAULT_RETRY_OPTIONS,
  type PollOptions,
  type ResolvedPollOptions,
  type ResolvedRetryOptions,
  type RetryOptions,
} from './wait.js';

export type { PollOptions, RetryOptions } from './wait.js';

/**
 * How to apply a plan.
 *
 * @example
 * ```ts
 * const result = await applyPlan(plan, {
 *   onEvent: (event) => console.error(event.type),
 *   signal: AbortSignal.timeout(45 * 60_000),
 *   retry: { maxAttempts: 6 },
 *   poll: { maxDelayMs: 15_000 },
 * });
 * ```
 */
export interface ApplyOptions {
  /** Receives progress events, in order. What it throws is ignored. */
  readonly onEvent?: DeployEventHandler;
  /**
   * Cancels the deployment. The engine stops at its next step boundary or poll (a pause between polls ends at
   * once), undoes what this run changed, and throws an {@link AbortedError}.
   */
  readonly signal?: AbortSignal;
  /**
   * The longest the steps may take, rollback not included. When it passes the engine stops, undoes what this run
   * changed and throws a {@link TimeoutError}. `Infinity` means no limit.
   * @default 3600000 (one hour: a large SageMaker endpoint can take 20–30 minutes)
   */
  readonly timeoutMs?: number;
  /** How often to poll a step's `wait`. */
  readonly poll?: PollOptions;
  /**
   * How a step's `apply`, `wait` poll or `undo` that fails with a retryable error (throttling, an AWS-side 5xx, a
   * broken connection: `error.retryable`) is tried again, with a `step-retrying` event before each retry. Pauses
   * end at once when `signal` aborts or `timeoutMs` passes. `{ maxAttempts: 1 }` turns retries off.
   * @default `{ maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 20000 }`
   */
  readonly retry?: RetryOptions;
  /**
   * The longest one step's `undo` may take during a rollback (and one cleanup step after a successful apply). An undo that runs longer is reported as left behind,
   * and the rollback goes on with the next step.
   * @default 600000 (ten minutes)
   */
  readonly undoTimeoutMs?: number;
}

/**
 * How a step ended in a successful apply.
 *
 * @example
 * ```ts
 * const { steps } = await applyPlan(plan);
 * for (const step of steps) console.log(step.id, step.action, step.status); // endpoint create applied
 * ```
 */
export interface AppliedStep {
  /** The step's id in the plan. */
  readonly id: string;
  /** What the plan said it would do. */
  readonly action: StepAction;
  /** `applied` when its `apply` ran, `skipped` when its action was `none`, `failed` for a cleanup step that failed. */
  readonly status: 'applied' | 'skipped' | 'failed';
}

/**
 * What a successful apply did.
 *
 * @example
 * ```ts
 * const result = await applyPlan(plan);
 * const endpoint = result.outputs.get('endpoint');
 * if (result.cleanupFailures.length > 0) console.warn('left to tidy up:', result.cleanupFailures);
 * ```
 */
export interface ApplyResult {
  /** Each step's output by step id: what its `apply` returned, or its `existingOutput`. Steps without one are absent. */
  readonly outputs: ReadonlyMap<string, unknown>;
  /** True when any step's action was not `none`. */
  readonly changed: boolean;
  /** Every step of the plan, in plan order. */
  readonly steps: readonly AppliedStep[];
  /** How long the apply took. */
  readonly elapsedMs: number;
  /** Cleanup steps that failed: what they were to remove is still there. The deployment itself succeeded. */
  readonly cleanupFailures: readonly CleanupFailure[];
}

const DEFAULT_TIMEOUT_MS = 60 * 60_000;
const DEFAULT_UNDO_TIMEOUT_MS = 10 * 60_000;
// setTimeout fires at once for delays it cannot represent; longer limits mean "no limit" in practice anyway.
const MAX_TIMER_MS = 2 ** 31 - 1;

function checkNumber(argument: string, value: number, rule: string, ok: boolean): number {
  if (typeof value !== 'number' || Number.isNaN(value) || !ok) {
    throw new InvalidArgumentError(argument, `${argument} is ${String(value)}; it must be ${rule}.`);
  }
  return value;
}

function checkDeadline(argument: string, value: number): number {
  return checkNumber(
    argument,
    value,
    `a number of milliseconds above 0 and at most ${MAX_TIMER_MS} (about 24 days), or Infinity for no limit`,
    value > 0 && (value <= MAX_TIMER_MS || value === Number.POSITIVE_INFINITY),
  );
}

function resolvePoll(poll: PollOptions = {}): ResolvedPollOptions {
  const options = { ...DEFAULT_POLL_OPTIONS, ...poll };
  const { initialDelayMs, maxDelayMs, factor, jitter } = options;
  const rule = 'a number of milliseconds ≥ 0';
  checkNumber('poll.initialDelayMs', initialDelayMs, rule, initialDelayMs >= 0 && initialDelayMs <= MAX_TIMER_MS);
  checkNumber(
    'poll.maxDelayMs',
    maxDelayMs,
    `${rule} and ≥ poll.initialDelayMs (${initialDelayMs})`,
    maxDelayMs >= initialDelayMs && maxDelayMs <= MAX_TIMER_MS,
  );
  checkNumber('poll.factor', factor, 'a number ≥ 1', factor >= 1 && Number.isFinite(factor));
  checkNumber('poll.jitter', jitter, 'a number from 0 to 1', jitter >= 0 && jitter <= 1);
  return options;
}

function resolveRetry(retry: RetryOptions = {}): ResolvedRetryOptions {
  const options = { ...DEFAULT_RETRY_OPTIONS, ...retry };
  const { maxAttempts, baseDelayMs, maxDelayMs } = options;
  checkNumber(
    'retry.maxAttempts',
    maxAttempts,
    'a whole number ≥ 1',
    Number.isInteger(maxAttempts) && maxAttempts >= 1,
  );
  checkNumber(
    'retry.baseDelayMs',
    baseDelayMs,
    'a number of milliseconds ≥ 0',
    baseDelayMs >= 0 && baseDelayMs <= MAX_TIMER_MS,
  );
  checkNumber(
    'retry.maxDelayMs',
    maxDelayMs,
    `a number of milliseconds ≥ retry.baseDelayMs (${baseDelayMs})`,
    maxDelayMs >= baseDelayMs && maxDelayMs <= MAX_TIMER_MS,
  );
  return options;
}

/**
 * Applies a plan. Steps start as soon as the steps they depend on are done (so independent steps run at the same
 * time); a step whose action is `none` is skipped and its `existingOutput` recorded. After a step's `apply`, its
 * `wait` is polled with capped exponential backoff until it reports done. An `apply`, poll or `undo` that throws a
 * retryable modelship error is tried again (see {@link ApplyOptions.retry}); the step fails with the last error.
 *
 * When a step fails, the run is aborted or the deadline passes, the steps in flight are cancelled, and every step
 * whose `apply` returned in this run is undone, newest first, even when the signal has aborted. A step whose
 * `apply` threw is not undone: `apply` must return or throw having changed nothing. `delete` steps without an
 * `undo` are not reversed; `create` and `update` steps without one are reported as left behind.
 *
 * @throws {@link InvalidArgumentError} when the plan or an option is invalid, before any step runs.
 * @throws {@link AbortedError} when `signal` aborts: at once, changing nothing, if it already had; otherwise after
 *   the rollback, with `report` saying which step was interrupted and what was undone or left behind.
 * @throws {@link TimeoutError} when `timeoutMs` passes, after the rollback, with `report`.
 * @throws {@link DeploymentFailedError} when a step fails, after the rollback: `cause` is what the step threw,
 *   `report` says what was undone and what was left behind.
 *
 * @example
 * ```ts
 * const plan = await Model.fromFile('iris.onnx').deployTo(Local()).plan();
 * console.log(formatPlan(plan));
 * const { changed, elapsedMs } = await applyPlan(plan, { onEvent: (event) => console.error(event.type) });
 * ```
 */
export async function applyPlan(plan: Plan, options: ApplyOptions = {}): Promise<ApplyResult> {
  const fullGraph = validatePlan(plan);
  const cleanupSteps = plan.steps.filter((step) => step.cleanup === true);
  const mainPlan = { ...plan, steps: plan.steps.filter((step) => step.cleanup !== true) };
  // A step that depends on a cleanup step is refused here: "unknown step" in a plan without them.
  const graph = cleanupSteps.length === 0 ? fullGraph : validatePlan(mainPlan);
  const timeoutMs = checkDeadline('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const undoTimeoutMs = checkDeadline('undoTimeoutMs', options.undoTimeoutMs ?? DEFAULT_UNDO_TIMEOUT_MS);
  const poll = resolvePoll(options.poll);
  const retry = resolveRetry(options.retry);
  const { signal } = options;
  if (signal?.aborted) {
    throw new AbortedError(`Deployment "${plan.name}" was aborted before it started; nothing was changed.`, {
      cause: signal.reason,
    });
  }

  const started = performance.now();
  const run: RunState = {
    graph,
    outputs: new Map(),
    emit: createEmitter(options.onEvent),
    poll,
    retry,
    random: Math.random,
  };
  run.emit({ type: 'apply-started', name: plan.name, steps: plan.steps.map(toStepInfo) });

  const scheduler = new Scheduler(run);
  const onAbort = () => {
    const error = new AbortedError(`Deployment "${plan.name}" was aborted.`, { cause: signal?.reason });
    scheduler.stop({ kind: 'aborted', error });
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  const timer =
    timeoutMs === Number.POSITIVE_INFINITY
      ? undefined
      : setTimeout(() => {
          const error = new TimeoutError(`Deployment "${plan.name}" ran out of time.`, timeoutMs);
          scheduler.stop({ kind: 'timeout', error });
        }, timeoutMs);
  try {
    await scheduler.start();
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }

  const { stopReason, finished } = scheduler;
  // An abort or deadline that lands after the last step finished is too late to cancel anything: the work is done.
  if (!stopReason || finished.size === mainPlan.steps.length) {
    const cleanupFailures = await runCleanup(cleanupSteps, { ...run, graph: fullGraph }, signal, undoTimeoutMs);
    const changed = plan.steps.some((step) => step.action !== 'none');
    const elapsedMs = performance.now() - started;
    run.emit({ type: 'apply-done', name: plan.name, changed, elapsedMs });
    const failed = new Set(cleanupFailures.map((failure) => failure.stepId));
    const status = (step: PlanStep): AppliedStep['status'] =>
      finished.get(step.id) ?? (failed.has(step.id) ? 'failed' : step.action === 'none' ? 'skipped' : 'applied');
    const steps = plan.steps.map((step) => ({ id: step.id, action: step.action, status: status(step) }));
    return { outputs: new Map(run.outputs), changed, steps, elapsedMs, cleanupFailures };
  }

  const cleanup = await rollBack(scheduler.applied, run, undoTimeoutMs);
  throw failureError(mainPlan, stopReason, scheduler.interrupted, new Set(finished.keys()), cleanup);
}
