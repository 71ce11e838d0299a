import type { Command } from 'commander';
import type { Bind } from '../program.js';
import { deployCommand } from './deploy.js';
import { destroyCommand } from './destroy.js';
import { localCommand } from './local.js';
import { logsCommand } from './logs.js';
import { metricsCommand } from './metrics.js';
import { planCommand } from './plan.js';
import { predictCommand } from './predict.js';
import { registryCommand } from './registry/index.js';
import { rollbackCommand } from './rollback.js';
import { statusCommand } from './status.js';

/** Every command of the CLI, in the order `--help` lists them: the journey from a plan to teardown. */
export const COMMANDS: readonly ((bind: Bind) => Command)[] = [
  planCommand,
  deployCommand,
  statusCommand,
  predictCommand,
  logsCommand,
  metricsCommand,
  rollbackCommand,
  destroyCommand,
  registryCommand,
  localCommand,
];
