// validatePredictor end to end against real Local deployments: the iris ONNX model and a slow handler model.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIris } from '../../../scripts/make-iris-model.js';
import type { Deployment } from '../../../src/deploy/deployment.js';
import { Model } from '../../../src/deploy/model.js';
import { AbortedError } from '../../../src/errors.js';
import { validatePredictor } from '../../../src/monitor/validate/index.js';
import { json } from '../../../src/predict/serde/json.js';
import { Local } from '../../../src/targets/local/index.js';
import { ensureTestModels } from '../../support/models.js';

type Row = number[];
interface IrisOutput {
  readonly predictions: { readonly label: number; readonly probabilities: number[] }[];
}

const slowHandler = fileURLToPath(new URL('./fixtures/slow.mjs', import.meta.url));

/** A deterministic shuffle (a fixed rotation and reversal), so the shuffled labels are wrong on most rows. */
function shuffled<T>(items: readonly T[]): T[] {
  return [...items.slice(37), ...items.slice(0, 37)].reverse();
}

describe('validatePredictor on the iris model served by Local', () => {
  let deployment: Deployment;
  const { x, y } = loadIris();
  // One row per request: the sample phase measures one prediction's latency.
  const samples: Row[][] = x.map((row) => [row]);
  const label = (output: IrisOutput) => output.predictions[0]?.label;

  beforeAll(async () => {
    const { iris } = await ensureTestModels();
    deployment = await Model.fromFile(iris).deployTo(Local()).withName('iris-validate').deploy();
  });
  afterAll(async () => {
    await deployment?.destroy();
  });

  it('passes accuracy, latency and throughput gates with the real labels', async () => {
    const started = performance.now();
    const report = await validatePredictor(deployment.predictor<Row[], IrisOutput>(), {
      samples,
      expected: y,
      accuracy: { metric: 'accuracy', prediction: label, min: 0.95 },
      latency: { p50Ms: 250, p99Ms: 500 },
      throughput: { minRps: 20, concurrency: 4, durationS: 0.5 },
    });
    const elapsed = performance.now() - started;
    expect(report.passed).toBe(true);
    // The model's training accuracy is 147/150 (see the demo): the metric is exactly that.
    expect(report.accuracy).toEqual({ metric: 'accuracy', value: 147 / 150 });
    expect(report.latency.samples).toBe(150);
    expect(report.latency.p50Ms).toBeLessThanOrEqual(report.latency.p90Ms);
    expect(report.latency.p90Ms).toBeLessThanOrEqual(report.latency.p99Ms);
    expect(report.throughput?.requests).toBeGreaterThan(0);
    expect(report.throughput?.errors).toBe(0);
    expect(report.throughput?.durationS).toBeGreaterThanOrEqual(0.5);
    expect(report.throughput?.durationS).toBeLessThan(3);
    expect(elapsed).toBeLessThan(5_000);
    expect(report.errors).toEqual({ count: 0, requests: 1 + 150 + report.throughput!.requests });
    expect(report.checks.map((c) => [c.name, c.passed])).toEqual([
      ['accuracy', true],
      ['latency p50', true],
      ['latency p99', true],
      ['throughput', true],
      ['error rate', true],
    ]);
    const text = report.toText();
    expect(text).toMatch(/^Validation of .*iris-validate.*: PASSED \(5\/5 checks passed\)/);
    expect(text).toMatch(/accuracy\s+0\.9800\s+>= 0\.9500\s+pass/);
    expect(text).toMatch(/Throughput: [\d.]+ req\/s/);
    const parsed = JSON.parse(JSON.stringify(report));
    expect(parsed).toMatchObject({ passed: true, accuracy: { metric: 'accuracy' }, errors: { count: 0 } });
    expect(parsed.toText).toBeUndefined();
  });

  it('fails the accuracy gate with shuffled labels', async () => {
    const report = await validatePredictor(deployment.predictor<Row[], IrisOutput>(), {
      samples,
      expected: shuffled(y),
      accuracy: { metric: 'accuracy', prediction: label, min: 0.95 },
    });
    expect(report.passed).toBe(false);
    expect(report.accuracy!.value).toBeLessThan(0.5);
    expect(report.failures.map((c) => c.name)).toEqual(['accuracy']);
    expect(report.toText()).toMatch(/FAILED \(1\/2 checks passed\)[\s\S]*accuracy\s+0\.\d+\s+>= 0\.9500\s+FAIL/);
  });

  it('scores probabilities with rmse against one-hot labels', async () => {
    const oneHot = y.map((k) => [0, 1, 2].map((c) => (c === k ? 1 : 0)));
    const report = await validatePredictor(deployment.predictor<Row[], IrisOutput>(), {
      samples,
      expected: oneHot,
      accuracy: { metric: 'rmse', prediction: (o) => o.predictions[0]!.probabilities, max: 0.3 },
      warmup: 0,
    });
    expect(report.accuracy!.metric).toBe('rmse');
    expect(report.accuracy!.value).toBeGreaterThan(0);
    expect(report.accuracy!.value).toBeLessThan(0.3);
    expect(report.passed).toBe(true);
  });

  it('counts model errors: a failed sample fails accuracy and the error rate', async () => {
    const bad: Row[][] = [...samples.slice(0, 9), [[1, 2, 3]]];
    const report = await validatePredictor(deployment.predictor<Row[], IrisOutput>(), {
      samples: bad,
      expected: y.slice(0, 10),
      accuracy: { metric: 'accuracy', prediction: label, min: 0.5 },
    });
    expect(report.accuracy!.value).toBeCloseTo(0.9);
    expect(report.errors.count).toBe(1);
    expect(report.errors.first).toMatch(/^ModelError: /);
    expect(report.failures.map((c) => c.name)).toEqual(['accuracy', 'error rate']);
    expect(report.latency.samples).toBe(9);
  });
});

describe('validatePredictor on a slow handler served by Local', () => {
  let deployment: Deployment;
  beforeAll(async () => {
    deployment = await Model.fromHandler(slowHandler).deployTo(Local()).withName('slow').deploy();
  });
  afterAll(async () => {
    await deployment?.destroy();
  });
  const predictor = () => deployment.predictor<{ value: number }, { value: number }>({ serializer: json() });

  it('fails a p99 latency gate of 10 ms when the model takes 50 ms', async () => {
    const report = await validatePredictor(predictor(), {
      samples: [{ value: 1 }, { value: 2 }, { value: 3 }, { value: 4 }],
      expected: [{ value: 1 }, { value: 2 }, { value: 3 }, { value: 4 }],
      accuracy: { metric: 'accuracy', prediction: (o) => ({ value: o.value }), min: 1 },
      latency: { p99Ms: 10 },
      warmup: 0,
    });
    expect(report.passed).toBe(false);
    expect(report.failures.map((c) => c.name)).toEqual(['latency p99']);
    expect(report.latency.p50Ms).toBeGreaterThanOrEqual(50);
    expect(report.checks.find((c) => c.name === 'latency p99')).toMatchObject({ limit: 10, unit: 'ms', passed: false });
    expect(report.toText()).toMatch(/latency p99\s+\d+\.\d\d ms\s+<= 10\.00 ms\s+FAIL/);
  });

  it('bounds the load phase by its duration and by maxRequests, and fails a rate the model cannot reach', async () => {
    const started = performance.now();
    const report = await validatePredictor(predictor(), {
      samples: [{ value: 1 }],
      throughput: { minRps: 1000, concurrency: 4, durationS: 0.3 },
      warmup: 0,
    });
    const elapsed = performance.now() - started;
    // 4 callers × (300 ms / 50 ms) ≈ 24 requests; at most one more round in flight at the deadline.
    expect(report.throughput!.requests).toBeGreaterThanOrEqual(8);
    expect(report.throughput!.requests).toBeLessThanOrEqual(32);
    expect(report.throughput!.rps).toBeLessThan(100);
    expect(elapsed).toBeLessThan(1_500);
    expect(report.failures.map((c) => c.name)).toEqual(['throughput']);

    const capped = await validatePredictor(predictor(), {
      samples: [{ value: 1 }, { value: 2 }],
      throughput: { minRps: 1, concurrency: 2, durationS: 10, maxRequests: 6 },
      warmup: 0,
    });
    expect(capped.throughput).toMatchObject({ requests: 6, errors: 0, capped: true });
    expect(capped.throughput!.durationS).toBeLessThan(1);
    expect(capped.toText()).toContain('stopped at maxRequests');
  });

  it('rejects with AbortedError when the signal aborts, in the sample or load phase', async () => {
    const samplePhase = validatePredictor(predictor(), {
      samples: [{ value: 1 }, { value: 2 }],
      signal: AbortSignal.timeout(20),
      warmup: 0,
    });
    await expect(samplePhase).rejects.toBeInstanceOf(AbortedError);
    const loadPhase = validatePredictor(predictor(), {
      samples: [{ value: 1 }],
      throughput: { minRps: 1, concurrency: 2, durationS: 5 },
      signal: AbortSignal.timeout(150),
      warmup: 0,
    });
    await expect(loadPhase).rejects.toThrow(/aborted during its load phase/);
  });
});
