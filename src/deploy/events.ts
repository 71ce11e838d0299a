import type { ResourceRef, StepAction } from './plan.js';

/** The part of a step that events carry: what it is, not how it runs. */
export interface StepInfo {
  readonly id: string;
  readonly resource: ResourceRef;
  readonly action: StepAction;
  readonly reason: string;
}

/**
 * Progress of `apply`, delivered in order to `onEvent`. A discriminated union on `type`:
 * switch on it, and expect new members in minor releases.
 */
export type DeployEvent =
  | { readonly type: 'apply-started'; readonly name: string; readonly steps: readonly StepInfo[] }
  | { readonly type: 'step-started'; readonly step: StepInfo }
  | { readonly type: 'step-skipped'; readonly step: StepInfo }
  | { readonly type: 'step-waiting'; readonly step: StepInfo; readonly status: string; readonly elapsedMs: number }
  | { readonly type: 'step-done'; readonly step: StepInfo; readonly elapsedMs: number }
  | { readonly type: 'step-failed'; readonly step: StepInfo; readonly error: unknown }
  | { readonly type: 'rollback-started'; readonly steps: readonly StepInfo[] }
  | { readonly type: 'step-rolled-back'; readonly step: StepInfo }
  | { readonly type: 'step-rollback-failed'; readonly step: StepInfo; readonly error: unknown }
  | { readonly type: 'apply-done'; readonly name: string; readonly changed: boolean; readonly elapsedMs: number };

/** Receives progress events. Must not throw; what it throws is ignored. */
export type DeployEventHandler = (event: DeployEvent) => void;
