/**
 * `modelship registry …`: the model registry from a terminal. Each subcommand is one call of `Registry` (see
 * docs/cli.md); they all open the registry the same way, from `--registry` or the config file.
 */
import { Command } from 'commander';
import type { Bind } from '../../program.js';
import { aliasesCommand } from './aliases.js';
import { approveCommand, rejectCommand } from './approval.js';
import { deleteCommand } from './delete.js';
import { historyCommand } from './history.js';
import { listCommand } from './list.js';
import { type OpenRegistry, openRegistry } from './open.js';
import { promoteCommand } from './promote.js';
import { registerCommand } from './register.js';
import { rollbackCommand } from './rollback.js';
import { showCommand } from './show.js';

const SUBCOMMANDS = [
  listCommand,
  showCommand,
  registerCommand,
  promoteCommand,
  rollbackCommand,
  approveCommand,
  rejectCommand,
  deleteCommand,
  aliasesCommand,
  historyCommand,
] as const;

/** `modelship registry`: the parent of the registry subcommands, holding the `--registry` option they share. */
export function registryCommand(bind: Bind): Command {
  const command = new Command('registry').option(
    '--registry <dir | s3://bucket/prefix | sagemaker>',
    "the registry (default: the config file's registry)",
  );
  // Read when a subcommand runs: commander has parsed `--registry` wherever it was written by then.
  const open: OpenRegistry = (ctx) => {
    const flag: unknown = command.opts().registry;
    return openRegistry(ctx, typeof flag === 'string' ? flag : undefined);
  };
  for (const define of SUBCOMMANDS) command.addCommand(define(bind, open));
  return command;
}
