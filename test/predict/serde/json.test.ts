import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../src/errors.js';
import { json } from '../../../src/predict/serde/json.js';
import { jsonLines } from '../../../src/predict/serde/json-lines.js';

// JSON values that survive JSON itself (no -0, which JSON writes as 0).
const value = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);

describe('json()', () => {
  const codec = json();

  it('round-trips any JSON value', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(codec.deserialize(codec.serialize(v))).toEqual(v);
      }),
    );
  });

  it('packs rows as a JSON array and splits an array back', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1 }), (rows) => {
        expect(codec.splitRows!(codec.packRows!(rows), rows.length)).toEqual(rows);
      }),
    );
  });

  it('frames batches the way built-in algorithms and TF Serving do when asked', () => {
    const tf = json({ batch: { requestKey: 'instances', responseKey: 'predictions' } });
    expect(
      new TextDecoder().decode(
        tf.packRows!([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toBe('{"instances":[[1,2],[3,4]]}');
    const response = new TextEncoder().encode('{"predictions":[{"score":0.1},{"score":0.9}]}');
    expect(tf.splitRows!(response, 2)).toEqual([{ score: 0.1 }, { score: 0.9 }]);
  });

  it('refuses a response that does not hold one result per row', () => {
    const body = new TextEncoder().encode('[1,2,3]');
    expect(() => codec.splitRows!(body, 2)).toThrow(/expected 2 results, got 3/);
    expect(() => codec.splitRows!(new TextEncoder().encode('{"a":1}'), 1)).toThrow(/expected a JSON array/);
  });

  it('reports values JSON cannot hold as bad input', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => codec.serialize(cyclic)).toThrow(InvalidArgumentError);
    expect(() => codec.serialize(10n)).toThrow(/cannot be written as JSON/);
    expect(() => codec.serialize(undefined)).toThrow(/got undefined/);
  });
});

describe('jsonLines()', () => {
  const codec = jsonLines();

  it('round-trips one record as one line', () => {
    fc.assert(
      fc.property(value, (v) => {
        const body = codec.serialize(v);
        expect(body).not.toContain(10);
        expect(codec.deserialize(body)).toEqual(v);
      }),
    );
  });

  it('packs one line per row and splits lines back, skipping blank lines', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1 }), (rows) => {
        expect(codec.splitRows!(codec.packRows!(rows), rows.length)).toEqual(rows);
      }),
    );
    expect(codec.splitRows!(new TextEncoder().encode('{"a":1}\n\n{"a":2}\n'), 2)).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('refuses a response of other than one line for one record', () => {
    expect(() => codec.deserialize(new TextEncoder().encode('1\n2\n'))).toThrow(/expected 1 JSON line/);
  });
});
