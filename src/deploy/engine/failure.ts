/**
 * Turns a stopped run into the error `applyPlan` throws, with a message that says which step failed, why, and
 * what was undone or left behind.
 */
import {
  AbortedError,
  DeploymentFailedError,
  type DeploymentFailureReport,
  isModelshipError,
  TimeoutError,
} from '../../errors.js';
import type { Plan, PlanStep } from '../plan.js';
import { describeStep } from './emitter.js';
import type { InterruptedStep, StopReason } from './scheduler.js';

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\.\s*$/, '');
}

function resources(list: readonly { kind: string; name: string }[]): string {
  return list.map(({ kind, name }) => `${kind} ${name}`).join(', ');
}

function cleanupSentence(report: DeploymentFailureReport): string {
  const { cleanedUp, leftBehind } = report;
  if (cleanedUp.length === 0 && leftBehind.length === 0) return 'This run had changed nothing, so nothing was undone.';
  const parts: string[] = [];
  if (cleanedUp.length > 0) parts.push(`Undone: ${resources(cleanedUp)}.`);
  if (leftBehind.length > 0) {
    const list = leftBehind.map((item) => `${item.kind} ${item.name} (${messageOf(item.error)})`).join(', ');
    parts.push(`Left behind, needs attention: ${list}.`);
  }
  return parts.join(' ');
}

function duration(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}

/**
 * The step to blame for an abort or a timeout: one that was waiting (it is usually the slow one), else one that was
 * running, else the first that had not finished.
 */
function interruptedStep(plan: Plan, interrupted: readonly InterruptedStep[], finished: ReadonlySet<string>) {
  const waiting = interrupted.find((item) => item.progress.phase === 'waiting') ?? interrupted[0];
  if (waiting) return waiting;
  const next = plan.steps.find((step) => !finished.has(step.id)) as PlanStep;
  return { step: next, progress: { phase: 'applying' as const } };
}

/** The error for a run that stopped for `reason`, after a rollback that produced `cleanup`. */
export function failureError(
  plan: Plan,
  reason: StopReason,
  interrupted: readonly InterruptedStep[],
  finished: ReadonlySet<string>,
  cleanup: Pick<DeploymentFailureReport, 'cleanedUp' | 'leftBehind'>,
): Error {
  const deployment = `Deployment "${plan.name}"`;
  if (reason.kind === 'failure') {
    const { step, error } = reason;
    const report = { failedStep: step.id, ...cleanup };
    const message = `${deployment} failed at step "${step.id}" (${describeStep(step)}): ${messageOf(error)}. ${cleanupSentence(report)}`;
    // A throttled or briefly unavailable service is worth another try, once nothing is left over from this one.
    const retryable = isModelshipError(error) && error.retryable && cleanup.leftBehind.length === 0;
    return new DeploymentFailedError(message, report, { cause: error, retryable });
  }

  const { step, progress } = interruptedStep(plan, interrupted, finished);
  const report = { failedStep: step.id, ...cleanup };
  const during = `step "${step.id}" (${describeStep(step)})`;
  if (reason.kind === 'aborted') {
    const message = `${deployment} was aborted during ${during}. ${cleanupSentence(report)}`;
    return new AbortedError(message, { cause: reason.error.cause, report });
  }
  const where =
    progress.phase === 'waiting'
      ? `was still waiting${progress.lastStatus === undefined ? '' : ` (last status: ${progress.lastStatus})`}`
      : 'was still applying';
  const { timeoutMs } = reason.error;
  const message = `${deployment} did not finish within ${duration(timeoutMs)}: ${during} ${where}. ${cleanupSentence(report)}`;
  return new TimeoutError(message, timeoutMs, { report });
}
