/**
 * Conversions between JavaScript values and {@link NpyArray}s (a flat typed array in C order plus a shape):
 * nested arrays and typed arrays in, nested arrays out, and stacking rows along the first axis for batches.
 * Pure, like the `.npy` format module it builds on.
 */
import { InvalidArgumentError } from '../../errors.js';
import { halfToNumber, numberToHalf } from './float16.js';
import type { NpyArray, NpyData, NpyDtype } from './npy-codec.js';

/**
 * Numbers, bigints or booleans, nested in arrays of equal lengths at each depth.
 *
 * @example
 * ```ts
 * const batch: NestedArray = [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]];
 * ```
 */
export type NestedArray = number | bigint | boolean | readonly NestedArray[];

/**
 * The typed arrays accepted as input.
 *
 * @example
 * ```ts
 * const pixels: NpyTypedArray = new Uint8ClampedArray(224 * 224 * 3);
 * ```
 */
export type NpyTypedArray = NpyData | Uint8ClampedArray;

/**
 * What the npy serializer writes: nested arrays (a number is a 0-d array), a typed array (1-d; its dtype follows
 * from its class, `Uint8Array` being `u1`), or an array with a shape (an {@link NpyArray}, or plain numbers and a
 * shape).
 *
 * @example
 * ```ts
 * const image: NpyInput = { data: new Float32Array(224 * 224 * 3), shape: [1, 224, 224, 3] };
 * await new Predictor({ endpointName: 'resnet', serializer: npy(), deserializer: npy() }).predict(image);
 * ```
 */
export type NpyInput =
  | NestedArray
  | NpyTypedArray
  | {
      /** The elements in C (row-major) order. */
      readonly data: NpyTypedArray | readonly (number | bigint | boolean)[];
      /** Dimensions, outermost first; their product is `data.length`. */
      readonly shape: readonly number[];
      /** The dtype to write. @default the typed array's own, else as {@link toNpyArray} picks */
      readonly dtype?: NpyDtype;
    };

type Ctor = new (length: number) => NpyData;
// The class that holds each dtype in an NpyArray: `f2` as raw half-float bits, `b1` as 0/1 bytes.
const HOLDER: Readonly<Record<NpyDtype, Ctor>> = {
  f2: Uint16Array,
  f4: Float32Array,
  f8: Float64Array,
  i1: Int8Array,
  i2: Int16Array,
  i4: Int32Array,
  i8: BigInt64Array,
  u1: Uint8Array,
  u2: Uint16Array,
  u4: Uint32Array,
  u8: BigUint64Array,
  b1: Uint8Array,
};
const INTEGER_RANGE: Partial<Record<NpyDtype, readonly [number, number]>> = {
  i1: [-128, 127],
  i2: [-32768, 32767],
  i4: [-(2 ** 31), 2 ** 31 - 1],
  u1: [0, 255],
  u2: [0, 65535],
  u4: [0, 2 ** 32 - 1],
};
const BIGINT_RANGE: Partial<Record<NpyDtype, readonly [bigint, bigint]>> = {
  i8: [-(2n ** 63n), 2n ** 63n - 1n],
  u8: [0n, 2n ** 64n - 1n],
};

/**
 * Makes an {@link NpyArray} of any {@link NpyInput}. Inputs that carry a dtype (typed arrays, arrays with a
 * `dtype`) keep it unless `dtype` is given; others take `dtype`, by default `b1` for booleans, `i8` for bigints
 * and `f8` for numbers. Converted values are checked to fit: no silent wrap-around or truncation.
 * @throws InvalidArgumentError for ragged nested arrays, values that do not fit the dtype, or a shape that does
 * not match the data.
 *
 * @example
 * ```ts
 * const array = toNpyArray([[1, 2, 3], [4, 5, 6]], 'f4');
 * console.log(array.shape, array.data); // [2, 3] Float32Array(6) [1, 2, 3, 4, 5, 6]
 * ```
 */
export function toNpyArray(value: NpyInput, dtype?: NpyDtype): NpyArray {
  if (isTypedArray(value)) {
    const own = dtypeOfTypedArray(value);
    return make(dtype ?? own, [value.length], value, value instanceof Uint8ClampedArray ? undefined : own);
  }
  if (!Array.isArray(value) && typeof value === 'object' && value !== null) {
    const { data, shape, dtype: declared } = value as Exclude<NpyInput, NestedArray | NpyTypedArray>;
    if (!Array.isArray(shape) || shape.some((d) => !Number.isSafeInteger(d) || d < 0)) {
      throw new InvalidArgumentError('input.shape', 'An array shape is a list of non-negative integers, e.g. [2, 3].');
    }
    const size = shape.reduce((a, b) => a * b, 1);
    if (data?.length !== size) {
      throw new InvalidArgumentError(
        'input.data',
        `An array of shape (${shape.join(', ')}) holds ${size} elements, but data has ${data?.length ?? 'none'}.`,
      );
    }
    // Data already in the declared dtype's own class is taken as is (for `f2`, a Uint16Array of half bits).
    const holder = declared !== undefined && Object.hasOwn(HOLDER, declared) ? HOLDER[declared] : undefined;
    const own =
      holder !== undefined && data instanceof holder
        ? declared
        : isTypedArray(data) && !(data instanceof Uint8ClampedArray)
          ? dtypeOfTypedArray(data)
          : undefined;
    const fallback = isTypedArray(data) ? dtypeOfTypedArray(data) : inferDtype(data);
    return make(dtype ?? declared ?? fallback, shape, data, own);
  }
  const shape: number[] = [];
  for (let v: unknown = value; Array.isArray(v); v = v[0]) {
    shape.push(v.length);
    if (v.length === 0) break;
  }
  const leaves: unknown[] = [];
  flatten(value, shape, 0, leaves);
  return make(dtype ?? inferDtype(leaves), shape, leaves, undefined);
}

/**
 * Turns an {@link NpyArray} into nested arrays: numbers, `bigint`s for 64-bit integers, booleans for `b1`.
 *
 * @example
 * ```ts
 * const out = await iris.predict([[5.1, 3.5, 1.4, 0.2]]); // an NpyArray of shape [1, 3]
 * const [[setosa, versicolor, virginica]] = toNested(out) as number[][];
 * ```
 */
export function toNested(array: NpyArray): NestedArray {
  const { data, shape, dtype } = array;
  const leaf =
    dtype === 'b1'
      ? (i: number) => data[i] !== 0
      : dtype === 'f2'
        ? (i: number) => halfToNumber(data[i] as number)
        : (i: number) => data[i]!;
  if (shape.length === 0) return leaf(0);
  let offset = 0;
  const build = (depth: number): NestedArray[] => {
    const out: NestedArray[] = new Array(shape[depth]);
    for (let i = 0; i < shape[depth]!; i++) out[i] = depth === shape.length - 1 ? leaf(offset++) : build(depth + 1);
    return out;
  };
  return build(0);
}

/**
 * Stacks arrays of one dtype and shape along a new first axis: n arrays of shape `s` make one of shape `[n, ...s]`.
 * @throws InvalidArgumentError when dtypes or shapes differ, or there are no arrays.
 */
export function stack(arrays: readonly NpyArray[]): NpyArray {
  const first = arrays[0];
  if (first === undefined) throw new InvalidArgumentError('input', 'There are no arrays to stack.');
  const rowSize = first.data.length;
  const data = new HOLDER[first.dtype](rowSize * arrays.length);
  arrays.forEach((a, i) => {
    if (
      a.dtype !== first.dtype ||
      a.shape.length !== first.shape.length ||
      a.shape.some((d, j) => d !== first.shape[j])
    ) {
      throw new InvalidArgumentError(
        `input[${i}]`,
        `Rows batched as npy must share one dtype and shape: row 0 is ${first.dtype} (${first.shape.join(', ')}), row ${i} is ${a.dtype} (${a.shape.join(', ')}).`,
      );
    }
    (data as Float64Array).set(a.data as Float64Array, i * rowSize);
  });
  return { dtype: first.dtype, shape: [arrays.length, ...first.shape], data };
}

/**
 * Splits an array along its first axis: shape `[n, ...s]` gives n arrays of shape `s`, sharing its memory.
 * @throws InvalidArgumentError for a 0-d array.
 */
export function unstack(array: NpyArray): NpyArray[] {
  const [rows, ...rest] = array.shape;
  if (rows === undefined) throw new InvalidArgumentError('array', 'A 0-d (scalar) array has no rows to split.');
  const rowSize = rest.reduce((a, b) => a * b, 1);
  const out: NpyArray[] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    out[i] = { dtype: array.dtype, shape: rest, data: array.data.subarray(i * rowSize, (i + 1) * rowSize) };
  }
  return out;
}

function isTypedArray(value: unknown): value is NpyTypedArray {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

function dtypeOfTypedArray(value: NpyTypedArray): NpyDtype {
  if (value instanceof Float64Array) return 'f8';
  if (value instanceof Float32Array) return 'f4';
  if (value instanceof Int32Array) return 'i4';
  if (value instanceof Uint8Array || value instanceof Uint8ClampedArray) return 'u1';
  if (value instanceof BigInt64Array) return 'i8';
  if (value instanceof Int8Array) return 'i1';
  if (value instanceof Int16Array) return 'i2';
  if (value instanceof Uint16Array) return 'u2';
  if (value instanceof Uint32Array) return 'u4';
  return 'u8';
}

function flatten(value: unknown, shape: readonly number[], depth: number, out: unknown[]): void {
  if (depth === shape.length) {
    if (Array.isArray(value)) throw ragged(shape, depth);
    out.push(value);
    return;
  }
  if (!Array.isArray(value) || value.length !== shape[depth]) throw ragged(shape, depth);
  for (const item of value) flatten(item, shape, depth + 1, out);
}

function ragged(shape: readonly number[], depth: number): InvalidArgumentError {
  return new InvalidArgumentError(
    'input',
    `Nested arrays must be rectangular: the first elements give shape (${shape.join(', ')}), but one at depth ${depth} differs.`,
  );
}

function inferDtype(leaves: ArrayLike<unknown>): NpyDtype {
  const kind = leaves.length === 0 ? 'number' : typeof leaves[0];
  return kind === 'boolean' ? 'b1' : kind === 'bigint' ? 'i8' : 'f8';
}

/** Fills the holder of `dtype` from `source`, checking that every value fits; `source` as is when already it. */
function make(
  dtype: NpyDtype,
  shape: readonly number[],
  source: ArrayLike<unknown>,
  own: NpyDtype | undefined,
): NpyArray {
  if (own === dtype) return { dtype, shape: [...shape], data: source as NpyData };
  const Holder = Object.hasOwn(HOLDER, dtype) ? HOLDER[dtype] : undefined;
  if (Holder === undefined) {
    throw new InvalidArgumentError('dtype', `Unknown dtype "${dtype}"; use one of ${Object.keys(HOLDER).join(', ')}.`);
  }
  const data = new Holder(source.length) as unknown as (number | bigint)[];
  const range = INTEGER_RANGE[dtype];
  const bigRange = BIGINT_RANGE[dtype];
  for (let i = 0; i < source.length; i++) {
    const v = source[i];
    let n: number | bigint | undefined;
    if (bigRange !== undefined) {
      if (typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))) n = BigInt(v);
      if (typeof n !== 'bigint' || n < bigRange[0] || n > bigRange[1]) throw misfit(v, dtype, i);
    } else if (dtype === 'b1') {
      if (typeof v === 'boolean') n = v ? 1 : 0;
      else if (v === 0 || v === 1) n = v;
      else throw misfit(v, dtype, i);
    } else {
      n = typeof v === 'number' ? v : typeof v === 'bigint' || typeof v === 'boolean' ? Number(v) : undefined;
      if (n === undefined || (range !== undefined && (!Number.isInteger(n) || n < range[0] || n > range[1]))) {
        throw misfit(v, dtype, i);
      }
      if (dtype === 'f2') n = numberToHalf(n);
    }
    data[i] = n;
  }
  return { dtype, shape: [...shape], data: data as unknown as NpyData };
}

function misfit(value: unknown, dtype: NpyDtype, index: number): InvalidArgumentError {
  const shown = typeof value === 'bigint' ? `${value}n` : typeof value === 'string' ? `"${value}"` : String(value);
  return new InvalidArgumentError(
    'input',
    `Element ${index} (${shown}) does not fit dtype ${dtype}; pass values of that type or choose another dtype.`,
  );
}
