/**
 * Runs a plan's steps as a dependency graph: every step starts as soon as the steps it depends on are done, so
 * independent steps run at the same time. The first failure, an abort or the deadline stops the run: no new step
 * starts, the steps in flight are cancelled through their signal, and the run settles once they have.
 */
import { AbortedError, type TimeoutError } from '../../errors.js';
import type { PlanStep } from '../plan.js';
import { toStepInfo } from './emitter.js';
import { type RunState, runStep, type StepProgress } from './step.js';

/** Why a run stopped before finishing. The first reason wins; what follows from it is a consequence. */
export type StopReason =
  | { readonly kind: 'failure'; readonly step: PlanStep; readonly error: unknown }
  | { readonly kind: 'aborted'; readonly error: AbortedError }
  | { readonly kind: 'timeout'; readonly error: TimeoutError };

/** A step that was running when the run stopped. */
export interface InterruptedStep {
  readonly step: PlanStep;
  readonly progress: StepProgress;
}

export class Scheduler {
  /** Steps whose `apply` returned, in the order it returned: what a rollback must undo. */
  readonly applied: PlanStep[] = [];
  /** Steps that finished, with how. */
  readonly finished = new Map<string, 'applied' | 'skipped'>();
  /** Steps that were running when the run stopped, in plan order. */
  interrupted: readonly InterruptedStep[] = [];
  private reason: StopReason | undefined;
  private readonly started = new Set<string>();
  private readonly running = new Map<string, InterruptedStep>();
  private readonly controller = new AbortController();
  private settled: (() => void) | undefined;

  constructor(private readonly run: RunState) {}

  /** Why the run stopped, if it did. */
  get stopReason(): StopReason | undefined {
    return this.reason;
  }

  /** Runs the plan; resolves (never rejects) once no step is running and no more will start. */
  start(): Promise<void> {
    const done = new Promise<void>((resolve) => {
      this.settled = resolve;
    });
    this.launch();
    return done;
  }

  /** Stops the run, unless it has already stopped. Steps in flight see their signal abort. */
  stop(reason: StopReason): void {
    if (this.reason) return;
    this.reason = reason;
    this.interrupted = this.run.graph.plan.steps.flatMap((step) => this.running.get(step.id) ?? []);
    this.controller.abort(
      reason.kind === 'failure'
        ? new AbortedError(`Cancelled because plan step "${reason.step.id}" failed.`)
        : reason.error,
    );
  }

  // Steps only depend on earlier steps, so one pass in plan order also starts the steps that a skipped step
  // (action `none`, finished at once) has just made ready.
  private launch(): void {
    const { graph, outputs, emit } = this.run;
    for (const step of graph.plan.steps) {
      if (this.reason) break;
      if (this.started.has(step.id)) continue;
      if (!graph.dependsOn.get(step.id)?.every((dep) => this.finished.has(dep))) continue;
      this.started.add(step.id);
      if (step.action === 'none') {
        if (step.existingOutput !== undefined) outputs.set(step.id, step.existingOutput);
        this.finished.set(step.id, 'skipped');
        emit({ type: 'step-skipped', step: toStepInfo(step) });
      } else {
        this.startStep(step);
      }
    }
    if (this.running.size === 0) this.settled?.();
  }

  private startStep(step: PlanStep): void {
    const progress: StepProgress = { phase: 'applying' };
    this.running.set(step.id, { step, progress });
    const recordApplied = (output: unknown) => {
      this.applied.push(step);
      if (output !== undefined) this.run.outputs.set(step.id, output);
    };
    runStep(step, this.run, this.controller.signal, progress, recordApplied).then(
      () => {
        this.finished.set(step.id, 'applied');
        this.running.delete(step.id);
        this.launch();
      },
      (error: unknown) => {
        this.run.emit({ type: 'step-failed', step: toStepInfo(step), error });
        this.stop({ kind: 'failure', step, error });
        this.running.delete(step.id);
        this.launch();
      },
    );
  }
}
