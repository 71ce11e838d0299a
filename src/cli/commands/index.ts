import type { Command } from 'commander';
import type { Bind } from '../program.js';

/**
 * One command of the CLI: its name and summary for `--help`, and its module, loaded only when the command runs.
 * A command's module pulls in what it works with (the AWS clients, the config loader, the renderers); loading every
 * one of them would make `modelship --help` or `predict --url` wait for all of them.
 */
export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  load(): Promise<(bind: Bind) => Command>;
}

/** Every command of the CLI, in the order `--help` lists them: the journey from a plan to teardown. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'plan',
    summary: 'print what deploy would do (read-only calls only)',
    load: async () => (await import('./plan.js')).planCommand,
  },
  {
    name: 'deploy',
    summary: 'plan and apply the deployment, then run its validate gate (exit 3 when it fails)',
    load: async () => (await import('./deploy.js')).deployCommand,
  },
  {
    name: 'status',
    summary: 'the deployment’s state, resources and version, with charts of its traffic; exit 1 unless healthy',
    load: async () => (await import('./status.js')).statusCommand,
  },
  {
    name: 'predict',
    summary: 'send one request and print the answer',
    load: async () => (await import('./predict.js')).predictCommand,
  },
  {
    name: 'logs',
    summary: 'the deployment’s CloudWatch Logs (--json: one event per line)',
    load: async () => (await import('./logs.js')).logsCommand,
  },
  {
    name: 'metrics',
    summary: 'charts of invocations, latency p50/p99 and errors over a window',
    load: async () => (await import('./metrics.js')).metricsCommand,
  },
  {
    name: 'rollback',
    summary: 'move the registry alias back to its previous version and redeploy it (blue/green on SageMaker)',
    load: async () => (await import('./rollback.js')).rollbackCommand,
  },
  {
    name: 'destroy',
    summary: 'remove everything the deployment made (asks on a terminal; needs --yes otherwise)',
    load: async () => (await import('./destroy.js')).destroyCommand,
  },
  {
    name: 'registry',
    summary: 'list, show, register, promote, roll back, approve and delete model versions',
    load: async () => (await import('./registry/index.js')).registryCommand,
  },
  {
    name: 'local',
    summary: 'serve the config’s model (or the model file/folder given) on the Local target until Ctrl-C',
    load: async () => (await import('./local.js')).localCommand,
  },
];

/** Global options that take a value: their value is not a command name. */
const VALUE_OPTIONS = new Set(['-c', '--config', '--set', '--profile', '--region']);

/**
 * The command `argv` runs (`help deploy` asks for deploy's help), or undefined for none: the first word that is
 * neither an option nor a global option's value.
 */
export function invokedCommand(argv: readonly string[]): string | undefined {
  const words: string[] = [];
  for (let i = 0; i < argv.length && words.length < 2; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--') break;
    if (arg.startsWith('-')) {
      if (VALUE_OPTIONS.has(arg)) i += 1;
      continue;
    }
    words.push(arg);
    if (arg !== 'help') break;
  }
  return words[0] === 'help' ? words[1] : words[0];
}
