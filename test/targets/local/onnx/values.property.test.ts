import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeNpy, encodeNpy } from '../../../../src/predict/serde/npy-codec.js';
import { halfToNumber, shortestFloat32 } from '../../../../src/targets/local/onnx/output-values.js';
import { concatRows, type HostTensor, sliceRows } from '../../../../src/targets/local/onnx/tensor.js';

describe('values, for any input', () => {
  it('shortestFloat32 reads back as the same float32, with at most 9 significant digits', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true, noDefaultInfinity: true }), (f) => {
        const written = shortestFloat32(f);
        expect(Math.fround(written)).toBe(f);
        expect(written.toExponential().replace(/e.*/, '').replace(/[-.]/g, '').length).toBeLessThanOrEqual(9);
      }),
    );
  });

  it('halfToNumber decodes float16 bits as IEEE 754 does', () => {
    expect([0x3c00, 0xc000, 0x7bff, 0x0001, 0x7c00].map(halfToNumber)).toEqual([1, -2, 65504, 2 ** -24, Infinity]);
    expect(halfToNumber(0x7e00)).toBeNaN();
  });

  it('concatRows then sliceRows gives every part back', () => {
    const part = (width: number) =>
      fc
        .integer({ min: 1, max: 4 })
        .chain((rows) =>
          fc
            .array(fc.integer(), { minLength: rows * width, maxLength: rows * width })
            .map((values) => ({ rows, values })),
        )
        .map(({ rows, values }): HostTensor => ({ type: 'int32', dims: [rows, width], data: Int32Array.from(values) }));
    const parts = fc
      .integer({ min: 0, max: 3 })
      .chain((width) => fc.array(part(width), { minLength: 1, maxLength: 5 }));
    fc.assert(
      fc.property(parts, (tensors) => {
        const joined = concatRows(tensors);
        expect(joined.dims[0]).toBe(tensors.reduce((sum, t) => sum + t.dims[0]!, 0));
        let start = 0;
        for (const t of tensors) {
          const back = sliceRows(joined, start, start + t.dims[0]!);
          expect(back.dims).toEqual(t.dims);
          expect(Array.from(back.data as Int32Array)).toEqual(Array.from(t.data as Int32Array));
          start += t.dims[0]!;
        }
      }),
    );
  });

  it('a .npy array survives encoding and decoding', () => {
    const shapes = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 });
    fc.assert(
      fc.property(shapes, fc.constantFrom('f4', 'f8', 'i4', 'i8', 'u1', 'b1'), (shape, dtype) => {
        const count = shape.reduce((a, b) => a * b, 1);
        const values = Array.from({ length: count }, (_, i) => (i * 7) % 5);
        const data =
          dtype === 'f4'
            ? new Float32Array(values)
            : dtype === 'f8'
              ? new Float64Array(values)
              : dtype === 'i4'
                ? new Int32Array(values)
                : dtype === 'i8'
                  ? BigInt64Array.from(values, BigInt)
                  : new Uint8Array(values.map((v) => (dtype === 'b1' ? v % 2 : v)));
        const back = decodeNpy(encodeNpy({ dtype, shape, data }));
        expect(back.dtype).toBe(dtype);
        expect(back.shape).toEqual(shape);
        expect(Array.from(back.data as ArrayLike<unknown>)).toEqual(Array.from(data as ArrayLike<unknown>));
      }),
    );
  });
});
