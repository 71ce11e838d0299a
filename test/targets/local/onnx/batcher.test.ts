import { describe, expect, it } from 'vitest';
import { batchKey, DynamicBatcher, type Feeds, type RunFeeds } from '../../../../src/targets/local/onnx/batcher.js';
import type { HostTensor } from '../../../../src/targets/local/onnx/tensor.js';

const rows = (...values: number[][]): HostTensor => ({
  type: 'float32',
  dims: [values.length, values[0]?.length ?? 0],
  data: new Float32Array(values.flat()),
});
const valuesOf = (t: HostTensor | undefined) => Array.from(t?.data as Float32Array);

/** A stand-in model: doubles `x`; fails on any NaN, as a model may fail on one bad row. */
function doubler(): { run: RunFeeds; calls: number[] } {
  const calls: number[] = [];
  const run: RunFeeds = async (feeds) => {
    const x = feeds.x!;
    calls.push(x.dims[0]!);
    if ((x.data as Float32Array).some(Number.isNaN)) throw new Error('NaN in input');
    return { y: { ...x, data: (x.data as Float32Array).map((v) => v * 2) } };
  };
  return { run, calls };
}

const settings = { enabled: true, maxDelayMs: 5, maxBatchSize: 64 };

describe('batchKey', () => {
  it('groups by input names, types and dimensions after the first', () => {
    const a = batchKey({ x: rows([1, 2]) });
    expect(a).toEqual({ key: 'x:float32:2', rows: 1 });
    expect(batchKey({ x: rows([1, 2], [3, 4]) })?.key).toBe(a?.key);
    expect(batchKey({ x: rows([1, 2, 3]) })?.key).not.toBe(a?.key);
    expect(batchKey({ x: { ...rows([1, 2]), type: 'float64', data: new Float64Array(2) } })?.key).not.toBe(a?.key);
  });

  it('refuses requests whose inputs do not share a first dimension, or are scalars', () => {
    expect(batchKey({ a: rows([1]), b: rows([1], [2]) })).toBeUndefined();
    expect(batchKey({ x: { type: 'float32', dims: [], data: new Float32Array(1) } })).toBeUndefined();
  });
});

describe('DynamicBatcher', () => {
  it('joins requests of several rows and hands each its own rows back, in order', async () => {
    const model = doubler();
    const batcher = new DynamicBatcher(model.run, settings);
    const answers = await Promise.all([
      batcher.submit({ x: rows([1, 1]) }),
      batcher.submit({ x: rows([2, 2], [3, 3]) }),
      batcher.submit({ x: rows([4, 4]) }),
    ]);
    expect(answers.map((a) => valuesOf(a.y))).toEqual([
      [2, 2],
      [4, 4, 6, 6],
      [8, 8],
    ]);
    expect(answers.map((a) => a.y?.dims)).toEqual([
      [1, 2],
      [2, 2],
      [1, 2],
    ]);
    expect(model.calls).toEqual([4]);
    expect(batcher.stats).toMatchObject({ runs: 1, batchedRuns: 1, batchedRequests: 3 });
  });

  it('answers each request alone when the joined run fails', async () => {
    const model = doubler();
    const batcher = new DynamicBatcher(model.run, settings);
    const results = await Promise.allSettled([
      batcher.submit({ x: rows([1]) }),
      batcher.submit({ x: rows([Number.NaN]) }),
      batcher.submit({ x: rows([3]) }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(valuesOf((results[2] as PromiseFulfilledResult<Feeds>).value.y)).toEqual([6]);
    expect(model.calls).toEqual([3, 1, 1, 1]);
  });

  it('stops batching a model whose outputs do not have a row per input row', async () => {
    const calls: number[] = [];
    // A model that sums over rows: its output cannot be split between requests.
    const summing: RunFeeds = async (feeds) => {
      const x = feeds.x!;
      calls.push(x.dims[0]!);
      const total = (x.data as Float32Array).reduce((a, b) => a + b, 0);
      return { total: { type: 'float32', dims: [1], data: new Float32Array([total]) } };
    };
    const batcher = new DynamicBatcher(summing, settings);
    const answers = await Promise.all([batcher.submit({ x: rows([1]) }), batcher.submit({ x: rows([2], [3]) })]);
    expect(answers.map((a) => valuesOf(a.total))).toEqual([[1], [5]]);
    expect(batcher.stats.disabledReason).toMatch(/output "total" has shape \[1\] for 3 input rows/);
    await Promise.all([batcher.submit({ x: rows([1]) }), batcher.submit({ x: rows([2]) })]);
    expect(calls).toEqual([3, 1, 2, 1, 1]);
  });

  it('runs one at a time, and requests that arrive during a run form the next batch', async () => {
    let active = 0;
    let most = 0;
    const calls: number[] = [];
    const slow: RunFeeds = async (feeds) => {
      active++;
      most = Math.max(most, active);
      calls.push(feeds.x!.dims[0]!);
      await new Promise((resolve) => setTimeout(resolve, 20));
      active--;
      return { y: feeds.x! };
    };
    const batcher = new DynamicBatcher(slow, { ...settings, maxDelayMs: 1 });
    const first = batcher.submit({ x: rows([1]) });
    await new Promise((resolve) => setTimeout(resolve, 5)); // the first run has started
    const later = [2, 3, 4].map((v) => batcher.submit({ x: rows([v]) }));
    await Promise.all([first, ...later]);
    expect(most).toBe(1);
    expect(calls).toEqual([1, 3]);
  });

  it('runs every request alone, one at a time, when disabled', async () => {
    const model = doubler();
    const batcher = new DynamicBatcher(model.run, { enabled: false, maxDelayMs: 0, maxBatchSize: 1 });
    const answers = await Promise.all([1, 2, 3].map((v) => batcher.submit({ x: rows([v]) })));
    expect(answers.map((a) => valuesOf(a.y))).toEqual([[2], [4], [6]]);
    expect(model.calls).toEqual([1, 1, 1]);
  });
});
