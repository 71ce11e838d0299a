import { Command } from 'commander';
import { isAliasName } from '../../../registry/names.js';
import { say, writeJson } from '../../context.js';
import type { Bind } from '../../program.js';
import type { OpenRegistry } from './open.js';

/**
 * `modelship registry promote <name> --from <alias|version> --to <alias>`: points `to` at the version `from` points
 * to (`Registry.promote`), or, when `from` is a version (it starts with a digit), at that version
 * (`Registry.setAlias`). The alias state it leaves is printed.
 */
export function promoteCommand(bind: Bind, open: OpenRegistry): Command {
  const command = new Command('promote')
    .description('point an alias at the version another alias points to, or at a version')
    .argument('<name>', 'the model, e.g. churn')
    .requiredOption('--from <alias|version>', 'the alias whose version is promoted (staging), or a version (3)')
    .requiredOption('--to <alias>', 'the alias that moves, e.g. production');
  return bind(command, async (ctx, [name = ''], options) => {
    const from = String(options.from);
    const to = String(options.to);
    const registry = await open(ctx);
    const state = isAliasName(from)
      ? await registry.promote(name, { from, to })
      : await registry.setAlias(name, to, from);
    if (ctx.io.json) writeJson(ctx.io, state);
    else say(ctx.io, `${name}@${to} → ${state.version}${isAliasName(from) ? ` (promoted from ${from})` : ''}`);
    return undefined;
  });
}
