import { Command } from 'commander';
import { type CommandContext, say } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { usageError } from '../fail.js';
import type { Bind } from '../program.js';
import { loadDeployment } from './load.js';
import { withProgress } from './progress.js';

/** `modelship destroy`: removes what the deployment made, found by name; asks first. */
export function destroyCommand(bind: Bind): Command {
  const command = new Command('destroy').description(
    'remove everything the deployment made (asks on a terminal; needs --yes otherwise)',
  );
  return bind(command, async (ctx) => {
    const loaded = await loadDeployment(ctx);
    const status = await loaded.builder.status();
    if (!(await confirmed(ctx, `Destroy ${status.name} (${status.target}) and everything it made?`))) {
      say(ctx.io, 'Nothing removed.');
      return EXIT.failure;
    }
    await withProgress(ctx, 'destroy', (progress) => loaded.builder.destroy(progress));
    say(ctx.io, `Destroyed ${status.name}.`);
    return undefined;
  });
}

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
