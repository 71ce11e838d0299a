import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../src/errors.js';
import { halfToNumber, numberToHalf } from '../../../src/predict/serde/float16.js';
import {
  decodeNpy,
  encodeNpy,
  type NpyArray,
  type NpyDtype,
  npy,
  stack,
  toNested,
  toNpyArray,
  unstack,
} from '../../../src/predict/serde/npy.js';

const shape = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 4 });
const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

// For each dtype: an arbitrary of one element value, as the dtype's holder stores it.
const ELEMENTS: Record<NpyDtype, fc.Arbitrary<number | bigint>> = {
  b1: fc.integer({ min: 0, max: 1 }),
  i1: fc.integer({ min: -128, max: 127 }),
  i2: fc.integer({ min: -32768, max: 32767 }),
  i4: fc.integer(),
  i8: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  u1: fc.integer({ min: 0, max: 255 }),
  u2: fc.integer({ min: 0, max: 65535 }),
  u4: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  u8: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  f2: fc.integer({ min: 0, max: 0xffff }), // raw half bits
  f4: fc.float(),
  f8: fc.double(),
};
const HOLDERS = {
  b1: Uint8Array,
  i1: Int8Array,
  i2: Int16Array,
  i4: Int32Array,
  i8: BigInt64Array,
  u1: Uint8Array,
  u2: Uint16Array,
  u4: Uint32Array,
  u8: BigUint64Array,
  f2: Uint16Array,
  f4: Float32Array,
  f8: Float64Array,
} as const;

function arrayOf(dtype: NpyDtype): fc.Arbitrary<NpyArray> {
  return shape.chain((s) =>
    fc.array(ELEMENTS[dtype], { minLength: size(s), maxLength: size(s) }).map((values) => {
      const Holder = HOLDERS[dtype] as unknown as { from(v: unknown[]): NpyArray['data'] };
      return { dtype, shape: s, data: Holder.from(values) };
    }),
  );
}

const sameBits = (a: NpyArray, b: NpyArray) =>
  Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength).equals(
    Buffer.from(b.data.buffer, b.data.byteOffset, b.data.byteLength),
  );

describe('npy round trips', () => {
  for (const dtype of Object.keys(ELEMENTS) as NpyDtype[]) {
    it(`keeps every ${dtype} array bit for bit, 0-d and empty included`, () => {
      fc.assert(
        fc.property(arrayOf(dtype), (array) => {
          const back = decodeNpy(encodeNpy(array));
          expect(back.dtype).toBe(dtype);
          expect(back.shape).toEqual(array.shape);
          expect(back.data).toBeInstanceOf(HOLDERS[dtype]);
          expect(sameBits(back, array)).toBe(true);
        }),
      );
    });
  }

  it('covers the 0-d and empty cases explicitly', () => {
    const scalar = decodeNpy(npy().serialize(3.5));
    expect([scalar.shape, Array.from(scalar.data as Float64Array)]).toEqual([[], [3.5]]);
    const empty = decodeNpy(npy().serialize([]));
    expect([empty.shape, empty.data.length]).toEqual([[0], 0]);
    const emptyRows = decodeNpy(npy({ dtype: 'f4' }).serialize([[], []]));
    expect([emptyRows.dtype, emptyRows.shape]).toEqual(['f4', [2, 0]]);
  });
});

describe('nested arrays in, NpyArray out', () => {
  it('infers the shape of nested arrays and gives them back with toNested', () => {
    const nested = fc.oneof(
      shape.chain((s) => fc.array(fc.double(), { minLength: size(s), maxLength: size(s) }).map((v) => nest(v, s))),
    );
    fc.assert(
      fc.property(nested, (value) => {
        const back = npy().deserialize(npy().serialize(value as never));
        expect(toNested(back)).toEqual(value);
      }),
    );
  });

  it('takes booleans as b1, bigints as i8, typed arrays in their own dtype', () => {
    expect(toNpyArray([true, false]).dtype).toBe('b1');
    expect(toNested(decodeNpy(encodeNpy(toNpyArray([[1n], [-2n]]))))).toEqual([[1n], [-2n]]);
    expect(decodeNpy(npy({ dtype: 'f8' }).serialize(new Int16Array([1, 2]))).dtype).toBe('i2');
    expect(toNpyArray({ data: [1, 2, 3, 4, 5, 6], shape: [2, 3], dtype: 'u1' }).data).toBeInstanceOf(Uint8Array);
  });

  it('refuses ragged arrays and values that do not fit, rather than wrapping them', () => {
    expect(() => toNpyArray([[1, 2], [3]])).toThrow(/rectangular/);
    expect(() => toNpyArray([300], 'u1')).toThrow(/Element 0 \(300\) does not fit dtype u1/);
    expect(() => toNpyArray([1.5], 'i4')).toThrow(InvalidArgumentError);
    expect(() => toNpyArray({ data: [1, 2, 3], shape: [2, 2] })).toThrow(/holds 4 elements, but data has 3/);
  });

  it('converts numbers to half floats with one rounding, ties to even', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), (bits) => {
        const value = halfToNumber(bits);
        if (Number.isNaN(value)) expect(Number.isNaN(halfToNumber(numberToHalf(value)))).toBe(true);
        else expect(numberToHalf(value)).toBe(bits);
      }),
    );
    expect(numberToHalf(1 + 2 ** -11)).toBe(0x3c00); // halfway between 1 and the next half: to even
    expect(numberToHalf(65520)).toBe(0x7c00);
    expect(toNested(toNpyArray([0.5, -2], 'f2'))).toEqual([0.5, -2]);
  });
});

describe('npy batching', () => {
  it('stacks rows along a new first axis and splits the response back', () => {
    const codec = npy({ dtype: 'f4' });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((n) =>
          fc.array(fc.array(fc.float({ noNaN: true }), { minLength: n, maxLength: n }), {
            minLength: 1,
            maxLength: 10,
          }),
        ),
        (rows) => {
          const packed = decodeNpy(codec.packRows!(rows));
          expect(packed.shape).toEqual([rows.length, rows[0]!.length]);
          const split = codec.splitRows!(codec.packRows!(rows), rows.length);
          expect(split.map(toNested)).toEqual(rows.map((r) => r.map((x) => Math.fround(x))));
        },
      ),
    );
  });

  it('splits a 1-d response into 0-d rows, and unstack inverts stack', () => {
    const out = npy().splitRows!(encodeNpy(toNpyArray([0.1, 0.9])), 2);
    expect(out.map((row) => row.shape)).toEqual([[], []]);
    expect(out.map(toNested)).toEqual([0.1, 0.9]);
    const rows = [toNpyArray([1, 2], 'i4'), toNpyArray([3, 4], 'i4')];
    expect(unstack(stack(rows))).toEqual(rows);
  });

  it('refuses rows of different shapes and a response with the wrong row count', () => {
    expect(() =>
      npy().packRows!([
        [1, 2],
        [1, 2, 3],
      ]),
    ).toThrow(expect.objectContaining({ argument: 'input[1]' }));
    expect(() => npy().splitRows!(encodeNpy(toNpyArray([1, 2, 3])), 2)).toThrow(/expected an array of 2 rows/);
  });
});

function nest(values: readonly number[], s: readonly number[]): unknown {
  if (s.length === 0) return values[0];
  const [n, ...rest] = s;
  const step = size(rest);
  return Array.from({ length: n! }, (_, i) => nest(values.slice(i * step, (i + 1) * step), rest));
}
