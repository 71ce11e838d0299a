/**
 * Deploy progress for the CLI: a task list on a terminal, plain lines everywhere else.
 */
import type { CliIO } from '../io.js';
import { plainLines } from './progress/plain-lines.js';
import type { ProgressRenderer } from './progress/renderer.js';
import { taskList } from './progress/task-list.js';

export type { ProgressRenderer } from './progress/renderer.js';

/** What tests change about {@link progressRenderer}. */
export interface ProgressRendererOptions {
  /** A clock in milliseconds, for the elapsed times it prints. @default performance.now */
  readonly now?: () => number;
}

/**
 * Shows a run's {@link DeployEvent}s as they arrive. With `io.interactive`, a listr2 task list redrawn in place: one
 * task per plan step (unchanged steps marked as such), the running ones with their status and how long they have
 * waited (`Creating · 2m10s`), retries, a progress bar for uploads, elapsed time on finished steps, failures and
 * the rollback. Otherwise one plain line per meaningful event, with no escape codes, on stdout (stderr with
 * `--json`, where stdout is the document's), ending with a summary (`deployed churn in 6m12s, 3 steps changed`).
 *
 * `title` is the command (`deploy`, `destroy`, `rollback`): it names the run in the lines it writes.
 * Call `close()` however the run ended (it is safe twice): it stops redrawing and writes what is left.
 *
 * @example
 * ```ts
 * const progress = progressRenderer(io, 'deploy');
 * try {
 *   await deployment.deploy({ onEvent: progress.onEvent });
 * } finally {
 *   await progress.close();
 * }
 * ```
 */
export function progressRenderer(io: CliIO, title: string, options: ProgressRendererOptions = {}): ProgressRenderer {
  const now = options.now ?? (() => performance.now());
  if (io.interactive) return taskList(io, title, now);
  return plainLines(io.json ? io.stderr : io.stdout, title, now);
}
