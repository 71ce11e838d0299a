import type { CliIO, OutputStream } from './io.js';

/** What decides how output looks: the global options and the environment they run in. */
export interface IOSettings {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly json: boolean;
  /** False with `--no-color`. */
  readonly color: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * Colour and redrawing only for a person at a terminal: `NO_COLOR` (no-color.org), `TERM=dumb`, `CI`, a pipe,
 * `--no-color` and `--json` all turn them off, so CI logs and `| jq` get plain text.
 */
export function makeIO(settings: IOSettings): CliIO {
  const { stdout, stderr, json, env } = settings;
  const tty = stdout.isTTY === true;
  const noColor = (env.NO_COLOR ?? '') !== '' || env.TERM === 'dumb' || !settings.color;
  const color = tty && !noColor && !json;
  const interactive = color && (env.CI ?? '') === '';
  return {
    stdout,
    stderr,
    json,
    color,
    interactive,
    width: Math.max(40, Math.min(stdout.columns ?? 100, 160)),
    async confirm(message: string): Promise<boolean> {
      // Loaded on the first question: most runs never ask one.
      const { confirm, isCancel } = await import('@clack/prompts');
      const answer = await confirm({ message, initialValue: false });
      return !isCancel(answer) && answer === true;
    },
  };
}
