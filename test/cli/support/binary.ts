/**
 * Runs the built `modelship` binary (dist/cli.js, built by test/global-setup.ts when stale) as a user would: a
 * child process with its own environment, no terminal, and optionally a scripted fake AWS (fake-aws-preload.mjs).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BINARY = fileURLToPath(new URL('../../../dist/cli.js', import.meta.url));
const PRELOAD = fileURLToPath(new URL('./fake-aws-preload.mjs', import.meta.url));

/** Scripted AWS answers by `sdkId:Operation` (see fake-aws-preload.mjs). */
export type FakeResponses = Readonly<Record<string, unknown>>;

/** One recorded AWS request of the child. */
export interface RecordedCall {
  readonly sdkId: string;
  readonly operation: string;
  readonly input: unknown;
}

export interface BinaryOptions {
  readonly cwd: string;
  /** Scripted AWS: given, every AWS call of the child is faked and recorded. */
  readonly aws?: FakeResponses;
  readonly env?: Readonly<Record<string, string>>;
  /** Written to the child's stdin, which is then closed. */
  readonly input?: string;
}

export interface BinaryResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The AWS requests the child made (empty without `aws`). */
  readonly calls: readonly RecordedCall[];
}

/** Starts the binary; the caller reads its streams and ends it. */
export async function startBinary(
  args: readonly string[],
  options: BinaryOptions,
): Promise<{ child: ChildProcess; calls: () => Promise<RecordedCall[]> }> {
  // A home of its own: nothing the child (or a library it loads) caches under ~ lands in the repo or the user's.
  const home = await mkdtemp(join(tmpdir(), 'modelship-cli-home-'));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    // No real AWS, ever: no credentials, no shared config, no instance metadata.
    AWS_CONFIG_FILE: join(home, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    // The SDK's notice that its 2027 releases need Node 22 would be on every stderr this suite reads on Node 20.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...options.env,
  };
  const nodeArgs: string[] = [];
  let log: string | undefined;
  if (options.aws !== undefined) {
    const dir = await mkdtemp(join(tmpdir(), 'modelship-fake-aws-'));
    log = join(dir, 'calls.json');
    const scenario = join(dir, 'scenario.json');
    await writeFile(scenario, JSON.stringify({ log, responses: options.aws }));
    env.MODELSHIP_FAKE_AWS = scenario;
    nodeArgs.push('--import', PRELOAD);
  }
  const child = spawn(process.execPath, [...nodeArgs, BINARY, ...args], { cwd: options.cwd, env, stdio: 'pipe' });
  if (options.input !== undefined) child.stdin?.end(options.input);
  else child.stdin?.end();
  const calls = async (): Promise<RecordedCall[]> =>
    log === undefined ? [] : JSON.parse(await readFile(log, 'utf8').catch(() => '[]'));
  return { child, calls };
}

/** Runs the binary to its end. */
export async function runBinary(args: readonly string[], options: BinaryOptions): Promise<BinaryResult> {
  const { child, calls } = await startBinary(args, options);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr, calls: await calls() };
}
