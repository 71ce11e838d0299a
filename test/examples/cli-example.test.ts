/**
 * examples/cli runs as its README says, through the built binary: deploy with the validate gate, then predict and
 * status from other processes that find the server by its port, then Ctrl-C.
 */

import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runBinary, startBinary } from '../cli/support/binary.js';
import { ensureTestModels } from '../support/models.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CONFIG = 'examples/cli/modelship.config.json';
const running: ChildProcess[] = [];

beforeAll(async () => {
  // The example's model is the one `npm run demo` writes, in the same folder the test models are made in.
  await ensureTestModels();
});

afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
});

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('examples/cli', () => {
  it('deploys behind its validate gate, answers predict and status from other processes, stops on Ctrl-C', async () => {
    const port = await freePort();
    const flags = ['-c', CONFIG, '--set', `target.port=${port}`];
    const { child } = await startBinary(['deploy', ...flags], { cwd: ROOT });
    running.push(child);
    let stdout = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        if (stdout.includes('Press Ctrl-C')) resolve();
      });
      void exited.then((code) => reject(new Error(`deploy exited ${code}: ${stdout}`)));
    });
    expect(stdout).toMatch(/PASS|passed/i);
    expect(stdout).toContain(`http://127.0.0.1:${port}`);

    const predicted = await runBinary(['predict', ...flags, '[[6.3, 3.3, 6.0, 2.5]]'], { cwd: ROOT });
    expect(predicted.stderr).toBe('');
    expect(JSON.parse(predicted.stdout).predictions[0].label).toBe(2);

    const status = await runBinary(['status', ...flags], { cwd: ROOT });
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('healthy');

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    // Gone: the same status now exits 1.
    expect((await runBinary(['status', ...flags], { cwd: ROOT })).code).toBe(1);
  });
});
