import { Command } from 'commander';
import { say, writeJson } from '../context.js';
import { usageError } from '../fail.js';
import type { Bind } from '../program.js';
import { loadDeployment } from './load.js';
import { outputsToJSON } from './outputs.js';
import { withProgress } from './progress.js';

/** `modelship rollback`: the registry alias back one version, and that version redeployed. */
export function rollbackCommand(bind: Bind): Command {
  const command = new Command('rollback');
  return bind(command, async (ctx) => {
    const loaded = await loadDeployment(ctx);
    // Refused before any AWS call: only a model taken from a registry alias has a version to go back to.
    if (loaded.plain !== undefined && !('registry' in loaded.plain.model)) {
      throw usageError(
        'rollback needs a model from a registry alias: set "model": { "registry": "name@alias" } and a "registry" in the config.',
      );
    }
    const current = await loaded.builder.attach({ signal: ctx.signal });
    const previous = await withProgress(ctx, 'rollback', (progress) => current.rollback(progress));
    const from = current.registered?.version.version;
    const to = previous.registered?.version.version;
    if (ctx.io.json) {
      writeJson(ctx.io, {
        name: previous.name,
        target: previous.target,
        from,
        to,
        outputs: outputsToJSON(previous.outputs),
      });
    } else {
      say(ctx.io, `Rolled ${previous.name} back from version ${from} to ${to}.`);
    }
    return undefined;
  });
}
