import { beforeAll, describe, expect, it } from 'vitest';
import { loadIris } from '../../../../scripts/make-iris-model.js';
import { AbortedError, ModelError } from '../../../../src/errors.js';
import { createOnnxRunner, type OnnxRunner, type OnnxRunnerOptions } from '../../../../src/targets/local/onnx/index.js';
import { ensureTestModels, type TestModels } from '../../../support/models.js';
import { call, json } from './invoke.js';

interface IrisAnswer {
  predictions: { probabilities: number[]; label: number }[];
}

let models: TestModels;
beforeAll(async () => {
  models = await ensureTestModels();
});

async function withRunner<T>(path: string, options: OnnxRunnerOptions, use: (runner: OnnxRunner) => Promise<T>) {
  const runner = await createOnnxRunner(path, options);
  try {
    return await use(runner);
  } finally {
    await runner.close();
  }
}

/** 50 requests of 1 to 3 Iris rows each, walking through the data set. */
function irisRequests(): number[][][] {
  const { x } = loadIris();
  return Array.from({ length: 50 }, (_, i) => {
    const start = (i * 7) % 147;
    return x.slice(start, start + 1 + (i % 3));
  });
}

function expectSameAnswers(actual: IrisAnswer[], expected: IrisAnswer[]): void {
  expect(actual.map((a) => a.predictions.map((p) => p.label))).toEqual(
    expected.map((a) => a.predictions.map((p) => p.label)),
  );
  actual.forEach((answer, i) => {
    answer.predictions.forEach((p, r) => {
      p.probabilities.forEach((v, c) => {
        expect(v).toBeCloseTo(expected[i]!.predictions[r]!.probabilities[c]!, 6);
      });
    });
  });
}

describe('dynamic batching', () => {
  it('answers 50 concurrent requests as 50 sequential ones would, in far fewer session runs', async () => {
    await withRunner(models.iris, {}, async (runner) => {
      expect(runner.batching).toBe(true);
      const requests = irisRequests();
      const sequential: IrisAnswer[] = [];
      for (const rows of requests) sequential.push(json(await call(runner, { body: rows })) as IrisAnswer);
      const sequentialRuns = runner.stats.sessionRuns;
      expect(sequentialRuns).toBe(50);

      const concurrent = await Promise.all(requests.map(async (rows) => json(await call(runner, { body: rows }))));
      expectSameAnswers(concurrent as IrisAnswer[], sequential);
      const runs = runner.stats.sessionRuns - sequentialRuns;
      // 100 rows at up to 64 per run: two runs, give or take how the timer splits arrivals.
      expect(runs).toBeLessThanOrEqual(5);
      expect(runner.stats.batchedInvocations).toBeGreaterThanOrEqual(45);
      expect(runner.stats.invocations).toBe(100);
    });
  });

  it('keeps a request with an id the model rejects from failing its neighbours', async () => {
    await withRunner(models.lookup, {}, async (runner) => {
      const ids = [[0], [1], [2], [9], [3], [4, 1]];
      const results = await Promise.allSettled(ids.map((body) => call(runner, { body })));
      const answers = results.map((r) => (r.status === 'fulfilled' ? json(r.value) : r.reason));
      expect(answers[0]).toEqual({ predictions: [[0, 0]] });
      expect(answers[2]).toEqual({ predictions: [[2, 20]] });
      expect(answers[5]).toEqual({
        predictions: [
          [4, 40],
          [1, 10],
        ],
      });
      expect(answers[3]).toBeInstanceOf(ModelError);
      expect((answers[3] as ModelError).originalStatusCode).toBe(500);
      expect((answers[3] as ModelError).message).toMatch(/lookup\.onnx failed to run: .*out of data bounds/);
      // The joined run failed, then each request ran alone.
      expect(runner.stats.sessionRuns).toBe(1 + ids.length);
    });
  });

  it('turns away bad input before batching, so it never reaches a joined run', async () => {
    await withRunner(models.iris, {}, async (runner) => {
      const bodies = [[[5.1, 3.5, 1.4, 0.2]], [[1, 2, 3]], [[6.7, 3.0, 5.2, 2.3]]];
      const results = await Promise.allSettled(bodies.map((body) => call(runner, { body })));
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(runner.stats.sessionRuns).toBe(1);
      expect(runner.stats.batchedRuns).toBe(1);
    });
  });

  it('joins only requests whose dimensions after the first agree', async () => {
    await withRunner(models.addOneAnyWidth, {}, async (runner) => {
      const bodies = [[[1, 2]], [[1, 2, 3]], [[3, 4]], [[4, 5, 6]], [[7, 8]]];
      const answers = await Promise.all(bodies.map(async (body) => json(await call(runner, { body }))));
      expect(answers).toEqual(bodies.map((rows) => ({ predictions: rows.map((row) => row.map((v) => v + 1)) })));
      expect(runner.stats.sessionRuns).toBe(2);
    });
  });

  it('never joins more than maxBatchSize rows into one run', async () => {
    await withRunner(models.iris, { batching: { maxBatchSize: 4, maxDelayMs: 5 } }, async (runner) => {
      const flower = [5.1, 3.5, 1.4, 0.2];
      await Promise.all(Array.from({ length: 10 }, () => call(runner, { body: [flower] })));
      expect(runner.stats.sessionRuns).toBe(3); // 4 + 4 + 2
      // A request larger than the limit still runs, alone.
      const big = json(await call(runner, { body: Array(9).fill(flower) })) as IrisAnswer;
      expect(big.predictions).toHaveLength(9);
    });
  });

  it('runs each request alone with batching: false, or when the model fixes its batch size', async () => {
    await withRunner(models.iris, { batching: false }, async (runner) => {
      expect(runner.batching).toBe(false);
      await Promise.all(
        irisRequests()
          .slice(0, 10)
          .map((body) => call(runner, { body })),
      );
      expect(runner.stats.sessionRuns).toBe(10);
      expect(runner.stats.batchedRuns).toBe(0);
    });
    await withRunner(models.addOneFixed, {}, async (runner) => {
      expect(runner.batching).toBe(false);
      const answers = await Promise.all([1, 2, 3].map(async (v) => json(await call(runner, { body: [[v, v, v]] }))));
      expect(answers).toEqual([1, 2, 3].map((v) => ({ predictions: [[v + 1, v + 1, v + 1]] })));
      expect(runner.stats.sessionRuns).toBe(3);
    });
  });

  it('drops a request aborted while it waits, and answers the rest', async () => {
    await withRunner(models.addOne, { batching: { maxDelayMs: 30 } }, async (runner) => {
      const controller = new AbortController();
      const first = call(runner, { body: [[1, 1, 1]] });
      const dropped = call(runner, { body: [[2, 2, 2]], signal: controller.signal });
      const third = call(runner, { body: [[3, 3, 3]] });
      controller.abort(new Error('client went away'));
      await expect(dropped).rejects.toBeInstanceOf(AbortedError);
      expect(json(await first)).toEqual({ predictions: [[2, 2, 2]] });
      expect(json(await third)).toEqual({ predictions: [[4, 4, 4]] });
      expect(runner.stats.sessionRuns).toBe(1);
      expect(runner.stats.batchedInvocations).toBe(2);
    });
  });

  it('fails requests still waiting when the runner closes', async () => {
    const runner = await createOnnxRunner(models.addOne, { batching: { maxDelayMs: 200 } });
    const waiting = call(runner, { body: [[1, 2, 3]] });
    await runner.close();
    const error = await waiting.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).originalStatusCode).toBe(503);
    expect((error as ModelError).message).toMatch(/closed before it could answer/);
    expect(runner.stats.sessionRuns).toBe(0);
  });
});
