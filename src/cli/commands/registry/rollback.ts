import { Command } from 'commander';
import { say, writeJson } from '../../context.js';
import type { Bind } from '../../program.js';
import type { OpenRegistry } from './open.js';

/** `modelship registry rollback <name> <alias>`: the alias back to the version it pointed to before its last move. */
export function rollbackCommand(bind: Bind, open: OpenRegistry): Command {
  const command = new Command('rollback')
    .description('move an alias back to its previous version')
    .argument('<name>', 'the model, e.g. churn')
    .argument('<alias>', 'the alias, e.g. production');
  return bind(command, async (ctx, [name = '', alias = '']) => {
    const registry = await open(ctx);
    const state = await registry.rollback(name, alias);
    if (ctx.io.json) writeJson(ctx.io, state);
    else say(ctx.io, `${name}@${alias} → ${state.version} (rolled back from ${state.history.at(-2)?.version ?? '?'})`);
    return undefined;
  });
}
