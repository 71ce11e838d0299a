/**
 * Local serving throughput vs a tight in-process `session.run` loop on the same ONNX model, with dynamic batching
 * on and off: how much of a model's in-process throughput the Local server keeps, for a model cheaper than an HTTP
 * request (iris) and for one whose compute is that of a real network (a dense MLP).
 *
 *   npx tsx bench/local-serving.ts [--model iris|mlp|both] [--rounds 5] [--seconds 1]
 *
 * For each model, arms at concurrency 32, one row per call:
 * - in-process: 32 concurrent promises, each calling `session.run` on a `[1, features]` tensor in a loop, on a
 *   session made with the Local target's session options (none: onnxruntime's defaults). onnxruntime-node runs a
 *   session on the JavaScript thread (each `run` is a `setImmediate` then a blocking native call that spreads one
 *   operator over the intra-op thread pool, one thread per physical core), so the 32 promises take turns: this is a
 *   tight loop of one-row runs, the most a caller gets without batching rows itself;
 * - in-process, 32 rows per run (reference, no goal): a loop of `[32, features]` runs, what a caller who batches
 *   rows itself gets; no server can beat it, since a server's batches are at most this size here;
 * - Local: 32 concurrent HTTP clients, one row per request (`[[…]]`, JSON in and out), on a keep-alive
 *   `node:http` agent in a child process (bench/support/http-load.ts), against `Local()` (batching on: its
 *   defaults, a 2 ms window and 64 rows) and `Local({ batching: false })`;
 * - bare node:http: a server in this process that reads each request and answers a fixed body (the Local server's
 *   own answer to the same request) with no model and no checks: the ceiling any HTTP server, Local included, can
 *   reach on this machine.
 * Each arm is warmed up and sized to about `--seconds` per round; then the arms alternate round by round. Ratios are
 * medians of the per-round ratios. Goal (issue 3): Local with batching >= 0.6 of in-process.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { buildIrisModel } from '../scripts/make-iris-model.js';
import { denseModel } from '../scripts/onnx/models.js';
import { encodeModel } from '../scripts/onnx/proto.js';
import { type ModelEndpoint, withModelEndpoint, writeTempModel } from './support/endpoint.js';
import { HttpLoad } from './support/http-load.js';
import { IRIS_ROWS } from './support/iris-endpoint.js';
import { fmt, printGoal, printHeader, printTable, run } from './support/report.js';
import { median } from './support/stats.js';
import { closedLoopThroughput, interleave, sequentialLatencies, type Throughput } from './support/timing.js';

const CONCURRENCY = 32;
const ARMS = ['in-process', 'in-process-batch', 'local-batching', 'local-no-batching', 'bare-http'] as const;
type Arm = (typeof ARMS)[number];
const LABELS: Record<Arm, string> = {
  'in-process': 'in-process session.run, 1 row',
  'in-process-batch': 'in-process session.run, 32 rows (reference)',
  'local-batching': 'Local, batching on (default)',
  'local-no-batching': 'Local, batching off',
  'bare-http': 'bare node:http, no model (ceiling)',
};

/** A model under test: its bytes and the rows it is fed. */
interface BenchModel {
  readonly name: string;
  readonly features: number;
  readonly bytes: () => Uint8Array;
  readonly rows: readonly (readonly number[])[];
}

/** The MLP's layer widths: chosen so that one `[1, 64]` run takes most of a millisecond on a 2-core machine. */
const MLP_FEATURES = 64;
const MLP_HIDDEN = [2048, 2048, 2048];

const MODELS = {
  iris: { name: 'iris', features: 4, bytes: () => buildIrisModel().bytes, rows: IRIS_ROWS },
  mlp: {
    name: `mlp ${[MLP_FEATURES, ...MLP_HIDDEN, 10].join('-')}`,
    features: MLP_FEATURES,
    bytes: () => encodeModel(denseModel({ features: MLP_FEATURES, hidden: MLP_HIDDEN, classes: 10 })),
    // 16 fixed rows of values in [-1, 1], as a scaled feature vector would be.
    rows: Array.from({ length: 16 }, (_, r) =>
      Array.from({ length: MLP_FEATURES }, (_, c) => Number(Math.sin(r * MLP_FEATURES + c + 1).toFixed(3))),
    ),
  },
} satisfies Record<string, BenchModel>;
type ModelKey = keyof typeof MODELS;

/**
 * One round of one arm: rows per second, and the CPU time this process spent per row, every thread included (the
 * server's for the HTTP arms, whose client is a child process): a cross-check less sensitive to other jobs on the
 * machine, and where a row's cost goes.
 */
interface Sample {
  readonly rowsPerSecond: number;
  readonly cpuUsPerRow: number;
}

/** How to run one arm: `calls` calls, each of `rowsPerCall` rows. */
interface ArmRunner {
  readonly rowsPerCall: number;
  run(calls: number): Promise<Throughput>;
}

/** The bare server: reads the body, as any server must, and answers `answer` at once. */
async function startBareServer(answer: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
      res.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function invocationsPath(endpoint: ModelEndpoint): string {
  return `/endpoints/${endpoint.server.endpointName}/invocations`;
}

/** One request to the Local server, checked, whose answer the bare server then sends back. */
async function localAnswer(endpoint: ModelEndpoint, body: string): Promise<string> {
  const response = await fetch(`${endpoint.server.url}${invocationsPath(endpoint)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body,
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`Local answered ${response.status}: ${text.slice(0, 200)}`);
  return text;
}

/** Median µs of one sequential `session.run` on `batch` rows. */
async function runMicros(feed: (batch: number) => () => Promise<unknown>, batch: number): Promise<number> {
  const call = feed(batch);
  await sequentialLatencies(call, 20);
  const once = median(await sequentialLatencies(call, 20));
  return median(await sequentialLatencies(call, Math.max(20, Math.ceil(300 / once)))) * 1000;
}

/** Sizes a round of `runner` to about `seconds`, warming it up on the way. */
async function callsPerRound(runner: ArmRunner, seconds: number): Promise<number> {
  const first = await runner.run(2 * CONCURRENCY);
  const warm = await runner.run(Math.max(2 * CONCURRENCY, Math.ceil(first.perSecond / 2)));
  return Math.max(2 * CONCURRENCY, Math.round(warm.perSecond * seconds));
}

async function benchModel(model: BenchModel, rounds: number, seconds: number): Promise<void> {
  printHeader(`Local serving vs in-process session.run (${model.name}, one row per call, concurrency ${CONCURRENCY})`);
  const file = await writeTempModel('model.onnx', model.bytes());
  try {
    await withModelEndpoint(file.path, 'bench', {}, (batched) =>
      withModelEndpoint(file.path, 'bench', { batching: false }, (unbatched) =>
        measureModel(model, batched, unbatched, rounds, seconds),
      ),
    );
  } finally {
    await file.cleanup();
  }
}

async function measureModel(
  model: BenchModel,
  batched: ModelEndpoint,
  unbatched: ModelEndpoint,
  rounds: number,
  seconds: number,
): Promise<void> {
  const body = JSON.stringify([model.rows[0]]);
  const session = await InferenceSession.create(batched.modelPath);
  const bare = await startBareServer(await localAnswer(batched, body));
  const loads = {
    batched: await HttpLoad.start(batched.server.url),
    unbatched: await HttpLoad.start(unbatched.server.url),
    bare: await HttpLoad.start(bare.url),
  };
  try {
    let next = 0;
    const feed = (batch: number) => () => {
      const data = new Float32Array(batch * model.features);
      for (let r = 0; r < batch; r++) data.set(model.rows[next++ % model.rows.length]!, r * model.features);
      return session.run({ float_input: new Tensor('float32', data, [batch, model.features]) });
    };
    const [oneRow, batchRows] = [await runMicros(feed, 1), await runMicros(feed, CONCURRENCY)];
    console.log(
      `One session.run, sequential, median: [1, ${model.features}] ${fmt(oneRow, 0)} µs; ` +
        `[${CONCURRENCY}, ${model.features}] ${fmt(batchRows, 0)} µs (${fmt(batchRows / CONCURRENCY, 1)} µs a row)\n`,
    );
    const overHttp = (load: HttpLoad, path: string): ArmRunner => ({
      rowsPerCall: 1,
      run: (calls) => load.run({ path, body, concurrency: CONCURRENCY, total: calls }),
    });
    const runners: Record<Arm, ArmRunner> = {
      'in-process': { rowsPerCall: 1, run: (calls) => closedLoopThroughput(feed(1), CONCURRENCY, calls) },
      'in-process-batch': {
        rowsPerCall: CONCURRENCY,
        run: (calls) => closedLoopThroughput(feed(CONCURRENCY), 1, calls),
      },
      'local-batching': overHttp(loads.batched, invocationsPath(batched)),
      'local-no-batching': overHttp(loads.unbatched, invocationsPath(unbatched)),
      'bare-http': overHttp(loads.bare, invocationsPath(batched)),
    };
    const calls = {} as Record<Arm, number>;
    for (const arm of ARMS) calls[arm] = await callsPerRound(runners[arm], seconds);
    const samples = await interleave<Arm, Sample>(ARMS, rounds, async (arm) => {
      const { rowsPerCall, run } = runners[arm];
      const cpu = process.cpuUsage();
      const { perSecond } = await run(calls[arm]);
      const { user, system } = process.cpuUsage(cpu);
      return { rowsPerSecond: perSecond * rowsPerCall, cpuUsPerRow: (user + system) / (calls[arm] * rowsPerCall) };
    });
    report(samples, rounds);
  } finally {
    await Promise.all(Object.values(loads).map((load) => load.close()));
    await new Promise((resolve) => bare.server.close(resolve));
    await session.release();
  }
}

function report(samples: Record<Arm, Sample[]>, rounds: number): void {
  const rate = (arm: Arm) => samples[arm].map((s) => s.rowsPerSecond);
  const ratio = (arm: Arm, to: Arm = 'in-process') =>
    median(samples[arm].map((s, round) => s.rowsPerSecond / samples[to][round]!.rowsPerSecond));
  printTable(
    [
      'arm',
      ...Array.from({ length: rounds }, (_, r) => `round ${r + 1}`),
      'median rows/s',
      'vs in-process',
      'CPU µs/row',
    ],
    ARMS.map((arm) => [
      LABELS[arm],
      ...rate(arm).map((v) => fmt(v, 0)),
      fmt(median(rate(arm)), 0),
      fmt(ratio(arm), 3),
      fmt(median(samples[arm].map((s) => s.cpuUsPerRow)), 1),
    ]),
  );
  console.log('Ratio: median of the per-round ratios (both arms of a round ran on the same machine state).');
  console.log('CPU µs/row: median over rounds of the CPU time of this process (all threads) per row, that is of the');
  console.log('server for the HTTP arms (their client is a child process).\n');
  printGoal('Local with batching / in-process', ratio('local-batching'), { min: 0.6 });
  console.log(`Local without batching / in-process: ${fmt(ratio('local-no-batching'), 3)} (no goal)`);
  console.log(`Bare node:http ceiling / in-process: ${fmt(ratio('bare-http'), 3)}`);
  console.log(`Local with batching / bare node:http ceiling: ${fmt(ratio('local-batching', 'bare-http'), 3)}`);
  console.log(
    `Local with batching / in-process with 32-row runs: ${fmt(ratio('local-batching', 'in-process-batch'), 3)}\n`,
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: 'both' },
      rounds: { type: 'string', default: '5' },
      seconds: { type: 'string', default: '1' },
    },
  });
  const keys: ModelKey[] = values.model === 'both' ? ['iris', 'mlp'] : [values.model as ModelKey];
  if (!keys.every((key) => key in MODELS)) throw new Error(`--model must be iris, mlp or both; got ${values.model}`);
  for (const key of keys) await benchModel(MODELS[key], Number(values.rounds), Number(values.seconds));
}

run(main);
