import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIrisModel, loadIris } from '../../../../scripts/make-iris-model.js';
import { decodeModel } from '../../../../scripts/onnx/proto.js';
import { createOnnxRunner } from '../../../../src/targets/local/onnx/index.js';
import { call, json } from './invoke.js';

const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'modelship-iris-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('scripts/make-iris-model.ts', () => {
  it('trains, prints its accuracy and writes a model onnxruntime scores as well', async () => {
    const out = join(dir, 'nested', 'iris.onnx');
    const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
    const { stdout } = await run(tsx, ['scripts/make-iris-model.ts', '--out', out], { cwd: process.cwd() });
    const printed = /Training accuracy: ([\d.]+)%/.exec(stdout);
    expect(printed).not.toBeNull();
    const accuracy = Number(printed![1]) / 100;
    expect(accuracy).toBeGreaterThanOrEqual(0.9);

    // Score all 150 flowers through onnxruntime: the exported graph must agree with the trained network.
    const { x, y } = loadIris();
    const runner = await createOnnxRunner(out);
    try {
      const answer = json(await call(runner, { body: x, accept: 'application/json; output=label' }));
      const labels = (answer as { predictions: number[] }).predictions;
      const correct = labels.filter((label, i) => label === y[i]).length;
      expect(correct / 150).toBeCloseTo(accuracy, 2);
    } finally {
      await runner.close();
    }
  }, 30_000);

  it('is deterministic, and stores class and feature names in the model metadata', async () => {
    const a = buildIrisModel();
    const b = buildIrisModel();
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    const model = decodeModel(a.bytes) as {
      irVersion: number;
      opsetImport: { version: number }[];
      metadataProps: { key: string; value: string }[];
      graph: { node: { opType: string }[] };
    };
    expect(model.irVersion).toBe(8);
    expect(model.opsetImport[0]?.version).toBe(13);
    const metadata = Object.fromEntries(model.metadataProps.map((p) => [p.key, p.value]));
    expect(metadata.class_names).toBe('setosa,versicolor,virginica');
    expect(metadata.feature_names).toBe('sepal_length,sepal_width,petal_length,petal_width');
    expect(model.graph.node.map((n) => n.opType)).toEqual([
      'MatMul',
      'Add',
      'Relu',
      'MatMul',
      'Add',
      'Softmax',
      'ArgMax',
    ]);
    const file = await readFile(join(dir, 'nested', 'iris.onnx')).catch(() => undefined);
    if (file !== undefined) expect(Buffer.from(a.bytes).equals(file)).toBe(true);
  });
});
