/**
 * `predictMany` on 10,000 rows vs the loop a first version of a backend would write: one `predict` per row,
 * each awaited before the next. Both through the Predictor, against the same `Local()` endpoint (default options).
 *
 *   npx tsx bench/predict-many.ts [--rounds 3] [--rows 10000]
 *
 * `predictMany` runs with its defaults (64 rows per request, 4 requests in flight). The arms alternate round by
 * round after a warm-up, and both must return the same labels. Goal (issue 3): predictMany >= 5x the loop.
 */
import { parseArgs } from 'node:util';
import { json, Predictor } from '../src/predict/index.js';
import { IRIS_ROWS, type IrisResponse, type IrisRow, withIrisEndpoint } from './support/iris-endpoint.js';
import { fmt, printGoal, printHeader, printTable, run } from './support/report.js';
import { median } from './support/stats.js';
import { interleave, timed } from './support/timing.js';

type IrisPrediction = IrisResponse['predictions'][number];
const ARMS = ['per-row loop', 'predictMany'] as const;
type Arm = (typeof ARMS)[number];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { rounds: { type: 'string', default: '3' }, rows: { type: 'string', default: '10000' } },
  });
  const rounds = Number(values.rounds);
  const rows = Array.from({ length: Number(values.rows) }, (_, i) => IRIS_ROWS[i % IRIS_ROWS.length]!);
  printHeader(`predictMany vs a per-row predict loop (${rows.length} iris rows, Local endpoint, default options)`);

  await withIrisEndpoint({}, async ({ server, clientConfig }) => {
    const target = { endpointName: server.endpointName, clientConfig };
    // The loop sends what a caller would: one row as `[[…]]`, and reads its one prediction back.
    const single = new Predictor<IrisRow[], IrisResponse>(target);
    // The Local ONNX server frames batches as TensorFlow Serving does: {"instances": rows} → {"predictions": rows}.
    const framing = json<IrisRow, IrisPrediction>({ batch: { requestKey: 'instances', responseKey: 'predictions' } });
    const batched = new Predictor<IrisRow, IrisPrediction>({ ...target, serializer: framing, deserializer: framing });
    const arms: Record<Arm, (input: readonly IrisRow[]) => Promise<IrisPrediction[]>> = {
      'per-row loop': async (input) => {
        const out: IrisPrediction[] = [];
        for (const row of input) out.push((await single.predict([row])).predictions[0]!);
        return out;
      },
      predictMany: (input) => batched.predictMany(input),
    };

    try {
      const warmUp = rows.slice(0, 500);
      const expected = (await arms['per-row loop'](warmUp)).map((p) => p.label);
      const got = (await arms.predictMany(warmUp)).map((p) => p.label);
      if (got.join() !== expected.join()) throw new Error('predictMany and the per-row loop disagree on the labels');
      const samples = await interleave<Arm, number>(ARMS, rounds, async (arm) => {
        const { result, elapsedMs } = await timed(() => arms[arm](rows));
        if (result.length !== rows.length) throw new Error(`${arm} returned ${result.length} of ${rows.length} rows`);
        return elapsedMs;
      });
      report(samples, rows.length, rounds);
    } finally {
      single.close();
      batched.close();
    }
  });
}

function report(samples: Record<Arm, number[]>, rows: number, rounds: number): void {
  printTable(
    ['arm', ...Array.from({ length: rounds }, (_, r) => `round ${r + 1} (s)`), 'median (s)', 'rows/s'],
    ARMS.map((arm) => [
      arm,
      ...samples[arm].map((ms) => fmt(ms / 1000, 2)),
      fmt(median(samples[arm]) / 1000, 2),
      fmt((rows / median(samples[arm])) * 1000, 0),
    ]),
  );
  const speedup = median(samples['per-row loop'].map((loopMs, round) => loopMs / samples.predictMany[round]!));
  console.log('Speed-up: median of the per-round ratios, loop time / predictMany time.\n');
  printGoal('predictMany speed-up over the per-row loop', speedup, { min: 5 });
}

run(main);
