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
