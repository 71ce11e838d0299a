import type { DeployEventHandler } from '../../deploy/events.js';
import type { CommandContext } from '../context.js';
import { progressRenderer } from '../render/progress.js';

/** What long library calls take to report progress and honour Ctrl-C. */
export interface ProgressOptions {
  readonly onEvent: DeployEventHandler;
  readonly signal: AbortSignal;
}

/** Runs `work` with a task list (or plain lines) of its events; the renderer is closed however it ends. */
export async function withProgress<T>(
  ctx: CommandContext,
  title: string,
  work: (options: ProgressOptions) => Promise<T>,
): Promise<T> {
  const renderer = progressRenderer(ctx.io, title);
  try {
    return await work({ onEvent: renderer.onEvent, signal: ctx.signal });
  } finally {
    await renderer.close();
  }
}
