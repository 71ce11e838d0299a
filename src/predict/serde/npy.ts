/**
 * NumPy `.npy` for the predictor: the {@link npy} serializer/deserializer, and (re-exported) the pure format
 * functions and array conversions it is made of, which servers such as the Local target reuse.
 *
 * Arrays are {@link NpyArray}s: a flat typed array in C (row-major) order plus a shape, with NumPy's dtype
 * characters (`f4`, `i8`, `u1`, `b1`, …). Writing accepts nested arrays, typed arrays and `NpyArray`s; reading
 * gives an `NpyArray`; {@link toNested} turns one into nested arrays.
 *
 * @packageDocumentation
 */
import { type NpyInput, stack, toNpyArray, unstack } from './ndarray.js';
import { decodeNpy, encodeNpy, NPY_CONTENT_TYPE, type NpyArray, type NpyDtype } from './npy-codec.js';
import type { Codec } from './types.js';

export {
  type NestedArray,
  type NpyInput,
  type NpyTypedArray,
  stack,
  toNested,
  toNpyArray,
  unstack,
} from './ndarray.js';
export { decodeNpy, encodeNpy, NPY_CONTENT_TYPE, type NpyArray, type NpyData, type NpyDtype } from './npy-codec.js';

/**
 * Options of {@link npy}.
 *
 * @example
 * ```ts
 * const serializer = npy({ dtype: 'f4' }); // nested number arrays are sent as float32
 * ```
 */
export interface NpyOptions {
  /**
   * The dtype of inputs that do not carry one: nested arrays and plain numbers. Typed arrays and arrays with a
   * `dtype` are written in their own.
   * @default 'f8' for numbers ('b1' for booleans, 'i8' for bigints)
   */
  readonly dtype?: NpyDtype;
  /** @default 'application/x-npy' */
  readonly contentType?: string;
  /** @default 'application/x-npy' */
  readonly accept?: string;
}

/**
 * NumPy `.npy` (`application/x-npy`) for numeric arrays, as the SageMaker framework containers read and write it.
 * Inputs are nested arrays, typed arrays or {@link NpyArray}s; outputs are `NpyArray`s (a typed array in C order
 * plus a shape; {@link toNested} gives nested arrays). `predictMany` stacks its inputs, one row each, along a new
 * first axis, and splits the response along its first axis.
 *
 * @example
 * ```ts
 * const iris = new Predictor({ endpointName: 'iris', serializer: npy({ dtype: 'f4' }), deserializer: npy() });
 * const out = await iris.predict([[5.1, 3.5, 1.4, 0.2]]); // out.shape: [1, 3]; out.data: Float32Array
 * ```
 */
export function npy(options: NpyOptions = {}): Codec<NpyInput, NpyArray> {
  const dtypeFor = (value: NpyInput): NpyDtype | undefined => (carriesDtype(value) ? undefined : options.dtype);
  return {
    contentType: options.contentType ?? NPY_CONTENT_TYPE,
    accept: options.accept ?? NPY_CONTENT_TYPE,
    serialize: (value) => encodeNpy(toNpyArray(value, dtypeFor(value))),
    packRows: (rows) => encodeNpy(stack(rows.map((row) => toNpyArray(row, dtypeFor(row))))),
    deserialize: (body) => decodeNpy(body),
    splitRows(body, rows) {
      const array = decodeNpy(body);
      if (array.shape[0] !== rows) {
        throw new TypeError(`expected an array of ${rows} rows, got shape (${array.shape.join(', ')})`);
      }
      return unstack(array);
    },
  };
}

function carriesDtype(value: NpyInput): boolean {
  if (ArrayBuffer.isView(value)) return true;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { dtype, data } = value as { dtype?: unknown; data?: unknown };
  return dtype !== undefined || ArrayBuffer.isView(data);
}
