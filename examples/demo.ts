/**
 * The offline demo: `npm run demo`. No AWS account, no Docker, no network.
 *
 * 1. makes a real ONNX iris classifier (trained here, in TypeScript, by the repo's own script),
 * 2. deploys it to the Local target: a real HTTP server on 127.0.0.1 speaking the SageMaker Runtime API,
 * 3. calls it with the Predictor through the real `@aws-sdk/client-sagemaker-runtime` client,
 * 4. measures latency and throughput, and tears everything down.
 */
import { performance } from 'node:perf_hooks';
import { IRIS_CLASSES, loadIris, writeIrisModel } from '../scripts/make-iris-model.js';
import { type DeployEvent, json, Local, Model } from '../src/index.js';

type Row = [number, number, number, number];
interface IrisPrediction {
  readonly probabilities: number[];
  readonly label: number;
}

const modelPath = '.tmp/models/iris.onnx';

function progress(event: DeployEvent): void {
  if (event.type === 'step-started') console.log(`  … ${event.step.resource.kind} ${event.step.resource.name}`);
  if (event.type === 'step-done') console.log(`  ✓ ${event.step.resource.kind} (${event.elapsedMs.toFixed(0)} ms)`);
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  console.log('1. Training an iris classifier and writing it as ONNX');
  const accuracy = await writeIrisModel(modelPath);
  console.log(`  ✓ ${modelPath} (training accuracy ${(accuracy * 100).toFixed(1)}%)`);

  console.log('\n2. Deploying to the Local target');
  const deployment = await Model.fromFile(modelPath).deployTo(Local()).withName('iris').deploy({ onEvent: progress });
  const server = deployment.outputs.get('start-server') as { url: string };
  console.log(`  serving at ${server.url}/endpoints/iris/invocations`);

  try {
    const iris = deployment.predictor<Row[], { predictions: IrisPrediction[] }>();

    console.log('\n3. Predicting with the SageMaker Runtime client');
    const flowers: Row[] = [
      [5.1, 3.5, 1.4, 0.2],
      [6.0, 2.7, 5.1, 1.6],
      [6.7, 3.0, 5.2, 2.3],
    ];
    const { predictions } = await iris.predict(flowers);
    predictions.forEach((p, i) => {
      const confidence = Math.max(...p.probabilities) * 100;
      console.log(`  ${JSON.stringify(flowers[i])} → ${IRIS_CLASSES[p.label]} (${confidence.toFixed(1)}%)`);
    });

    console.log('\n4. Latency, one request at a time (200 requests)');
    const latencies: number[] = [];
    for (let i = 0; i < 200; i++) {
      const start = performance.now();
      await iris.predict([flowers[i % flowers.length]!]);
      latencies.push(performance.now() - start);
    }
    latencies.sort((a, b) => a - b);
    console.log(`  p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms`);

    console.log('\n5. The whole data set with predictMany (batched requests, order kept)');
    const { x: features, y: labels } = loadIris();
    // The Local ONNX server follows TensorFlow Serving's framing: {"instances": rows} in, {"predictions": rows} out.
    const tfServing = json<Row, IrisPrediction>({ batch: { requestKey: 'instances', responseKey: 'predictions' } });
    const rowPredictor = deployment.predictor<Row, IrisPrediction>({ serializer: tfServing, deserializer: tfServing });
    const start = performance.now();
    const results = await rowPredictor.predictMany(features as Row[], { batchSize: 50, concurrency: 4 });
    const elapsed = performance.now() - start;
    const correct = results.filter((r, i) => r.label === labels[i]).length;
    console.log(
      `  ${results.length} rows in ${elapsed.toFixed(1)} ms, ${correct}/${results.length} correct (${((correct / results.length) * 100).toFixed(1)}%)`,
    );
  } finally {
    console.log('\n6. Tearing down');
    await deployment.destroy({ onEvent: progress });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
