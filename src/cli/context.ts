import type { CliIO } from './io.js';

/** The options every command accepts, as commander parsed them (see docs/cli.md, "Global options"). */
export interface GlobalOptions {
  readonly config?: string;
  readonly set: readonly string[];
  readonly profile?: string;
  readonly region?: string;
  readonly json: boolean;
  readonly color: boolean;
  readonly yes: boolean;
}

/** What a command runs with: where to write, the options, and the run's cancellation. */
export interface CommandContext {
  readonly io: CliIO;
  readonly globals: GlobalOptions;
  /** The folder the CLI was started in: configs and relative paths are found from it. */
  readonly cwd: string;
  /** Aborted by Ctrl-C: long work passes it on, so a cancelled deploy removes what it made. */
  readonly signal: AbortSignal;
}

/** Writes the one JSON document of a `--json` run. */
export function writeJson(io: CliIO, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Writes a line for people: stdout normally, stderr with `--json` (stdout is the document's). */
export function say(io: CliIO, line: string): void {
  (io.json ? io.stderr : io.stdout).write(`${line}\n`);
}
