/**
 * Trains a small classifier on the Iris data set (scripts/data/iris.csv, Fisher 1936, public domain) and writes it
 * as a real ONNX model: the model of modelship's offline demo and of the Local target's tests.
 *
 *   npx tsx scripts/make-iris-model.ts [--out .tmp/models/iris.onnx]
 *
 * Graph: `float_input` float [N, 4] (sepal length, sepal width, petal length, petal width, in cm)
 *   → MatMul/Add/Relu/MatMul/Add/Softmax → `probabilities` float [N, 3], and ArgMax → `label` int64 [N]
 *   (0 setosa, 1 versicolor, 2 virginica). Deterministic: the same bytes on every run and machine.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { classifierModel } from './onnx/models.js';
import { encodeModel } from './onnx/proto.js';
import { trainClassifier } from './onnx/train.js';
import { writeFileAtomic } from './onnx/write.js';

export const IRIS_CLASSES = ['setosa', 'versicolor', 'virginica'] as const;
export const IRIS_FEATURES = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'] as const;
export const DEFAULT_IRIS_MODEL_PATH = '.tmp/models/iris.onnx';

export interface IrisData {
  /** 150 rows of 4 measurements in cm. */
  readonly x: number[][];
  /** The class of each row, an index into {@link IRIS_CLASSES}. */
  readonly y: number[];
}

/** Reads scripts/data/iris.csv. */
export function loadIris(): IrisData {
  const text = readFileSync(fileURLToPath(new URL('./data/iris.csv', import.meta.url)), 'utf8');
  const x: number[][] = [];
  const y: number[] = [];
  for (const line of text.trim().split('\n').slice(1)) {
    const cells = line.trim().split(',');
    const label = IRIS_CLASSES.indexOf(cells[4] as (typeof IRIS_CLASSES)[number]);
    if (cells.length !== 5 || label < 0) throw new Error(`scripts/data/iris.csv: bad row "${line}"`);
    x.push(cells.slice(0, 4).map(Number));
    y.push(label);
  }
  return { x, y };
}

/** Trains the Iris classifier and encodes it; returns the `.onnx` bytes and the training accuracy. */
export function buildIrisModel(): { bytes: Uint8Array; accuracy: number } {
  const { x, y } = loadIris();
  const net = trainClassifier(x, y, { hidden: 8, epochs: 400, weightDecay: 0.003, seed: 42 });
  const spec = classifierModel(net, {
    graphName: 'iris_mlp',
    docString: 'Iris species from sepal and petal measurements (cm). Trained by modelship scripts/make-iris-model.ts.',
    classNames: IRIS_CLASSES,
    featureNames: IRIS_FEATURES,
    metadata: { training_accuracy: net.accuracy.toFixed(4), dataset: 'iris (Fisher 1936, UCI)' },
  });
  return { bytes: encodeModel(spec), accuracy: net.accuracy };
}

/** Writes the Iris model to `path` (atomically, creating folders) and returns the training accuracy. */
export async function writeIrisModel(path: string = DEFAULT_IRIS_MODEL_PATH): Promise<number> {
  const { bytes, accuracy } = buildIrisModel();
  await writeFileAtomic(path, bytes);
  return accuracy;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string', default: DEFAULT_IRIS_MODEL_PATH } } });
  const out = resolve(values.out);
  const accuracy = await writeIrisModel(out);
  console.log(`Wrote ${out}`);
  console.log(`Training accuracy: ${(accuracy * 100).toFixed(1)}% (${Math.round(accuracy * 150)}/150)`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
