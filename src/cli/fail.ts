import { CommanderError } from 'commander';
import { DeploymentFailedError, isModelshipError } from '../errors.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { CliIO } from './io.js';

/** Thrown by a command to end with a given exit code after it has said why. */
export class CliExit extends Error {
  readonly exitCode: ExitCode;
  constructor(exitCode: ExitCode, message: string) {
    super(message);
    this.name = 'CliExit';
    this.exitCode = exitCode;
  }
}

/** Bad usage found by a command itself (a missing argument, a flag combination): exit code 2. */
export function usageError(message: string): CliExit {
  return new CliExit(EXIT.usage, message);
}

/** The exit code an error ends the CLI with (see docs/cli.md). */
export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof CliExit) return error.exitCode;
  if (error instanceof CommanderError) return EXIT.usage;
  if (isModelshipError(error)) {
    if (error.code === 'INVALID_ARGUMENT') return EXIT.usage;
    if (error.code === 'ABORTED') return EXIT.cancelled;
  }
  return EXIT.failure;
}

/**
 * Says what went wrong, once: on stderr for people (with what was cleaned up or left behind after a failed
 * deployment), and as `{ "error": … }` on stdout with `--json` so a pipe always receives one document.
 * Stack traces only with `MODELSHIP_DEBUG=1`: they help us, not the person deploying.
 */
export function reportError(io: CliIO, error: unknown, debug: boolean): void {
  const code = isModelshipError(error) ? error.code : error instanceof CliExit ? 'CLI' : 'UNEXPECTED';
  const message = error instanceof Error ? error.message : String(error);
  const lines = [`error${code === 'CLI' ? '' : ` [${code}]`}: ${message}`];
  if (error instanceof DeploymentFailedError) {
    const { cleanedUp, leftBehind } = error.report;
    if (cleanedUp.length > 0) lines.push(`removed what this run made: ${cleanedUp.map(describe).join(', ')}`);
    for (const left of leftBehind) {
      lines.push(`LEFT BEHIND, remove by hand: ${describe(left)} (${messageOf(left.error)})`);
    }
  }
  if (debug && error instanceof Error && error.stack !== undefined) lines.push(error.stack);
  io.stderr.write(`${lines.join('\n')}\n`);
  if (io.json) {
    const report = error instanceof DeploymentFailedError ? { report: error.report } : {};
    io.stdout.write(`${JSON.stringify({ error: { code, message, ...report } }, jsonReplacer)}\n`);
  }
}

function describe(resource: { readonly kind: string; readonly name: string }): string {
  return `${resource.kind} ${resource.name}`;
}

/** What an error says, whatever was thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Errors inside reports become their messages: `JSON.stringify` would print `{}`. */
function jsonReplacer(_key: string, value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message } : value;
}
