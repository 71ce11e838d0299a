import type { Command } from 'commander';
import type { Bind } from '../program.js';
import { planCommand } from './plan.js';
import { registryCommand } from './registry/index.js';

/** Every command of the CLI, in the order `--help` lists them. */
export const COMMANDS: readonly ((bind: Bind) => Command)[] = [planCommand, registryCommand];
