/**
 * Where a command writes, and how: the one object every command and renderer receives, so tests can run a command
 * against string buffers and the binary against the real streams.
 */

/** A stream a command writes to: `process.stdout`, `process.stderr`, or a buffer in tests. */
export interface OutputStream {
  write(chunk: string): unknown;
  /** True when a person is looking at it (a terminal). */
  readonly isTTY?: boolean;
  /** Its width in columns, on a terminal. */
  readonly columns?: number;
}

/** How output is written. Made once per run from the global options and the environment. */
export interface CliIO {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** `--json`: exactly one JSON document goes to stdout; progress and messages go to stderr. */
  readonly json: boolean;
  /** Escape codes allowed: stdout is a terminal, no `--no-color`, no `NO_COLOR`. */
  readonly color: boolean;
  /**
   * A person is at a terminal: spinners, task lists and progress bars redraw in place, and destructive commands
   * ask before they act. False in CI, in pipes, with `--json` and with `--no-color`.
   */
  readonly interactive: boolean;
  /** Columns to draw charts and bars in. */
  readonly width: number;
  /** Asks a yes/no question on the terminal; only called when `interactive`. Resolves false when cancelled. */
  confirm(message: string): Promise<boolean>;
}
