/**
 * Predictor vs a raw `InvokeEndpointCommand` against the same Local endpoint: what the predictor's serialization,
 * limit checks, retry loop and call scope cost over calling the SageMaker Runtime client by hand.
 *
 *   npx tsx bench/predictor-overhead.ts [--rounds 10]
 *
 * Both arms send the same JSON body (one iris row) and parse the JSON answer, as a hand-written caller must. The
 * raw arm uses a `SageMakerRuntimeClient` with the SDK's defaults. The arms alternate round by round after a
 * warm-up, and ratios are taken per round (the two arms of a round saw the same machine) and summarized by the
 * median. Goals (issue 3): latency ratio <= 1.03, throughput ratio >= 1.0.
 */
import { parseArgs } from 'node:util';
import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { Predictor } from '../src/predict/index.js';
import { IRIS_ROWS, type IrisResponse, type IrisRow, withIrisEndpoint } from './support/iris-endpoint.js';
import { fmt, printGoal, printHeader, printTable, run } from './support/report.js';
import { median, summarize } from './support/stats.js';
import { type Call, closedLoopThroughput, interleave, sequentialLatencies } from './support/timing.js';

const LATENCY_CALLS = 300;
const THROUGHPUT_CALLS = 2500;
const CONCURRENCY = 32;
const ARMS = ['raw', 'predictor'] as const;
type Arm = (typeof ARMS)[number];

interface RoundResult {
  readonly latencies: number[];
  readonly perSecond: number;
  /** This process's CPU per call at concurrency 32: client and server, as both run here. */
  readonly cpuUsPerCall: number;
}

/** Cycles through the iris rows so consecutive requests differ, as real traffic does. */
function rowSource(): () => IrisRow[] {
  let i = 0;
  return () => [IRIS_ROWS[i++ % IRIS_ROWS.length]!];
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '10' } } });
  const rounds = Number(values.rounds);
  printHeader('Predictor vs raw InvokeEndpointCommand (Local endpoint, iris, one row per request)');

  // maxDelayMs 0: no batching window, so a lone request runs at once (latency is the client's and the server's
  // work, not a timer) while requests that queue up during a run still share the next one.
  await withIrisEndpoint({ batching: { maxDelayMs: 0 } }, async ({ server, clientConfig }) => {
    const encoder = new TextEncoder();
    const decoder = new TextDecoder();
    const raw = new SageMakerRuntimeClient(clientConfig);
    const predictor = new Predictor<IrisRow[], IrisResponse>({ endpointName: server.endpointName, clientConfig });
    const nextRows = rowSource();
    const calls: Record<Arm, Call> = {
      raw: async () => {
        const out = await raw.send(
          new InvokeEndpointCommand({
            EndpointName: server.endpointName,
            Body: encoder.encode(JSON.stringify(nextRows())),
            ContentType: 'application/json',
            Accept: 'application/json',
          }),
        );
        return JSON.parse(decoder.decode(out.Body)) as IrisResponse;
      },
      predictor: () => predictor.predict(nextRows()),
    };

    try {
      for (const arm of ARMS) {
        await sequentialLatencies(calls[arm], 200);
        await closedLoopThroughput(calls[arm], CONCURRENCY, 1000);
      }
      const samples = await interleave<Arm, RoundResult>(ARMS, rounds, async (arm) => {
        const latencies = await sequentialLatencies(calls[arm], LATENCY_CALLS);
        const { perSecond, cpuUsPerCall } = await closedLoopThroughput(calls[arm], CONCURRENCY, THROUGHPUT_CALLS);
        return { latencies, perSecond, cpuUsPerCall };
      });
      report(samples, rounds);
    } finally {
      predictor.close();
      raw.destroy();
    }
  });
}

function report(samples: Record<Arm, RoundResult[]>, rounds: number): void {
  const perRound = Array.from({ length: rounds }, (_, r) => {
    const raw = samples.raw[r]!;
    const pred = samples.predictor[r]!;
    const [rawLat, predLat] = [summarize(raw.latencies), summarize(pred.latencies)];
    return {
      row: [
        String(r + 1),
        fmt(rawLat.p50, 3),
        fmt(predLat.p50, 3),
        fmt(rawLat.p99, 3),
        fmt(predLat.p99, 3),
        fmt(raw.perSecond, 0),
        fmt(pred.perSecond, 0),
        fmt(raw.cpuUsPerCall, 0),
        fmt(pred.cpuUsPerCall, 0),
      ],
      p50: predLat.p50 / rawLat.p50,
      p99: predLat.p99 / rawLat.p99,
      throughput: pred.perSecond / raw.perSecond,
      cpu: pred.cpuUsPerCall / raw.cpuUsPerCall,
    };
  });
  console.log(
    `Per round: ${LATENCY_CALLS} sequential calls, then ${THROUGHPUT_CALLS} calls by ${CONCURRENCY} callers.\n`,
  );
  printTable(
    [
      'round',
      'raw p50 ms',
      'predictor p50 ms',
      'raw p99 ms',
      'predictor p99 ms',
      'raw req/s',
      'predictor req/s',
      'raw CPU µs/req',
      'predictor CPU µs/req',
    ],
    perRound.map((r) => r.row),
  );

  const pooled = (arm: Arm) => summarize(samples[arm].flatMap((s) => s.latencies));
  const [raw, pred] = [pooled('raw'), pooled('predictor')];
  const rps = (arm: Arm) => median(samples[arm].map((s) => s.perSecond));
  console.log(`All rounds (${raw.count} calls per arm at concurrency 1; throughput: median of rounds):\n`);
  printTable(
    ['arm', 'p50 ms', 'p99 ms', 'mean ms', `req/s at ${CONCURRENCY}`],
    [
      ['raw InvokeEndpointCommand', fmt(raw.p50, 3), fmt(raw.p99, 3), fmt(raw.mean, 3), fmt(rps('raw'), 0)],
      ['Predictor.predict', fmt(pred.p50, 3), fmt(pred.p99, 3), fmt(pred.mean, 3), fmt(rps('predictor'), 0)],
    ],
  );

  console.log('Ratios, predictor / raw (median of the per-round ratios):\n');
  printGoal('latency p50 ratio', median(perRound.map((r) => r.p50)), { max: 1.03 });
  printGoal('latency p99 ratio', median(perRound.map((r) => r.p99)), { max: 1.03 });
  printGoal('throughput ratio ', median(perRound.map((r) => r.throughput)), { min: 1.0 });
  // Throughput of a CPU-bound process is the inverse of its CPU per call, and CPU per call moves less with other
  // jobs on the machine: a cross-check of the throughput ratio.
  console.log(`CPU per call at ${CONCURRENCY}, predictor / raw: ${fmt(median(perRound.map((r) => r.cpu)), 3)}`);
}

run(main);
