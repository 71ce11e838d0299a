import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../src/errors.js';
import { decodeNpy, encodeNpy } from '../../../src/predict/serde/npy-codec.js';

// Bytes written by numpy 1.x `np.save`, so the codec is checked against the real thing rather than itself.
const NUMPY = {
  // np.array([[1.5, 2, 3], [4, 5, 6]])
  f8x2x3:
    '934e554d5059010076007b276465736372273a20273c6638272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028322c2033292c207d202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a000000000000f83f00000000000000400000000000000840000000000000104000000000000014400000000000001840',
  // np.array([1, -2, 300000], dtype='>i4')
  bigEndianI4:
    '934e554d5059010076007b276465736372273a20273e6934272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028332c292c207d2020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a00000001fffffffe000493e0',
  // np.asfortranarray(np.arange(6, dtype='<f4').reshape(2, 3))
  fortranF4:
    '934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a20547275652c20277368617065273a2028322c2033292c207d20202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a00000000000040400000803f00008040000000400000a040',
  // np.array([True, False, True])
  bool: '934e554d5059010076007b276465736372273a20277c6231272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028332c292c207d2020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a010001',
  // np.array(7, dtype='<i8')
  scalarI8:
    '934e554d5059010076007b276465736372273a20273c6938272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028292c207d20202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a0700000000000000',
};
const bytes = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));

describe('decodeNpy', () => {
  it('reads a float64 matrix written by numpy', () => {
    const a = decodeNpy(bytes(NUMPY.f8x2x3));
    expect(a.dtype).toBe('f8');
    expect(a.shape).toEqual([2, 3]);
    expect(Array.from(a.data as Float64Array)).toEqual([1.5, 2, 3, 4, 5, 6]);
  });

  it('swaps big-endian data into host order', () => {
    const a = decodeNpy(bytes(NUMPY.bigEndianI4));
    expect(a.dtype).toBe('i4');
    expect(Array.from(a.data as Int32Array)).toEqual([1, -2, 300000]);
  });

  it('turns Fortran-ordered data into C order', () => {
    const a = decodeNpy(bytes(NUMPY.fortranF4));
    expect(a.shape).toEqual([2, 3]);
    expect(Array.from(a.data as Float32Array)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('reads bools as 0/1 bytes and scalars with an empty shape', () => {
    expect(Array.from(decodeNpy(bytes(NUMPY.bool)).data as Uint8Array)).toEqual([1, 0, 1]);
    const scalar = decodeNpy(bytes(NUMPY.scalarI8));
    expect(scalar.shape).toEqual([]);
    expect(Array.from(scalar.data as BigInt64Array)).toEqual([7n]);
  });

  it('reads data at an unaligned offset inside a larger buffer', () => {
    const inner = bytes(NUMPY.f8x2x3);
    const outer = new Uint8Array(inner.length + 3);
    outer.set(inner, 3);
    expect(Array.from(decodeNpy(outer.subarray(3)).data as Float64Array)).toEqual([1.5, 2, 3, 4, 5, 6]);
  });

  it('rejects what is not a supported .npy array, saying why', () => {
    expect(() => decodeNpy(new TextEncoder().encode('[1,2,3]'))).toThrow(/magic string/);
    const unicode = bytes(NUMPY.bool);
    unicode.set(new TextEncoder().encode("'<U5'"), 19);
    expect(() => decodeNpy(unicode)).toThrow(/dtype '<U5' is not supported/);
    const truncated = bytes(NUMPY.f8x2x3).subarray(0, 140);
    expect(() => decodeNpy(truncated)).toThrow(InvalidArgumentError);
    expect(() => decodeNpy(truncated)).toThrow(/needs 48 bytes of data, found 12/);
  });
});

describe('encodeNpy', () => {
  it('writes the same bytes as numpy', () => {
    const f8 = encodeNpy({ dtype: 'f8', shape: [2, 3], data: new Float64Array([1.5, 2, 3, 4, 5, 6]) });
    expect(Buffer.from(f8).toString('hex')).toBe(NUMPY.f8x2x3);
    const b1 = encodeNpy({ dtype: 'b1', shape: [3], data: new Uint8Array([1, 0, 1]) });
    expect(Buffer.from(b1).toString('hex')).toBe(NUMPY.bool);
    const scalar = encodeNpy({ dtype: 'i8', shape: [], data: new BigInt64Array([7n]) });
    expect(Buffer.from(scalar).toString('hex')).toBe(NUMPY.scalarI8);
  });

  it('round-trips a view into a larger typed array', () => {
    const backing = new Float32Array([9, 1, 2, 3, 4, 9]);
    const view = backing.subarray(1, 5);
    const back = decodeNpy(encodeNpy({ dtype: 'f4', shape: [2, 2], data: view }));
    expect(back.shape).toEqual([2, 2]);
    expect(Array.from(back.data as Float32Array)).toEqual([1, 2, 3, 4]);
  });

  it('refuses a shape that does not match the data', () => {
    expect(() => encodeNpy({ dtype: 'f4', shape: [2, 3], data: new Float32Array(5) })).toThrow(
      /shape \(2, 3\) holds 6 elements, but 5 were given/,
    );
  });
});
