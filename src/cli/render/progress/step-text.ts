/**
 * The words both progress renderers use for steps and events, so a task list and a CI log say the same things.
 */
import type { StepInfo } from '../../../deploy/events.js';
import type { StepProgress } from '../../../deploy/plan.js';
import { isModelshipError } from '../../../errors.js';
import { formatDuration } from '../duration.js';

/** A step for people, as the engine's messages name it: `create SageMaker endpoint churn`. */
export function stepTitle(step: StepInfo): string {
  return `${step.action} ${step.resource.kind} ${step.resource.name}`;
}

/** A step whose action is `none`: `S3 object s3://models/churn.tar.gz unchanged`. */
export function unchangedTitle(step: StepInfo): string {
  return `${step.resource.kind} ${step.resource.name} unchanged`;
}

/** The first line of what was thrown, without a final full stop. */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? '').replace(/\.\s*$/, '');
}

/** True for the failure of a step the engine cancelled because another one failed (or the run was stopped). */
export function wasCancelled(error: unknown): boolean {
  return isModelshipError(error) && error.code === 'ABORTED';
}

/** Why a try failed, in a word or two: `throttled`, `AWS error`, or the error's own first line. */
function retryReason(error: unknown): string {
  if (isModelshipError(error)) {
    if (error.code === 'THROTTLED') return 'throttled';
    if (error.code === 'SERVICE_ERROR') return 'AWS error';
    if (error.code === 'CONFLICT') return 'busy';
  }
  return errorText(error);
}

/** `throttled, retrying in 1.2s (attempt 2)`: `attempt` is the try that failed, so the next one is one more. */
export function retryText(event: { phase: string; attempt: number; error: unknown; delayMs: number }): string {
  const what = event.phase === 'undo' ? 'retrying undo' : event.phase === 'wait' ? 'checking again' : 'retrying';
  return `${retryReason(event.error)}, ${what} in ${formatDuration(event.delayMs)} (attempt ${event.attempt + 1})`;
}

// Decimal megabytes, as the S3 upload step reports them (`412.0 of 1024.0 MB uploaded`).
const MB = 1_000_000;

/** `412.0 of 1024.0 MB` for bytes, `12 of 40 items` for items. */
export function amountText(progress: StepProgress): string {
  if (progress.unit === 'bytes') return `${(progress.done / MB).toFixed(1)} of ${(progress.total / MB).toFixed(1)} MB`;
  return `${progress.done} of ${progress.total} items`;
}

/** How far along, from 0 to 1 (a total of 0 counts as done). */
export function fractionDone(progress: StepProgress): number {
  if (progress.total <= 0) return 1;
  return Math.min(1, Math.max(0, progress.done / progress.total));
}

// What a finished run did, by the command that ran it (`title`): `deployed churn in 6m12s`.
const PAST_TENSE: Readonly<Record<string, string>> = {
  deploy: 'deployed',
  destroy: 'destroyed',
  rollback: 'rolled back',
  local: 'started',
};

/** The last line of a run that succeeded: `deployed churn in 6m12s, 3 steps changed`. */
export function summaryText(title: string, name: string, elapsedMs: number, changedSteps: number): string {
  const done = PAST_TENSE[title] === undefined ? `${title} ${name} done` : `${PAST_TENSE[title]} ${name}`;
  const changed =
    changedSteps === 0 ? 'nothing changed' : `${changedSteps} step${changedSteps === 1 ? '' : 's'} changed`;
  return `${done} in ${formatDuration(elapsedMs)}, ${changed}`;
}

/**
 * The last line of a run that failed (`deploy churn failed after 40.1s: 2 rolled back, 1 left behind`), or that
 * stopped without a failed step (aborted, timed out).
 */
export function failureSummaryText(
  title: string,
  name: string,
  elapsedMs: number,
  undo: { rolledBack: number; leftBehind: number },
  stepFailed: boolean,
): string {
  const parts = [
    ...(undo.rolledBack > 0 ? [`${undo.rolledBack} rolled back`] : []),
    ...(undo.leftBehind > 0 ? [`${undo.leftBehind} left behind`] : []),
  ];
  const after = parts.length === 0 ? 'nothing to roll back' : parts.join(', ');
  return `${title} ${name} ${stepFailed ? 'failed' : 'stopped'} after ${formatDuration(elapsedMs)}: ${after}`;
}
