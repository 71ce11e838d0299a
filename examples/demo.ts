/**
 * The offline demo: `npm run demo`. No AWS account, no Docker, no network.
 *
 * 1. makes a real ONNX iris classifier (trained here, in TypeScript, by the repo's own script),
 * 2. registers it as version 1 in a local model registry (`.tmp/registry`, made afresh on every run), points the
 *    `production` alias at it, and deploys `iris@production` to the Local target: a real HTTP server on 127.0.0.1
 *    speaking the SageMaker Runtime API,
 * 3. calls it with the Predictor through the real `@aws-sdk/client-sagemaker-runtime` client,
 * 4. measures latency, and
 * 5. throughput and accuracy over the whole data set,
 * 6. registers a hastily retrained version 2, promotes it to production, deploys it, finds it worse and rolls back
 *    with `deployment.rollback()`,
 * 7. tears everything down (the registry stays in `.tmp/registry` to look at).
 */
import { rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { IRIS_CLASSES, IRIS_FEATURES, loadIris, writeIrisModel } from '../scripts/make-iris-model.js';
import { classifierModel } from '../scripts/onnx/models.js';
import { encodeModel } from '../scripts/onnx/proto.js';
import { trainClassifier } from '../scripts/onnx/train.js';
import { writeFileAtomic } from '../scripts/onnx/write.js';
import { type DeployEvent, type Deployment, json, Local, Model, Registry } from '../src/index.js';

type Row = [number, number, number, number];
interface IrisPrediction {
  readonly probabilities: number[];
  readonly label: number;
}

const modelPath = '.tmp/models/iris.onnx';
const quickModelPath = '.tmp/models/iris-quick.onnx';
const registryDir = '.tmp/registry';

function progress(event: DeployEvent): void {
  if (event.type === 'step-started') console.log(`  … ${event.step.resource.kind} ${event.step.resource.name}`);
  if (event.type === 'step-done') console.log(`  ✓ ${event.step.resource.kind} (${event.elapsedMs.toFixed(0)} ms)`);
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function urlOf(deployment: Deployment): string {
  return (deployment.outputs.get('start-server') as { url: string }).url;
}

/** The whole data set through `deployment`, batched: how many of the 150 flowers it gets right, and how long it took. */
async function score(deployment: Deployment): Promise<{ correct: number; total: number; elapsedMs: number }> {
  const { x: features, y: labels } = loadIris();
  // The Local ONNX server follows TensorFlow Serving's framing: {"instances": rows} in, {"predictions": rows} out.
  const tfServing = json<Row, IrisPrediction>({ batch: { requestKey: 'instances', responseKey: 'predictions' } });
  const rows = deployment.predictor<Row, IrisPrediction>({ serializer: tfServing, deserializer: tfServing });
  const start = performance.now();
  const results = await rows.predictMany(features as Row[], { batchSize: 50, concurrency: 4 });
  const elapsedMs = performance.now() - start;
  return { correct: results.filter((r, i) => r.label === labels[i]).length, total: results.length, elapsedMs };
}

/** The same network trained in a hurry (4 hidden units, 15 epochs): a valid model, and a worse one. */
async function writeQuickIrisModel(path: string): Promise<number> {
  const { x, y } = loadIris();
  const net = trainClassifier(x, y, { hidden: 4, epochs: 15, seed: 1 });
  const spec = classifierModel(net, {
    graphName: 'iris_mlp_quick',
    classNames: IRIS_CLASSES,
    featureNames: IRIS_FEATURES,
    metadata: { training_accuracy: net.accuracy.toFixed(4), dataset: 'iris (Fisher 1936, UCI)' },
  });
  await writeFileAtomic(path, encodeModel(spec));
  return net.accuracy;
}

async function main(): Promise<void> {
  console.log('1. Training an iris classifier and writing it as ONNX');
  const accuracy = await writeIrisModel(modelPath);
  console.log(`  ✓ ${modelPath} (training accuracy ${(accuracy * 100).toFixed(1)}%)`);

  console.log(`\n2. Registering it in a local model registry and deploying iris@production to the Local target`);
  // A fresh registry on every run, so the versions are numbered 1 and 2 each time.
  await rm(registryDir, { recursive: true, force: true });
  const registry = Registry.local(registryDir);
  const v1 = await registry.register(Model.fromFile(modelPath, { framework: 'onnx' }), {
    name: 'iris',
    description: 'Iris species from sepal and petal measurements, 8 hidden units, 400 epochs',
    metrics: { training_accuracy: accuracy },
    metadata: { trainer: 'scripts/make-iris-model.ts', dataset: 'iris' },
  });
  console.log(
    `  ✓ iris version ${v1.version} in ${registryDir} (SHA-256 ${v1.artifact?.sha256.slice(0, 12)}…, ${v1.artifact?.bytes} bytes)`,
  );
  await registry.setAlias('iris', 'production', v1.version);
  console.log(`  ✓ iris@production → version ${v1.version}`);
  const production = await Model.fromRegistry(registry, 'iris@production');
  const deployment = await production.deployTo(Local()).deploy({ onEvent: progress });
  const deployments: Deployment[] = [deployment];
  console.log(`  serving iris version ${v1.version} at ${urlOf(deployment)}/endpoints/iris/invocations`);

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
    const first = await score(deployment);
    console.log(
      `  ${first.total} rows in ${first.elapsedMs.toFixed(1)} ms, ${first.correct}/${first.total} correct (${((first.correct / first.total) * 100).toFixed(1)}%)`,
    );

    console.log('\n6. A second version: register, promote, deploy, roll back');
    const quickAccuracy = await writeQuickIrisModel(quickModelPath);
    const v2 = await registry.register(Model.fromFile(quickModelPath, { framework: 'onnx' }), {
      name: 'iris',
      description: 'Iris species, retrained in a hurry: 4 hidden units, 15 epochs',
      metrics: { training_accuracy: quickAccuracy },
      metadata: { trainer: 'examples/demo.ts', dataset: 'iris' },
    });
    await registry.setAlias('iris', 'staging', v2.version);
    console.log(
      `  ✓ iris version ${v2.version} (training accuracy ${(quickAccuracy * 100).toFixed(1)}%), iris@staging → version ${v2.version}`,
    );
    const promoted = await registry.promote('iris', { from: 'staging', to: 'production' });
    console.log(`  ✓ promoted staging → production: iris@production → version ${promoted.version}`);

    // On Local every deployment is a server of its own; on SageMaker this would update the iris endpoint in place.
    const current = await (await Model.fromRegistry(registry, 'iris@production')).deployTo(Local()).deploy();
    deployments.push(current);
    const second = await score(current);
    console.log(
      `  ✓ deployed iris@production: version ${current.registered?.version.version} at ${urlOf(current)}, ${second.correct}/${second.total} correct`,
    );
    console.log(
      `  version ${v2.version} is worse than version ${v1.version} (${first.correct}/${first.total}): deployment.rollback()`,
    );

    const previous = await current.rollback();
    deployments.push(previous);
    const third = await score(previous);
    const serving = previous.registered?.version.version;
    const alias = await registry.get('iris', 'production');
    console.log(
      `  ✓ rolled back: iris@production → version ${alias.version}, version ${serving} serves at ${urlOf(previous)}, ${third.correct}/${third.total} correct`,
    );

    const history = (await registry.aliases('iris')).find((a) => a.alias === 'production')?.history ?? [];
    console.log('  history of iris@production:');
    for (const change of history) {
      const from = change.from === undefined ? '' : ` from ${change.from}`;
      console.log(`    ${change.at}  ${change.reason.padEnd(8)} → version ${change.version}${from}`);
    }
  } finally {
    console.log(`\n7. Tearing down (${deployments.length} Local servers; the registry stays in ${registryDir})`);
    for (const d of [...deployments].reverse()) {
      const version = `version ${d.registered?.version.version}`;
      await d.destroy({
        onEvent: (event) => {
          if (event.type !== 'step-done') return;
          console.log(`  ✓ ${event.step.resource.kind} (${version}, ${event.elapsedMs.toFixed(0)} ms)`);
        },
      });
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
