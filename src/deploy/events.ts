import type { ResourceRef, StepAction, StepProgress } from './plan.js';

/**
 * The part of a step that events carry: what it is, not how it runs.
 *
 * @example
 * ```ts
 * const onEvent = (event: DeployEvent) => {
 *   if (event.type === 'step-started')
 *     console.log(`${event.step.action} ${event.step.resource.kind} ${event.step.resource.name}`);
 * };
 * ```
 */
export interface StepInfo {
  /** The step's id in the plan, unique within it (`endpoint`, `role`). */
  readonly id: string;
  /** The AWS (or local) resource the step acts on. */
  readonly resource: ResourceRef;
  /** What the step does to it: `create`, `update`, `delete` or `none`. */
  readonly action: StepAction;
  /** Why, in words for people (`instance type changed`). */
  readonly reason: string;
}

/**
 * The part of a step that a `step-retrying` event is about.
 *
 * @example
 * ```ts
 * const phase: RetryPhase = 'wait';
 * ```
 */
export type RetryPhase = 'apply' | 'wait' | 'undo';

/**
 * Progress of `apply`, delivered in order to `onEvent`. A discriminated union on `type`:
 * switch on it, and expect new members in minor releases.
 *
 * @example
 * ```ts
 * await deployment.deploy({
 *   onEvent: (event) => {
 *     if (event.type === 'step-waiting') console.log(`${event.step.id}: ${event.status}`);
 *     if (event.type === 'apply-done') console.log(`done in ${Math.round(event.elapsedMs / 1000)} s`);
 *   },
 * });
 * ```
 */
export type DeployEvent =
  | {
      /** `apply` started on a plan. */
      readonly type: 'apply-started';
      /** The plan's (the deployment's) name. */
      readonly name: string;
      /** Every step of the plan, in plan order. */
      readonly steps: readonly StepInfo[];
    }
  | {
      /** A step started its `apply`. */
      readonly type: 'step-started';
      /** The step. */
      readonly step: StepInfo;
    }
  | {
      /** A step had nothing to do (`action: 'none'`): the resource is already as planned. */
      readonly type: 'step-skipped';
      /** The step. */
      readonly step: StepInfo;
    }
  | {
      /** A step's resource is not ready yet: sent after each poll of its `wait`. */
      readonly type: 'step-waiting';
      /** The step. */
      readonly step: StepInfo;
      /** What the last poll said, as the service spells it (`Creating`). */
      readonly status: string;
      /** Milliseconds since the step started. */
      readonly elapsedMs: number;
    }
  /**
   * Progress of a long `apply`, as its step reports it: `status` for people (`412.0 of 1024.0 MB uploaded`) and,
   * where the step can count, `progress` for a progress bar.
   */
  | {
      /** A step reported progress of its `apply`. */
      readonly type: 'step-progress';
      /** The step. */
      readonly step: StepInfo;
      /** The progress in words for people. */
      readonly status: string;
      /** The progress in numbers, when the step can count it. */
      readonly progress?: StepProgress;
    }
  | {
      /** A step finished: its resource is in place and ready. */
      readonly type: 'step-done';
      /** The step. */
      readonly step: StepInfo;
      /** Milliseconds the step took, waits included. */
      readonly elapsedMs: number;
    }
  | {
      /**
       * A step's `apply`, `wait` poll or `undo` failed with a retryable error (see `ApplyOptions.retry`) and will
       * be tried again after `delayMs`. `attempt` is the try that failed, from 1 (for `wait`: how many polls in a
       * row have failed). The step only fails, with `step-failed`, when it runs out of tries.
       */
      readonly type: 'step-retrying';
      /** The step. */
      readonly step: StepInfo;
      /** Which part of the step failed. */
      readonly phase: RetryPhase;
      /** The try that failed, from 1. */
      readonly attempt: number;
      /** What the try threw. */
      readonly error: unknown;
      /** Milliseconds until the next try. */
      readonly delayMs: number;
    }
  | {
      /** A step failed for good; a rollback of what this run changed follows. */
      readonly type: 'step-failed';
      /** The step. */
      readonly step: StepInfo;
      /** What it threw. */
      readonly error: unknown;
    }
  | {
      /** The rollback started: the steps this run changed are undone, last first. */
      readonly type: 'rollback-started';
      /** The steps to undo, in the order they will be undone. */
      readonly steps: readonly StepInfo[];
    }
  | {
      /** A step's change was undone. */
      readonly type: 'step-rolled-back';
      /** The step. */
      readonly step: StepInfo;
    }
  | {
      /** A step's change could not be undone: its resource is left behind (see `DeploymentFailedError.report`). */
      readonly type: 'step-rollback-failed';
      /** The step. */
      readonly step: StepInfo;
      /** What its `undo` threw. */
      readonly error: unknown;
    }
  | {
      /** A cleanup step failed after the deployment succeeded; nothing is rolled back (see `PlanStep.cleanup`). */
      readonly type: 'cleanup-failed';
      /** The cleanup step. */
      readonly step: StepInfo;
      /** What it threw. */
      readonly error: unknown;
    }
  | {
      /** `apply` finished: every step is done. */
      readonly type: 'apply-done';
      /** The plan's (the deployment's) name. */
      readonly name: string;
      /** Whether any step had something to do (`false`: the deployment was already as planned). */
      readonly changed: boolean;
      /** Milliseconds the whole `apply` took. */
      readonly elapsedMs: number;
    };

/**
 * Receives progress events. Must not throw; what it throws is ignored.
 *
 * @example
 * ```ts
 * const onEvent: DeployEventHandler = (event) => console.error(event.type);
 * await applyPlan(plan, { onEvent });
 * ```
 */
export type DeployEventHandler = (event: DeployEvent) => void;
