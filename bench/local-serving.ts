/**
 * Local serving throughput vs a tight in-process `session.run` loop on the same ONNX model, with dynamic batching
 * on and off: what the HTTP server, the SageMaker Runtime framing and JSON cost, and what batching wins back.
 *
 *   npx tsx bench/local-serving.ts [--rounds 5]
 *
 * - in-process: 32 concurrent promises, each calling `session.run` on one iris row in a loop (onnxruntime-node
 *   directly, the session options the Local target uses);
 * - Local: 32 concurrent HTTP clients, one row per request (`[[…]]`, JSON in and out), on a keep-alive
 *   `node:http` agent in a worker thread, against `Local()` (batching on: its defaults, a 2 ms window and 64
 *   rows) and `Local({ batching: false })`.
 * - bare node:http: a server in this process that reads each request and answers a fixed body with no model and
 *   no checks, under the same load: the ceiling any HTTP server, Local included, can reach on this machine.
 * The arms alternate round by round after a warm-up. Goal (issue 3): Local with batching >= 0.6 of in-process.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { HttpLoad } from './support/http-load.js';
import { IRIS_ROWS, type IrisEndpoint, withIrisEndpoint } from './support/iris-endpoint.js';
import { fmt, printGoal, printHeader, printTable, run } from './support/report.js';
import { median } from './support/stats.js';
import { closedLoopThroughput, interleave } from './support/timing.js';

const CONCURRENCY = 32;
const ARMS = ['in-process', 'local-batching', 'local-no-batching', 'bare-http'] as const;
type Arm = (typeof ARMS)[number];
const LABELS: Record<Arm, string> = {
  'in-process': 'in-process session.run',
  'local-batching': 'Local, batching on (default)',
  'local-no-batching': 'Local, batching off',
  'bare-http': 'bare node:http, no model (ceiling)',
};
/** Requests (or runs) per measurement: about a second each on a 2-core machine. */
const TOTAL: Record<Arm, number> = {
  'in-process': 20_000,
  'local-batching': 6_000,
  'local-no-batching': 4_000,
  'bare-http': 10_000,
};
/** What the bare server answers: the size of the Local server's answer to one iris row. */
const BARE_ANSWER = JSON.stringify({ predictions: [{ probabilities: [0.99, 0.01, 0], label: 0 }] });

/** The bare server: reads the body, as any server must, and answers at once. */
async function startBareServer(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BARE_ANSWER) });
      res.end(BARE_ANSWER);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
  const rounds = Number(values.rounds);
  printHeader(`Local serving vs in-process session.run (iris, one row per call, concurrency ${CONCURRENCY})`);

  await withIrisEndpoint({}, (batched) =>
    withIrisEndpoint({ batching: false }, async (unbatched) => {
      const session = await InferenceSession.create(batched.modelPath);
      const bare = await startBareServer();
      const loads = {
        batched: await HttpLoad.start(batched.server.url),
        unbatched: await HttpLoad.start(unbatched.server.url),
        bare: await HttpLoad.start(bare.url),
      };
      let i = 0;
      const inProcess = () => {
        const row = IRIS_ROWS[i++ % IRIS_ROWS.length]!;
        return session.run({ float_input: new Tensor('float32', Float32Array.from(row), [1, 4]) });
      };
      const overHttp = (load: HttpLoad, endpoint: IrisEndpoint, total: number) =>
        load.run({
          path: `/endpoints/${endpoint.server.endpointName}/invocations`,
          body: JSON.stringify([IRIS_ROWS[0]]),
          concurrency: CONCURRENCY,
          total,
        });
      const measure = async (arm: Arm, total = TOTAL[arm]): Promise<number> => {
        switch (arm) {
          case 'in-process':
            return (await closedLoopThroughput(inProcess, CONCURRENCY, total)).perSecond;
          case 'local-batching':
            return (await overHttp(loads.batched, batched, total)).perSecond;
          case 'local-no-batching':
            return (await overHttp(loads.unbatched, unbatched, total)).perSecond;
          case 'bare-http':
            return (await overHttp(loads.bare, batched, total)).perSecond;
        }
      };
      try {
        for (const arm of ARMS) await measure(arm, Math.ceil(TOTAL[arm] / 4));
        report(await interleave<Arm, number>(ARMS, rounds, (arm) => measure(arm)), rounds);
      } finally {
        await Promise.all(Object.values(loads).map((load) => load.close()));
        await new Promise((resolve) => bare.server.close(resolve));
        await session.release();
      }
    }),
  );
}

function report(samples: Record<Arm, number[]>, rounds: number): void {
  const ratio = (arm: Arm) => median(samples[arm].map((perSecond, round) => perSecond / samples['in-process'][round]!));
  printTable(
    ['arm', ...Array.from({ length: rounds }, (_, r) => `round ${r + 1}`), 'median rows/s', 'vs in-process'],
    ARMS.map((arm) => [
      LABELS[arm],
      ...samples[arm].map((v) => fmt(v, 0)),
      fmt(median(samples[arm]), 0),
      fmt(ratio(arm), 3),
    ]),
  );
  console.log('Ratio: median of the per-round ratios (both arms of a round ran on the same machine state).\n');
  printGoal('Local with batching / in-process', ratio('local-batching'), { min: 0.6 });
  console.log(`Local without batching / in-process: ${fmt(ratio('local-no-batching'), 3)} (no goal)`);
  console.log(`Bare node:http ceiling / in-process: ${fmt(ratio('bare-http'), 3)}`);
  const ofCeiling = median(samples['local-batching'].map((v, round) => v / samples['bare-http'][round]!));
  console.log(`Local with batching / bare node:http ceiling: ${fmt(ofCeiling, 3)}`);
}

run(main);
