import { Command, CommanderError } from 'commander';
import { VERSION } from '../aws/version.js';
import { COMMANDS, invokedCommand } from './commands/index.js';
import type { CommandContext, GlobalOptions } from './context.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { exitCodeOf, reportError } from './fail.js';
import type { OutputStream } from './io.js';
import { makeIO } from './make-io.js';

/** Where a run of the CLI reads and writes: the real process in the binary, buffers in tests. */
export interface Runtime {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Aborted on Ctrl-C. */
  readonly signal: AbortSignal;
}

/** A command's work: returns its exit code (0 when it returns nothing) or throws. */
export type Action = (
  ctx: CommandContext,
  args: readonly string[],
  options: Readonly<Record<string, unknown>>,
) => Promise<ExitCode | undefined>;

/** Attaches an action to a command: parses the global options, builds the I/O, maps errors to exit codes. */
export type Bind = (command: Command, action: Action) => Command;

/** Runs the CLI with `argv` (without `node` and the script) and resolves its exit code. Never throws. */
export async function runCli(argv: readonly string[], runtime: Runtime): Promise<number> {
  // Only as the first argument: a program-level `--version` option would also match after a subcommand
  // (`registry promote churn --version 2`), print the version and exit 0 having done nothing.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    runtime.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  let exitCode: number = EXIT.ok;
  const bind: Bind = (command, action) =>
    command.action(async (...parameters: unknown[]) => {
      const self = parameters.at(-1) as Command;
      const globals = globalOptions(self.optsWithGlobals());
      const io = makeIO({
        stdout: runtime.stdout,
        stderr: runtime.stderr,
        json: globals.json,
        color: globals.color,
        env: runtime.env,
      });
      const args = parameters.slice(0, -2).filter((a): a is string => typeof a === 'string');
      try {
        exitCode =
          (await action({ io, globals, cwd: runtime.cwd, signal: runtime.signal }, args, self.opts())) ?? EXIT.ok;
      } catch (error) {
        exitCode = exitCodeOf(error);
        reportError(io, error, (runtime.env.MODELSHIP_DEBUG ?? '') !== '');
      }
    });
  const program = await buildProgram(argv, runtime, bind);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    // commander has already printed its message (unknown option, missing argument) or the help/version.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw error;
  }
  return exitCode;
}

async function buildProgram(argv: readonly string[], runtime: Runtime, bind: Bind): Promise<Command> {
  const program = new Command('modelship')
    .description('Deploy ML models to AWS (SageMaker, Lambda) or locally, and keep them healthy. See docs/cli.md.')
    .option('-c, --config <file>', 'the config file (default: modelship.config.ts|.mts|.js|.mjs|.json)')
    .option('--set <key=value>', 'override a config value by its dotted path (repeatable)', collect, [])
    .option('--profile <name>', 'the AWS profile')
    .option('--region <region>', 'the AWS region')
    .option('--json', 'one JSON document on stdout; progress on stderr', false)
    .option('--no-color', 'plain output: no colours, spinners or redrawing')
    .option('-y, --yes', 'do not ask for confirmation', false)
    .addHelpText('after', '\n  modelship --version (-V) prints the version.')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => runtime.stdout.write(text),
      writeErr: (text) => runtime.stderr.write(text),
    });
  // Only the command that runs is loaded; the others are there by name and summary, for `--help` and for
  // commander to tell a misspelt command from a real one.
  const invoked = invokedCommand(argv);
  for (const entry of COMMANDS) {
    const command = entry.name === invoked ? (await entry.load())(bind) : new Command(entry.name);
    program.addCommand(command.description(entry.summary));
  }
  // Subcommands report usage errors through the same override as the program itself.
  for (const command of program.commands) inheritOverrides(command, program);
  return program;
}

function inheritOverrides(command: Command, parent: Command): void {
  command.exitOverride().configureOutput(parent.configureOutput()).showHelpAfterError('(run with --help for usage)');
  for (const child of command.commands) inheritOverrides(child, command);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function globalOptions(options: Record<string, unknown>): GlobalOptions {
  return {
    ...(typeof options.config === 'string' ? { config: options.config } : {}),
    set: Array.isArray(options.set) ? options.set.map(String) : [],
    ...(typeof options.profile === 'string' ? { profile: options.profile } : {}),
    ...(typeof options.region === 'string' ? { region: options.region } : {}),
    json: options.json === true,
    color: options.color !== false,
    yes: options.yes === true,
  };
}
