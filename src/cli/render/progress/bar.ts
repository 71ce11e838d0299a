/**
 * A progress bar for an upload or a batch, drawn by cli-progress's own formatter (the task list redraws it; we only
 * need the line, not cli-progress's terminal handling).
 */
import cliProgress from 'cli-progress';
import type { StepProgress } from '../../../deploy/plan.js';
import type { Palette } from '../colors.js';
import { amountText, fractionDone } from './step-text.js';

const BAR_SIZE = 20;

/** `████████░░░░░░░░░░░░ 40% · 412.0 of 1024.0 MB`, the bar in cyan when the palette has colour. */
export function progressBar(progress: StepProgress, palette: Palette): string {
  const options = {
    format: `${palette.cyan('{bar}')} {percentage}% · {amount}`,
    barsize: BAR_SIZE,
    barCompleteString: '█'.repeat(BAR_SIZE),
    barIncompleteString: '░'.repeat(BAR_SIZE),
    barGlue: '',
    // The bar shows no time: the task list already shows how long the step has run.
    formatTime: () => '',
  };
  const params = {
    progress: fractionDone(progress),
    value: progress.done,
    total: progress.total,
    eta: 0,
    startTime: 0,
    stopTime: 0,
    maxWidth: 0,
  };
  return cliProgress.Format.Formatter(options, params, { amount: amountText(progress) });
}
