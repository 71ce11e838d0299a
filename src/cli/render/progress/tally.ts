/**
 * What both progress renderers need to know about a run to write its last line: when it started, how many steps
 * changed something, whether a step failed, and what the rollback managed.
 */
import type { DeployEvent } from '../../../deploy/events.js';
import { failureSummaryText, summaryText } from './step-text.js';

/** Counts one run's events (a new `apply-started` starts over) and words its last line. */
export class RunTally {
  private name: string | undefined;
  private startedAt = 0;
  private changed = 0;
  private failed = false;
  private finished = false;
  private rolledBack = 0;
  private leftBehind = 0;

  /** Counts `event`, which arrived at `now` (milliseconds, any origin). */
  observe(event: DeployEvent, now: number): void {
    switch (event.type) {
      case 'apply-started':
        this.name = event.name;
        this.startedAt = now;
        this.changed = 0;
        this.failed = false;
        this.finished = false;
        this.rolledBack = 0;
        this.leftBehind = 0;
        break;
      case 'step-done':
        this.changed += 1;
        break;
      case 'step-failed':
        this.failed = true;
        break;
      case 'step-rolled-back':
        this.rolledBack += 1;
        break;
      case 'step-rollback-failed':
        this.leftBehind += 1;
        break;
      case 'cleanup-failed':
        // The step was counted as started, not done; it changed nothing it was meant to.
        break;
      case 'apply-done':
        this.finished = true;
        break;
      default:
        break;
    }
  }

  /** The success line for `apply-done` (whose `elapsedMs` is the engine's own measure). */
  successLine(title: string, elapsedMs: number): string {
    return summaryText(title, this.name ?? '', elapsedMs, this.changed);
  }

  /**
   * The failure line, when a run started and stopped without `apply-done` (a step failed, or the caller gave up);
   * undefined otherwise, or once it has been asked for.
   */
  takeFailureLine(title: string, now: number): string | undefined {
    if (this.name === undefined || this.finished) return undefined;
    this.finished = true;
    const undo = { rolledBack: this.rolledBack, leftBehind: this.leftBehind };
    return failureSummaryText(title, this.name, Math.max(0, now - this.startedAt), undo, this.failed);
  }

  /** True once a step of the current run has failed. */
  get hasFailed(): boolean {
    return this.failed;
  }
}
