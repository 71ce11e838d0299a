import { Command } from 'commander';
import { writeJson } from '../../context.js';
import type { Bind } from '../../program.js';
import { describeEvents } from './describe.js';
import type { OpenRegistry } from './open.js';

/** `modelship registry history <name>`: versions registered and alias moves, oldest first. */
export function historyCommand(bind: Bind, open: OpenRegistry): Command {
  const command = new Command('history')
    .description('everything that happened to a model: versions registered, aliases moved, oldest first')
    .argument('<name>', 'the model, e.g. churn');
  return bind(command, async (ctx, [name = '']) => {
    const events = await (await open(ctx)).history(name);
    if (ctx.io.json) {
      writeJson(ctx.io, events);
      return undefined;
    }
    ctx.io.stdout.write(`${describeEvents(events, ctx.io)}\n`);
    return undefined;
  });
}
