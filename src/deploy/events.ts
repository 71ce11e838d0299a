import type { ResourceRef, StepAction, StepProgress } from './plan.js';

/** The part of a step that events carry: what it is, not how it runs. */
export interface StepInfo {
  readonly id: string;
  readonly resource: ResourceRef;
  readonly action: StepAction;
  readonly reason: string;
}

/** The part of a step that a `step-retrying` event is about. */
export type RetryPhase = 'apply' | 'wait' | 'undo';

/**
 * Progress of `apply`, delivered in order to `onEvent`. A discriminated union on `type`:
 * switch on it, and expect new members in minor releases.
 */
export type DeployEvent =
  | { readonly type: 'apply-started'; readonly name: string; readonly steps: readonly StepInfo[] }
  | { readonly type: 'step-started'; readonly step: StepInfo }
  | { readonly type: 'step-skipped'; readonly step: StepInfo }
  | { readonly type: 'step-waiting'; readonly step: StepInfo; readonly status: string; readonly elapsedMs: number }
  /**
   * Progress of a long `apply`, as its step reports it: `status` for people (`412.0 of 1024.0 MB uploaded`) and,
   * where the step can count, `progress` for a progress bar.
   */
  | {
      readonly type: 'step-progress';
      readonly step: StepInfo;
      readonly status: string;
      readonly progress?: StepProgress;
    }
  | { readonly type: 'step-done'; readonly step: StepInfo; readonly elapsedMs: number }
  | {
      /**
       * A step's `apply`, `wait` poll or `undo` failed with a retryable error (see `ApplyOptions.retry`) and will
       * be tried again after `delayMs`. `attempt` is the try that failed, from 1 (for `wait`: how many polls in a
       * row have failed). The step only fails, with `step-failed`, when it runs out of tries.
       */
      readonly type: 'step-retrying';
      readonly step: StepInfo;
      readonly phase: RetryPhase;
      readonly attempt: number;
      readonly error: unknown;
      readonly delayMs: number;
    }
  | { readonly type: 'step-failed'; readonly step: StepInfo; readonly error: unknown }
  | { readonly type: 'rollback-started'; readonly steps: readonly StepInfo[] }
  | { readonly type: 'step-rolled-back'; readonly step: StepInfo }
  | { readonly type: 'step-rollback-failed'; readonly step: StepInfo; readonly error: unknown }
  /** A cleanup step failed after the deployment succeeded; nothing is rolled back (see `PlanStep.cleanup`). */
  | { readonly type: 'cleanup-failed'; readonly step: StepInfo; readonly error: unknown }
  | { readonly type: 'apply-done'; readonly name: string; readonly changed: boolean; readonly elapsedMs: number };

/** Receives progress events. Must not throw; what it throws is ignored. */
export type DeployEventHandler = (event: DeployEvent) => void;
