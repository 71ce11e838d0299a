import { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';
import { describe, expect, it } from 'vitest';
import { AbortedError, InvalidArgumentError, ModelError, PayloadTooLargeError } from '../../src/errors.js';
import { bytes, csv, jsonLines, npy, Predictor, toNested } from '../../src/predict/index.js';
import { awsError, decode, mockRuntime, recordingClock } from './support/mock-runtime.js';

const endpoint = { endpointName: 'churn', region: 'eu-west-1' } as const;
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A model that doubles every number of every CSV line, answering after a random delay to shuffle order. */
function doublingCsvModel(runtime: ReturnType<typeof mockRuntime>) {
  let inFlight = 0;
  let maxInFlight = 0;
  runtime.on(InvokeEndpointCommand).callsFake(async (input: { Body: Uint8Array }) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await delay(Math.random() * 5);
    inFlight--;
    const lines = decode(input.Body).split('\n');
    return {
      Body: new TextEncoder().encode(
        lines
          .map((l) =>
            l
              .split(',')
              .map((x) => Number(x) * 2)
              .join(','),
          )
          .join('\n'),
      ),
    };
  });
  return { maxInFlight: () => maxInFlight };
}

describe('Predictor.predictMany', () => {
  it('packs 1000 rows into 10 requests of 100 and keeps the order', async () => {
    const runtime = mockRuntime();
    const model = doublingCsvModel(runtime);
    const predictor = new Predictor({ ...endpoint, serializer: csv(), deserializer: csv() });
    const rows = Array.from({ length: 1000 }, (_, i) => [i, i + 0.5]);
    const out = await predictor.predictMany(rows, { batchSize: 100, concurrency: 4 });
    expect(out).toEqual(rows.map(([a, b]) => [a! * 2, b! * 2]));
    const calls = runtime.commandCalls(InvokeEndpointCommand);
    expect(calls).toHaveLength(10);
    expect(calls.every((c) => decode(c.args[0].input.Body).split('\n').length === 100)).toBe(true);
    expect(model.maxInFlight()).toBeLessThanOrEqual(4);
  });

  it('batches 64 rows per request by default when the format can', async () => {
    const runtime = mockRuntime();
    doublingCsvModel(runtime);
    const rows = Array.from({ length: 130 }, (_, i) => [i]);
    await new Predictor({ ...endpoint, serializer: csv(), deserializer: csv() }).predictMany(rows);
    expect(
      runtime.commandCalls(InvokeEndpointCommand).map((c) => decode(c.args[0].input.Body).split('\n').length),
    ).toEqual([64, 64, 2]);
  });

  it('halves a batch over the payload limit until each request fits', async () => {
    const runtime = mockRuntime();
    runtime.on(InvokeEndpointCommand).callsFake(async (input: { Body: Uint8Array }) => ({ Body: input.Body }));
    const predictor = new Predictor({
      ...endpoint,
      maxRequestBytes: 1000,
      serializer: jsonLines<{ id: number; pad: string }>(),
      deserializer: jsonLines<{ id: number; pad: string }>(),
    });
    const rows = Array.from({ length: 50 }, (_, id) => ({ id, pad: 'x'.repeat(90) })); // ~110 bytes a line
    await expect(predictor.predictMany(rows, { batchSize: 50 })).resolves.toEqual(rows);
    const sizes = runtime
      .commandCalls(InvokeEndpointCommand)
      .map((c) => (c.args[0].input.Body as Uint8Array).byteLength);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1000);
    expect(sizes.length).toBeGreaterThan(5);
  });

  it('refuses a single row over the limit before sending anything', async () => {
    const runtime = mockRuntime();
    const predictor = new Predictor({ ...endpoint, maxRequestBytes: 100, serializer: csv(), deserializer: csv() });
    const rows = [[1], [2], ['y'.repeat(200)], [3]];
    await expect(predictor.predictMany(rows, { batchSize: 2 })).rejects.toMatchObject({
      constructor: PayloadTooLargeError,
      message: expect.stringMatching(/input\[2\]/),
    });
    expect(runtime.calls()).toHaveLength(0);
  });

  it('stacks npy rows along the first axis and splits the response', async () => {
    const runtime = mockRuntime();
    runtime.on(InvokeEndpointCommand).callsFake(async (input: { Body: Uint8Array }) => ({ Body: input.Body }));
    const predictor = new Predictor({ ...endpoint, serializer: npy({ dtype: 'f4' }), deserializer: npy() });
    const rows = Array.from({ length: 10 }, (_, i) => [i, i + 0.5, -i]);
    const out = await predictor.predictMany(rows, { batchSize: 4 });
    expect(out.map(toNested)).toEqual(rows);
    expect(runtime.calls()).toHaveLength(3);
  });

  it('without batch support, sends one input per request with bounded concurrency', async () => {
    const runtime = mockRuntime();
    let inFlight = 0;
    let maxInFlight = 0;
    runtime.on(InvokeEndpointCommand).callsFake(async (input: { Body: Uint8Array }) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await delay(2);
      inFlight--;
      return { Body: input.Body.slice().reverse() };
    });
    const predictor = new Predictor({ ...endpoint, serializer: bytes(), deserializer: bytes() });
    const inputs = Array.from({ length: 20 }, (_, i) => new Uint8Array([i, 100 + i]));
    const out = await predictor.predictMany(inputs, { concurrency: 3 });
    expect(out).toEqual(inputs.map((b) => new Uint8Array([b[1]!, b[0]!])));
    expect(runtime.calls()).toHaveLength(20);
    expect(maxInFlight).toBe(3);
    await expect(predictor.predictMany(inputs, { batchSize: 5 })).rejects.toThrow(/cannot batch/);
  });

  it('retries a throttled batch alone and still returns everything in order', async () => {
    const runtime = mockRuntime();
    let first = true;
    runtime.on(InvokeEndpointCommand).callsFake(async (input: { Body: Uint8Array }) => {
      if (first) {
        first = false;
        throw awsError('ThrottlingException', 'Rate exceeded', 400);
      }
      return { Body: input.Body };
    });
    const predictor = new Predictor({
      ...endpoint,
      serializer: csv(),
      deserializer: csv(),
      clock: recordingClock().clock,
    });
    const rows = Array.from({ length: 30 }, (_, i) => [i]);
    await expect(predictor.predictMany(rows, { batchSize: 10 })).resolves.toEqual(rows);
    expect(runtime.calls()).toHaveLength(4);
  });

  it('fails as a whole on a response without one result per row', async () => {
    mockRuntime()
      .on(InvokeEndpointCommand)
      .resolves({ Body: new TextEncoder().encode('1\n2') as never });
    const predictor = new Predictor({ ...endpoint, serializer: csv(), deserializer: csv() });
    await expect(predictor.predictMany([[1], [2], [3]], { batchSize: 3 })).rejects.toMatchObject({
      constructor: ModelError,
      message: expect.stringMatching(/expected 3 CSV lines, got 2/),
    });
  });

  it('aborts the requests in flight and rejects with AbortedError', async () => {
    const runtime = mockRuntime();
    runtime.on(InvokeEndpointCommand).callsFake(() => new Promise(() => {}));
    const controller = new AbortController();
    const pending = new Predictor({ ...endpoint, serializer: csv(), deserializer: csv() }).predictMany(
      Array.from({ length: 100 }, (_, i) => [i]),
      { batchSize: 10, concurrency: 2, signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 10);
    await expect(pending).rejects.toThrow(AbortedError);
    expect(runtime.calls()).toHaveLength(2);
  });

  it('returns [] for no inputs and refuses bad options', async () => {
    const runtime = mockRuntime();
    const predictor = new Predictor(endpoint);
    await expect(predictor.predictMany([])).resolves.toEqual([]);
    await expect(predictor.predictMany([1], { concurrency: 0 })).rejects.toThrow(InvalidArgumentError);
    await expect(predictor.predictMany([1], { batchSize: 1.5 })).rejects.toThrow(/batchSize/);
    expect(runtime.calls()).toHaveLength(0);
  });
});
