import { Command } from 'commander';
import { checkVersion } from '../../../registry/names.js';
import { confirmed } from '../../confirm.js';
import { say, writeJson } from '../../context.js';
import { EXIT } from '../../exit-codes.js';
import type { Bind } from '../../program.js';
import type { OpenRegistry } from './open.js';

/**
 * `modelship registry delete <name> <version>`: deletes a version record (asks on a terminal; needs `--yes`
 * otherwise). The registry refuses while an alias points at it.
 */
export function deleteCommand(bind: Bind, open: OpenRegistry): Command {
  const command = new Command('delete')
    .description('delete a version (asks on a terminal; needs --yes otherwise)')
    .argument('<name>', 'the model, e.g. churn')
    .argument('<version>', 'the version, e.g. 3');
  return bind(command, async (ctx, [name = '', version = '']) => {
    // A version, never an alias: `delete churn production` must not delete whatever production points to.
    checkVersion(version);
    const registry = await open(ctx);
    // Ask about a version that exists: a typo fails here, before anyone is asked.
    await registry.get(name, version);
    if (!(await confirmed(ctx, `Delete version ${version} of ${name}?`))) {
      say(ctx.io, 'Nothing deleted.');
      return EXIT.failure;
    }
    await registry.delete(name, version);
    if (ctx.io.json) writeJson(ctx.io, { name, version, deleted: true });
    else say(ctx.io, `Deleted ${name}@${version}.`);
    return undefined;
  });
}
