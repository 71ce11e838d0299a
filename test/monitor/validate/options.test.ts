// The options of validatePredictor are checked before any request is sent.
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../src/errors.js';
import { validatePredictor } from '../../../src/monitor/validate/index.js';
import { nearestRank, summarizeLatency } from '../../../src/monitor/validate/latency.js';
import { Predictor } from '../../../src/predict/predictor.js';
import type { Transport } from '../../../src/predict/transport.js';

// A transport that must never be called: every case here fails before sending.
const transport: Transport = {
  description: 'test transport',
  maxRequestBytes: 1024,
  invoke: () => Promise.reject(new Error('no request may be sent')),
};
const predictor = new Predictor<number, number>({ transport });

async function argumentOf(options: unknown): Promise<string> {
  const error = await validatePredictor(predictor, options as never).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidArgumentError);
  return (error as InvalidArgumentError).argument;
}

describe('validatePredictor options', () => {
  it.each([
    [{ samples: [] }, 'samples'],
    [{ samples: 'x' }, 'samples'],
    [{ samples: [1, 2], expected: [1] }, 'expected'],
    [{ samples: [1], accuracy: { metric: 'accuracy', min: 0.9 } }, 'expected'],
    [{ samples: [1], expected: [1], accuracy: { metric: 'f1', min: 0.9 } }, 'accuracy.metric'],
    [{ samples: [1], expected: [1], accuracy: { metric: 'accuracy' } }, 'accuracy'],
    [{ samples: [1], expected: [1], accuracy: { metric: 'mae', min: 2, max: 1 } }, 'accuracy'],
    [{ samples: [1], expected: [1], accuracy: { metric: 'mae', max: Number.NaN } }, 'accuracy.max'],
    [{ samples: [1], latency: { p99Ms: 0 } }, 'latency.p99Ms'],
    [{ samples: [1], latency: { p50Ms: -1 } }, 'latency.p50Ms'],
    [{ samples: [1], throughput: { minRps: 1, concurrency: 0, durationS: 1 } }, 'throughput.concurrency'],
    [{ samples: [1], throughput: { minRps: 1, durationS: 1 } }, 'throughput.concurrency'],
    [{ samples: [1], throughput: { minRps: 1, concurrency: 2, durationS: 601 } }, 'throughput.durationS'],
    [{ samples: [1], throughput: { concurrency: 2, durationS: 1 } }, 'throughput.minRps'],
    [
      { samples: [1], throughput: { minRps: 1, concurrency: 2, durationS: 1, maxRequests: 0 } },
      'throughput.maxRequests',
    ],
    [{ samples: [1], maxErrorRate: 2 }, 'maxErrorRate'],
    [{ samples: [1], warmup: 1.5 }, 'warmup'],
    [{ samples: [1], timeoutMs: 0 }, 'timeoutMs'],
  ])('rejects %j naming %s', async (options, argument) => {
    expect(await argumentOf(options)).toBe(argument);
  });

  it('rejects mae on outputs that are not numbers, naming accuracy.prediction', async () => {
    const echo: Transport = {
      description: 'echo',
      maxRequestBytes: 1024,
      invoke: async () => ({
        body: new TextEncoder().encode(JSON.stringify({ score: 1 })),
        contentType: 'application/json',
        invokedProductionVariant: undefined,
        customAttributes: undefined,
      }),
    };
    const objects = new Predictor<number, { score: number }>({ transport: echo });
    const error = await validatePredictor(objects, {
      samples: [1],
      expected: [{ score: 1 }],
      accuracy: { metric: 'mae', max: 0.1 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe('accuracy.prediction');
    const scored = new Predictor<number, { score: number }>({ transport: echo });
    const report = await validatePredictor<number, { score: number }, number>(scored, {
      samples: [1, 2],
      expected: [1.5, 0],
      accuracy: { metric: 'mae', prediction: (o) => o.score, max: 0.5 },
      warmup: 0,
    });
    // |1 − 1.5| and |1 − 0|: a mean absolute error of 0.75, over the gate's 0.5.
    expect(report.accuracy).toEqual({ metric: 'mae', value: 0.75 });
    expect(report.failures.map((c) => c.name)).toEqual(['mae']);
  });
});

describe('nearest-rank percentiles', () => {
  it('picks measured values: rank ⌈p/100·n⌉', () => {
    const values = Array.from({ length: 150 }, (_, i) => i + 1);
    expect(nearestRank(values, 50)).toBe(75);
    expect(nearestRank(values, 99)).toBe(149);
    expect(nearestRank([3], 99)).toBe(3);
    expect(nearestRank([], 50)).toBeNaN();
    expect(summarizeLatency([4, 1, 3, 2])).toEqual({ p50Ms: 2, p90Ms: 4, p99Ms: 4, meanMs: 2.5, samples: 4 });
  });
});
