import { Command } from 'commander';
import type { ApprovalStatus } from '../../../registry/types.js';
import { say, writeJson } from '../../context.js';
import type { Bind } from '../../program.js';
import type { OpenRegistry } from './open.js';

/** `modelship registry approve <name> <version>`: marks a version approved for production. */
export function approveCommand(bind: Bind, open: OpenRegistry): Command {
  return approvalCommand(bind, open, 'approve', 'approved');
}

/** `modelship registry reject <name> <version>`: marks a version rejected. */
export function rejectCommand(bind: Bind, open: OpenRegistry): Command {
  return approvalCommand(bind, open, 'reject', 'rejected');
}

function approvalCommand(
  bind: Bind,
  open: OpenRegistry,
  verb: 'approve' | 'reject',
  status: Exclude<ApprovalStatus, 'pending'>,
): Command {
  const command = new Command(verb)
    .description(`mark a version ${status}`)
    .argument('<name>', 'the model, e.g. churn')
    .argument('<version>', 'the version, e.g. 3');
  return bind(command, async (ctx, [name = '', version = '']) => {
    const registry = await open(ctx);
    await registry[verb](name, version);
    if (ctx.io.json) writeJson(ctx.io, { name, version, approval: status });
    else say(ctx.io, `${name}@${version} is ${status}.`);
    return undefined;
  });
}
