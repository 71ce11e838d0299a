import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AbortedError, InvalidArgumentError, ModelError, NotFoundError } from '../../../../src/errors.js';
import { decodeNpy, encodeNpy } from '../../../../src/predict/serde/npy-codec.js';
import { createOnnxRunner, type OnnxRunner } from '../../../../src/targets/local/onnx/index.js';
import { loadOrt } from '../../../../src/targets/local/onnx/load-ort.js';
import { ensureTestModels, type TestModels } from '../../../support/models.js';
import { call, FLOWERS, json, text } from './invoke.js';

let models: TestModels;
let iris: OnnxRunner;

beforeAll(async () => {
  models = await ensureTestModels();
  iris = await createOnnxRunner(models.iris, { batching: false });
});
afterAll(() => iris?.close());

/** Expects `promise` to fail with a ModelError of `status` whose message matches `message`. */
async function expectModelError(promise: Promise<unknown>, status: number, message: RegExp): Promise<ModelError> {
  const error = await promise.then(
    () => expect.fail('expected a ModelError'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelError);
  expect((error as ModelError).originalStatusCode).toBe(status);
  expect((error as ModelError).message).toMatch(message);
  return error as ModelError;
}

describe('the Iris model', () => {
  it('describes its inputs and outputs from the session metadata', () => {
    expect(iris.description).toBe('ONNX model iris.onnx');
    expect(iris.inputs).toEqual([{ name: 'float_input', type: 'float32', shape: ['N', 4] }]);
    expect(iris.outputs).toEqual([
      { name: 'probabilities', type: 'float32', shape: ['N', 3] },
      { name: 'label', type: 'int64', shape: ['N'] },
    ]);
  });

  it('predicts the species of known flowers', async () => {
    const response = await call(iris, { body: [FLOWERS.setosa, FLOWERS.versicolor, FLOWERS.virginica] });
    expect(response.contentType).toBe('application/json');
    const { predictions } = json(response) as { predictions: { probabilities: number[]; label: number }[] };
    expect(predictions.map((p) => p.label)).toEqual([0, 1, 2]);
    for (const p of predictions) {
      expect(p.probabilities).toHaveLength(3);
      expect(p.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(Math.max(...p.probabilities)).toBeGreaterThan(0.9);
    }
  });

  it('writes float32 probabilities with the fewest digits that read back exactly', async () => {
    const body = [FLOWERS.setosa, FLOWERS.versicolor];
    const exact = decodeNpy((await call(iris, { body, accept: 'application/x-npy' })).body).data as Float32Array;
    const answer = json(await call(iris, { body, accept: 'application/json; output=probabilities' }));
    const written = (answer as { predictions: number[][] }).predictions.flat();
    expect(written.map((p) => Math.fround(p))).toEqual(Array.from(exact));
    // Widened to a double, a float32 prints with up to 17 digits; at most 9 are ever needed.
    for (const p of written)
      expect(
        String(p)
          .replace(/e.*/, '')
          .replace(/^0\.0*|\./g, '').length,
      ).toBeLessThanOrEqual(9);
  });
});

describe('JSON requests', () => {
  const rows = [FLOWERS.setosa, FLOWERS.virginica];

  it('reads {"instances": rows}, a bare array of rows and a single row alike', async () => {
    const expected = json(await call(iris, { body: rows }));
    expect(json(await call(iris, { body: { instances: rows } }))).toEqual(expected);
    const single = json(await call(iris, { body: FLOWERS.virginica })) as { predictions: unknown[] };
    expect(single.predictions).toEqual([(expected as { predictions: unknown[] }).predictions[1]]);
  });

  it('answers {"inputs": …} with every output keyed by name', async () => {
    const answer = json(await call(iris, { body: { inputs: rows } })) as { outputs: Record<string, unknown[]> };
    expect(Object.keys(answer.outputs)).toEqual(['probabilities', 'label']);
    expect(answer.outputs.label).toEqual([0, 2]);
    expect(answer.outputs.probabilities).toHaveLength(2);
    const named = json(await call(iris, { body: { inputs: { float_input: rows } } }));
    expect(named).toEqual(answer);
  });

  it('feeds a model with two named inputs, by name or as rows of objects', async () => {
    const pair = await createOnnxRunner(models.pair);
    try {
      const columns = json(
        await call(pair, {
          body: {
            inputs: {
              a: [
                [1, 2],
                [3, 4],
              ],
              b: [
                [10, 20],
                [30, 40],
              ],
            },
          },
        }),
      );
      expect(columns).toEqual({
        outputs: {
          sum: [
            [11, 22],
            [33, 44],
          ],
          product: [
            [10, 40],
            [90, 160],
          ],
        },
      });
      const rowsOfObjects = json(
        await call(pair, {
          body: {
            instances: [
              { a: [1, 2], b: [10, 20] },
              { a: [3, 4], b: [30, 40] },
            ],
          },
        }),
      );
      expect(rowsOfObjects).toEqual({
        predictions: [
          { sum: [11, 22], product: [10, 40] },
          { sum: [33, 44], product: [90, 160] },
        ],
      });
      await expectModelError(call(pair, { body: [[1, 2]] }), 400, /2 inputs, "a" \(float32 \[N, 2\]\), "b"/);
      await expectModelError(call(pair, { body: { inputs: { a: [[1, 2]] } } }), 400, /Input "b" is missing/);
      await expectModelError(
        call(pair, { body: { inputs: { a: [[1, 2]], b: [[1, 2]], c: [[1]] } } }),
        400,
        /Unknown input "c"/,
      );
    } finally {
      await pair.close();
    }
  });

  it('feeds int64 inputs from JSON integers', async () => {
    const lookup = await createOnnxRunner(models.lookup);
    try {
      expect(json(await call(lookup, { body: [4, 0, 2] }))).toEqual({
        predictions: [
          [4, 40],
          [0, 0],
          [2, 20],
        ],
      });
      await expectModelError(call(lookup, { body: [1.5] }), 400, /expects int64 values; ids\[0\] is 1\.5/);
    } finally {
      await lookup.close();
    }
  });

  it('picks one output with an output= parameter of Accept', async () => {
    const answer = json(await call(iris, { body: rows, accept: 'application/json; output=label' }));
    expect(answer).toEqual({ predictions: [0, 2] });
    await expectModelError(
      call(iris, { body: rows, accept: 'application/json; output=score' }),
      400,
      /outputs are probabilities, label/,
    );
  });
});

describe('CSV requests', () => {
  it('reads one row per line and answers one line per row of the first output', async () => {
    const response = await call(iris, {
      body: '5.1,3.5,1.4,0.2\r\n6.7, 3.0, 5.2, 2.3\n\n',
      contentType: 'text/csv',
    });
    expect(response.contentType).toBe('text/csv');
    const lines = text(response).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const probabilities = lines.map((line) => line.split(',').map(Number));
    expect(probabilities.map((p) => p.indexOf(Math.max(...p)))).toEqual([0, 2]);
  });

  it('answers labels with Accept: text/csv; output=label, and JSON when asked', async () => {
    const body = '5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3\n5.9,2.8,4.3,1.3\n';
    expect(text(await call(iris, { body, contentType: 'text/csv', accept: 'text/csv; output=label' }))).toBe(
      '0\n2\n1\n',
    );
    const asJson = json(await call(iris, { body, contentType: 'text/csv', accept: 'application/json' }));
    expect((asJson as { predictions: { label: number }[] }).predictions.map((p) => p.label)).toEqual([0, 2, 1]);
  });

  it('rejects a line that is not numbers, or rows of the wrong width, saying where', async () => {
    await expectModelError(
      call(iris, { body: '5.1,3.5,1.4,0.2\n5.1,abc,1.4,0.2', contentType: 'text/csv' }),
      400,
      /CSV line 2, value 2: "abc" is not a number/,
    );
    await expectModelError(
      call(iris, { body: '5.1,3.5,1.4,0.2\n5.1,1.4,0.2', contentType: 'text/csv' }),
      400,
      /line 2 has 3 values where line 1 has 4/,
    );
    await expectModelError(
      call(iris, { body: '5.1,3.5,1.4\n5.1,1.4,0.2', contentType: 'text/csv' }),
      400,
      /expects float32 \[N, 4\]; got shape \[2, 3\]/,
    );
  });
});

describe('NumPy requests', () => {
  it("reads a float64 array (NumPy's default) into the float32 input and answers the first output as .npy", async () => {
    const body = encodeNpy({
      dtype: 'f8',
      shape: [2, 4],
      data: new Float64Array([...FLOWERS.setosa, ...FLOWERS.virginica]),
    });
    const response = await call(iris, { body, contentType: 'application/x-npy' });
    expect(response.contentType).toBe('application/x-npy');
    const answer = decodeNpy(response.body);
    expect(answer.dtype).toBe('f4');
    expect(answer.shape).toEqual([2, 3]);
    const labels = decodeNpy(
      (await call(iris, { body, contentType: 'application/x-npy', accept: 'application/x-npy; output=label' })).body,
    );
    expect(labels.dtype).toBe('i8');
    expect(Array.from(labels.data as BigInt64Array)).toEqual([0n, 2n]);
  });

  it('answers in JSON when asked, and refuses arrays of the wrong shape or lossy dtype', async () => {
    const one = encodeNpy({ dtype: 'f4', shape: [4], data: new Float32Array(FLOWERS.versicolor) });
    const answer = json(await call(iris, { body: one, contentType: 'application/x-npy', accept: 'application/json' }));
    expect((answer as { predictions: { label: number }[] }).predictions[0]?.label).toBe(1);
    const wide = encodeNpy({ dtype: 'f4', shape: [1, 5], data: new Float32Array(5) });
    await expectModelError(
      call(iris, { body: wide, contentType: 'application/x-npy' }),
      400,
      /expects float32 \[N, 4\]; got shape \[1, 5\]/,
    );
    await expectModelError(call(iris, { body: 'not npy', contentType: 'application/x-npy' }), 400, /magic string/);
    const lookup = await createOnnxRunner(models.lookup);
    try {
      const floats = encodeNpy({ dtype: 'f8', shape: [1], data: new Float64Array([1.5]) });
      await expectModelError(
        call(lookup, { body: floats, contentType: 'application/x-npy' }),
        400,
        /Send integer values/,
      );
      const whole = encodeNpy({ dtype: 'f8', shape: [2], data: new Float64Array([1, 3]) });
      const vectors = decodeNpy((await call(lookup, { body: whole, contentType: 'application/x-npy' })).body);
      expect(Array.from(vectors.data as Float32Array)).toEqual([1, 10, 3, 30]);
    } finally {
      await lookup.close();
    }
  });
});

describe('bad requests', () => {
  it('names the expected shape when rows have the wrong width', async () => {
    const error = await expectModelError(call(iris, { body: [[5.1, 3.5, 1.4]] }), 400, /\[N, 4\]/);
    expect(error.message).toBe(
      'Input "float_input" expects float32 [N, 4]; got shape [1, 3]. N may be any size. Send rows of 4 values.',
    );
    expect(error.originalMessage).toBe(error.message);
  });

  it('points at ragged rows and at values that are not numbers', async () => {
    await expectModelError(
      call(iris, {
        body: [
          [1, 2, 3, 4],
          [1, 2, 3],
        ],
      }),
      400,
      /float_input\[1\] has 3 entries where float_input\[0\] has 4/,
    );
    await expectModelError(
      call(iris, { body: [[1, 2, 'x', 4]] }),
      400,
      /expects float32 values; float_input\[0\]\[2\] is "x"/,
    );
    await expectModelError(call(iris, { body: [] }), 400, /got shape \[0\]/);
  });

  it('rejects bodies that are not JSON or not in a known form', async () => {
    await expectModelError(call(iris, { body: '{"instances": [' }), 400, /not valid JSON/);
    await expectModelError(call(iris, { body: { rows: [[1, 2, 3, 4]] } }), 400, /none of the expected forms/);
  });

  it('answers 415 for an unknown content type and 406 for an unknown Accept', async () => {
    await expectModelError(
      call(iris, { body: 'x', contentType: 'image/png' }),
      415,
      /application\/json, text\/csv or application\/x-npy/,
    );
    await expectModelError(call(iris, { body: [FLOWERS.setosa], accept: 'image/png' }), 406, /names no format/);
  });

  it('does not run an invocation whose signal has already aborted', async () => {
    const before = iris.stats.sessionRuns;
    await expect(call(iris, { body: [FLOWERS.setosa], signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      AbortedError,
    );
    expect(iris.stats.sessionRuns).toBe(before);
  });
});

describe('loading and closing', () => {
  it('fails clearly for a missing file, a file that is not ONNX, and bad options', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'modelship-onnx-'));
    try {
      await expect(createOnnxRunner(join(dir, 'nope.onnx'))).rejects.toBeInstanceOf(NotFoundError);
      await writeFile(join(dir, 'junk.onnx'), 'not a model');
      const junk = await createOnnxRunner(join(dir, 'junk.onnx')).catch((e: unknown) => e);
      expect(junk).toBeInstanceOf(InvalidArgumentError);
      expect((junk as Error).message).toMatch(/onnxruntime could not load ".*junk\.onnx" as an ONNX model/);
      await expect(createOnnxRunner(dir)).rejects.toThrow(/is not a file/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    await expect(createOnnxRunner(models.iris, { batching: { maxBatchSize: 0 } })).rejects.toThrow(
      /batching.maxBatchSize/,
    );
    await expect(createOnnxRunner(models.iris, { batching: { maxDelayMs: -1 } })).rejects.toThrow(
      /batching.maxDelayMs/,
    );
    await expect(createOnnxRunner(models.iris, { intraOpNumThreads: 1.5 })).rejects.toThrow(/intraOpNumThreads/);
  });

  it('frees the session on close, and later invocations fail with a 503 ModelError', async () => {
    const ort = await loadOrt();
    const create = vi.spyOn(ort.InferenceSession, 'create');
    const runner = await createOnnxRunner(models.addOne, { intraOpNumThreads: 1 });
    const session = await create.mock.results[0]!.value;
    create.mockRestore();
    const release = vi.spyOn(session, 'release');
    expect(json(await call(runner, { body: [[1, 2, 3]] }))).toEqual({ predictions: [[2, 3, 4]] });
    await runner.close();
    await runner.close(); // a second close is harmless
    expect(release).toHaveBeenCalledTimes(1);
    await expectModelError(call(runner, { body: [[1, 2, 3]] }), 503, /ONNX model add-one\.onnx is closed/);
  });
});
