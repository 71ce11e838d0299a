/**
 * A {@link CliIO} on string buffers, for tests of commands and renderers: what was written to stdout and stderr,
 * and the questions `confirm` was asked.
 *
 * @example
 * ```ts
 * const { io, stdout } = testIO({ interactive: true });
 * renderer = progressRenderer(io, 'deploy');
 * expect(stdout.text()).toContain('✔');
 * ```
 */
import type { CliIO } from '../../../src/cli/io.js';

/** A stream that keeps what is written. Plain own properties, as listr2 copies a stream's fields. */
export interface BufferStream {
  write(chunk: string): boolean;
  readonly isTTY: boolean;
  readonly columns: number;
  /** Everything written so far. */
  text(): string;
}

/** How the test run looks; defaults are a CI log: no terminal, no colour, no JSON, 100 columns. */
export interface TestIOOptions {
  readonly json?: boolean;
  readonly color?: boolean;
  readonly interactive?: boolean;
  readonly width?: number;
  /** What `confirm` answers (or a function of the question). @default false */
  readonly confirm?: boolean | ((message: string) => boolean);
}

export interface TestIO {
  readonly io: CliIO;
  readonly stdout: BufferStream;
  readonly stderr: BufferStream;
  /** The questions `confirm` was asked, in order. */
  readonly questions: string[];
}

/** A stream on a string buffer; `isTTY` when a person is meant to be watching. */
export function bufferStream(isTTY: boolean, columns: number): BufferStream {
  const chunks: string[] = [];
  return {
    isTTY,
    columns,
    write(chunk: string) {
      chunks.push(String(chunk));
      return true;
    },
    text: () => chunks.join(''),
  };
}

/** A `CliIO` on string buffers. */
export function testIO(options: TestIOOptions = {}): TestIO {
  const interactive = options.interactive ?? false;
  const width = options.width ?? 100;
  const stdout = bufferStream(interactive, width);
  const stderr = bufferStream(interactive, width);
  const questions: string[] = [];
  const answer = options.confirm ?? false;
  const io: CliIO = {
    stdout,
    stderr,
    json: options.json ?? false,
    color: options.color ?? false,
    interactive,
    width,
    async confirm(message: string) {
      questions.push(message);
      return typeof answer === 'function' ? answer(message) : answer;
    },
  };
  return { io, stdout, stderr, questions };
}
