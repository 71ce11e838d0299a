import { Command } from 'commander';
import { confirmed } from '../confirm.js';
import { say } from '../context.js';
import { EXIT } from '../exit-codes.js';
import type { Bind } from '../program.js';
import { loadDeployment } from './load.js';
import { withProgress } from './progress.js';

/** `modelship destroy`: removes what the deployment made, found by name; asks first. */
export function destroyCommand(bind: Bind): Command {
  const command = new Command('destroy');
  return bind(command, async (ctx) => {
    const { builder } = await loadDeployment(ctx);
    // Asked (or refused without --yes) before any AWS call: name and target come from the config alone.
    if (!(await confirmed(ctx, `Destroy ${builder.name} (${builder.target}) and everything it made?`))) {
      say(ctx.io, 'Nothing removed.');
      return EXIT.failure;
    }
    await withProgress(ctx, 'destroy', (progress) => builder.destroy(progress));
    say(ctx.io, `Destroyed ${builder.name}.`);
    return undefined;
  });
}
