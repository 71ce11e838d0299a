/**
 * How long the `modelship` binary takes to answer, as a person or a script feels it: each arm is a whole process,
 * spawned the way a shell does, timed from spawn to exit.
 *
 *   npm run build && npx tsx bench/cli-startup.ts [--rounds 15]
 *
 * Arms: Node itself with an empty script (the floor); `modelship --version` and `--help`; `modelship predict --url`
 * with one real prediction from a Local iris endpoint; and a process that only imports the whole library
 * (dist/index.js) — what every command would pay first if the CLI loaded all of its commands up front. The CLI
 * loads only the command that runs. Arms alternate round by round so they share the machine's noise.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { withIrisEndpoint } from './support/iris-endpoint.js';
import { fmt, printGoal, printHeader, printTable, run } from './support/report.js';
import { median } from './support/stats.js';
import { interleave } from './support/timing.js';

const BINARY = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const LIBRARY = new URL('../dist/index.js', import.meta.url).href;

/** Runs one process to its end; rejects when it fails, so a broken arm is never timed as a fast one. */
function processMs(args: readonly string[]): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('close', (code) =>
      code === 0
        ? resolve(performance.now() - started)
        : reject(new Error(`${args.join(' ')}: exit ${code} ${stderr}`)),
    );
  });
}

async function main(): Promise<void> {
  if (!existsSync(BINARY)) throw new Error('dist/cli.js is missing: run `npm run build` first.');
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '15' } } });
  const rounds = Number(values.rounds);
  printHeader(`modelship CLI: time from spawn to exit (${rounds} rounds, arms interleaved)`);

  await withIrisEndpoint({}, async ({ server }) => {
    const arms: Record<string, () => Promise<number>> = {
      'node -e "" (floor)': () => processMs(['-e', '']),
      'modelship --version': () => processMs([BINARY, '--version']),
      'modelship --help': () => processMs([BINARY, '--help']),
      'modelship predict --url (1 prediction)': () =>
        processMs([
          BINARY,
          'predict',
          '--url',
          server.url,
          '--endpoint',
          server.endpointName,
          '[[5.1, 3.5, 1.4, 0.2]]',
        ]),
      'import the whole library': () =>
        processMs(['--input-type=module', '-e', `await import(${JSON.stringify(LIBRARY)})`]),
    };
    const samples = await interleave(Object.keys(arms), rounds, (arm) => arms[arm]!());
    const floor = median(samples['node -e "" (floor)'] ?? []);
    printTable(
      ['arm', 'median (ms)', 'min (ms)', 'max (ms)', 'over the floor (ms)'],
      Object.entries(samples).map(([arm, ms]) => [
        arm,
        fmt(median(ms), 0),
        fmt(Math.min(...ms), 0),
        fmt(Math.max(...ms), 0),
        fmt(median(ms) - floor, 0),
      ]),
    );
    const help = median(samples['modelship --help'] ?? []);
    const library = median(samples['import the whole library'] ?? []);
    printGoal('--help time / whole-library import time', help / library, { max: 0.5 });
  });
}

run(main);
