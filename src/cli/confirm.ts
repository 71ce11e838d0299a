import type { CommandContext } from './context.js';
import { usageError } from './fail.js';

/**
 * `--yes`, or a person answering yes at a terminal. Off a terminal without `--yes` it is bad usage (exit 2): a CI
 * job must say in its script that it means to delete.
 */
export async function confirmed(ctx: CommandContext, question: string): Promise<boolean> {
  if (ctx.globals.yes) return true;
  if (!ctx.io.interactive) {
    throw usageError(`${question.replace(/\?$/, '')}: refused, this is not a terminal. Pass --yes to confirm.`);
  }
  return ctx.io.confirm(question);
}
