/**
 * The built binary, offline, as a person tries a model on a laptop: `modelship local` serves a real ONNX model on
 * 127.0.0.1, `modelship predict --url` calls it through the SageMaker Runtime client, Ctrl-C stops it. Output in a
 * pipe is plain text.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestModels, type TestModels } from '../support/models.js';
import { runBinary, startBinary } from './support/binary.js';

let models: TestModels;
let cwd: string;
const running: ChildProcess[] = [];

beforeAll(async () => {
  models = await ensureTestModels();
  cwd = await mkdtemp(join(tmpdir(), 'modelship-cli-local-'));
});

afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
});

// The escape character that starts every colour and cursor sequence.
const ESCAPE = new RegExp(`${String.fromCharCode(27)}\\[`);

/** Starts `modelship local …` and resolves once it says where it serves. */
async function serve(args: readonly string[]) {
  const { child } = await startBinary(['local', ...args], { cwd });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /Serving \S+ at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.on('close', (code) => reject(new Error(`local exited ${code}: ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, url, output: () => stdout, errors: () => stderr, exited };
}

describe('modelship local + predict', () => {
  it('serves the model and answers predictions like the model does; Ctrl-C stops it with exit 0', async () => {
    const server = await serve([models.iris, '--port', '0', '--name', 'iris']);
    const result = await runBinary(
      ['predict', '--url', server.url, '--endpoint', 'iris', '[[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]]'],
      {
        cwd,
      },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { predictions } = JSON.parse(result.stdout);
    // Setosa and virginica: the iris model's classes 0 and 2.
    expect(predictions.map((p: { label: number }) => p.label)).toEqual([0, 2]);
    expect(predictions[0].probabilities[0]).toBeGreaterThan(0.9);

    const json = await runBinary(['predict', '--json', '--url', server.url, '--endpoint', 'iris', '-'], {
      cwd,
      input: '[[5.1, 3.5, 1.4, 0.2]]',
    });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).predictions[0].label).toBe(0);

    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('Stopped iris');
  });

  it('writes plain lines, no escape codes, when stdout is a pipe', async () => {
    const server = await serve([models.iris, '--port', '0']);
    server.child.kill('SIGINT');
    await server.exited;
    expect(server.output()).not.toMatch(ESCAPE);
    expect(server.errors()).not.toMatch(ESCAPE);
    // One line per step of the Local plan, then where it serves.
    expect(server.output()).toMatch(/Local server/);
  });

  it('a wrong input is the model’s error: exit 1 with what the model said', async () => {
    const server = await serve([models.iris, '--port', '0', '--name', 'iris']);
    const result = await runBinary(['predict', '--url', server.url, '--endpoint', 'iris', '[[1, 2]]'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error \[MODEL_ERROR\]/);
  });

  it('nothing listening at --url is exit 1; a request that is not JSON is exit 2', async () => {
    const down = await runBinary(['predict', '--url', 'http://127.0.0.1:9', '--endpoint', 'iris', '[[1,2,3,4]]'], {
      cwd,
    });
    expect(down.code).toBe(1);
    const bad = await runBinary(['predict', '--url', 'http://127.0.0.1:9', '--endpoint', 'iris', '[[1,2'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not JSON');
  });
});

describe('modelship deploy with a validate gate', () => {
  it('exits 3 when the gate fails, with the report, and does not leave the Local server running', async () => {
    const dir = await mkdtemp(join(cwd, 'gate-'));
    await writeFile(
      join(dir, 'samples.json'),
      JSON.stringify([
        [5.1, 3.5, 1.4, 0.2],
        [6.7, 3.0, 5.2, 2.3],
      ]),
    );
    await writeFile(
      join(dir, 'modelship.config.json'),
      JSON.stringify({
        name: 'iris',
        model: { file: models.iris },
        target: { type: 'local', port: 0 },
        // No model answers in a microsecond: the gate must fail.
        validate: { samples: './samples.json', latency: { p50Ms: 0.001 } },
      }),
    );
    const result = await runBinary(['deploy'], { cwd: dir });
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/latency/i);
    expect(result.stdout).toContain('validate gate failed');
  });
});
