/**
 * Runs the CLI in-process, as `modelship …` would run, against string buffers: what a test reads is exactly what a
 * person or a pipe would see on stdout and stderr, and the exit code a script would branch on.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import { type Runtime, runCli } from '../../../src/cli/program.js';

/** What one run of the CLI left. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** How a run is set up. */
export interface RunOptions {
  /** The folder the CLI runs in. */
  readonly cwd: string;
  /** Pretend stdout is a terminal (interactive prompts, colour unless `NO_COLOR`). @default false */
  readonly tty?: boolean;
  readonly env?: Readonly<Record<string, string>>;
}

/** A stream that keeps what is written to it. */
function buffer(tty: boolean): { stream: Runtime['stdout']; text: () => string } {
  let text = '';
  const stream = {
    isTTY: tty,
    columns: 120,
    write(chunk: string): boolean {
      text += chunk;
      return true;
    },
  };
  return { stream, text: () => text };
}

/** Runs `modelship <args>` and resolves what it printed and its exit code. */
export async function run(args: readonly string[], options: RunOptions): Promise<CliRun> {
  const stdout = buffer(options.tty === true);
  const stderr = buffer(options.tty === true);
  const code = await runCli(args, {
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: options.env ?? {},
    cwd: options.cwd,
    signal: new AbortController().signal,
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** Parses the one JSON document a `--json` run printed; fails the test when stdout is not exactly that. */
export function json<T = Record<string, unknown>>(result: CliRun): T {
  return JSON.parse(result.stdout) as T;
}

const roots: string[] = [];

afterAll(async () => {
  await Promise.all(roots.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A new empty folder to run the CLI in, removed after the test file. */
export async function workspace(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'modelship-cli-registry-'));
  roots.push(dir);
  return dir;
}

/** Writes `content` at `path` under `dir` (folders created), e.g. a few bytes standing in for `model.onnx`. */
export async function writeModel(dir: string, path: string, content: string): Promise<string> {
  const file = join(dir, path);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, content);
  return file;
}
