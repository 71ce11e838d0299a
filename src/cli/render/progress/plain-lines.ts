/**
 * Progress for CI logs and pipes: one plain line per meaningful event, prefixed with the time since the run began
 * (`[  12.3s] create SageMaker endpoint churn: Creating`), never an escape code. Polls and upload callbacks are
 * frequent; a log wants changes, so waiting lines come when the status changes (or every 30 s of the same status)
 * and progress lines at most every 10%.
 */
import type { DeployEvent, StepInfo } from '../../../deploy/events.js';
import type { OutputStream } from '../../io.js';
import { formatDuration } from '../duration.js';
import type { ProgressRenderer } from './renderer.js';
import {
  amountText,
  errorText,
  fractionDone,
  retryText,
  stepTitle,
  unchangedTitle,
  wasCancelled,
} from './step-text.js';
import { RunTally } from './tally.js';

/** How often a step still in the same status gets another waiting line. */
export const SAME_STATUS_EVERY_MS = 30_000;
/** How often a step that reports progress without numbers gets another line. */
const UNCOUNTED_PROGRESS_EVERY_MS = 10_000;

interface StepLog {
  status?: string;
  statusAtMs?: number;
  decile?: number;
  progressAt?: number;
}

/** Writes `title`'s run as plain lines to `out`; `now` is a clock in milliseconds. */
export function plainLines(out: OutputStream, title: string, now: () => number): ProgressRenderer {
  const began = now();
  const tally = new RunTally();
  const logs = new Map<string, StepLog>();
  let closed = false;

  const write = (text: string) => {
    if (!closed) out.write(`[${formatDuration(Math.max(0, now() - began)).padStart(7)}] ${text}\n`);
  };
  const log = (step: StepInfo): StepLog => {
    const entry = logs.get(step.id) ?? {};
    logs.set(step.id, entry);
    return entry;
  };
  const say = (step: StepInfo, text: string) => write(`${stepTitle(step)}: ${text}`);

  const onWaiting = (event: Extract<DeployEvent, { type: 'step-waiting' }>) => {
    const entry = log(event.step);
    const changed = entry.status !== event.status;
    if (!changed && event.elapsedMs - (entry.statusAtMs ?? 0) < SAME_STATUS_EVERY_MS) return;
    entry.status = event.status;
    entry.statusAtMs = event.elapsedMs;
    say(event.step, changed ? event.status : `${event.status} (${formatDuration(event.elapsedMs)})`);
  };

  const onProgress = (event: Extract<DeployEvent, { type: 'step-progress' }>) => {
    const entry = log(event.step);
    if (event.progress) {
      const decile = Math.floor(fractionDone(event.progress) * 10);
      if (entry.decile !== undefined && decile <= entry.decile) return;
      entry.decile = decile;
      say(event.step, `${amountText(event.progress)} (${decile * 10}%)`);
      return;
    }
    const at = now();
    if (entry.progressAt !== undefined && at - entry.progressAt < UNCOUNTED_PROGRESS_EVERY_MS) return;
    entry.progressAt = at;
    say(event.step, event.status);
  };

  const onEvent = (event: DeployEvent) => {
    tally.observe(event, now());
    switch (event.type) {
      case 'apply-started': {
        const unchanged = event.steps.filter((step) => step.action === 'none').length;
        const count = `${event.steps.length} step${event.steps.length === 1 ? '' : 's'}`;
        write(`${title} ${event.name}: ${count}${unchanged > 0 ? `, ${unchanged} unchanged` : ''}`);
        break;
      }
      case 'step-started':
        say(event.step, 'started');
        break;
      case 'step-skipped':
        write(unchangedTitle(event.step));
        break;
      case 'step-waiting':
        onWaiting(event);
        break;
      case 'step-progress':
        onProgress(event);
        break;
      case 'step-retrying':
        say(event.step, retryText(event));
        break;
      case 'step-done':
        say(event.step, `done in ${formatDuration(event.elapsedMs)}`);
        break;
      case 'step-failed':
        say(event.step, wasCancelled(event.error) ? 'cancelled' : `failed: ${errorText(event.error)}`);
        break;
      case 'rollback-started':
        write(`rolling back ${event.steps.length} step${event.steps.length === 1 ? '' : 's'} this run made`);
        break;
      case 'step-rolled-back':
        say(event.step, 'rolled back');
        break;
      case 'step-rollback-failed':
        say(event.step, `rollback failed, left behind: ${errorText(event.error)}`);
        break;
      case 'cleanup-failed':
        say(event.step, `cleanup failed, still there: ${errorText(event.error)}`);
        break;
      case 'apply-done':
        write(tally.successLine(title, event.elapsedMs));
        break;
      default:
        break;
    }
  };

  return {
    onEvent,
    async close() {
      if (closed) return;
      const failure = tally.takeFailureLine(title, now());
      if (failure !== undefined) write(failure);
      closed = true;
    },
  };
}
