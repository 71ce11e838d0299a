/**
 * A pure codec for NumPy's `.npy` format (versions 1.0, 2.0 and 3.0), the body of `application/x-npy` requests.
 * Shared by the client-side serializers and the Local target's ONNX runner, so both read and write the same bytes.
 * Spec: numpy/lib/format.py ("NEP 1").
 */
import { InvalidArgumentError } from '../../errors.js';

/**
 * The element types this codec reads and writes: NumPy's type character and byte size, without byte order.
 *
 * @example
 * ```ts
 * const serializer = npy({ dtype: 'f4' }); // float32, what most PyTorch models take
 * ```
 */
export type NpyDtype = 'f2' | 'f4' | 'f8' | 'i1' | 'i2' | 'i4' | 'i8' | 'u1' | 'u2' | 'u4' | 'u8' | 'b1';

/**
 * The typed array that holds each dtype. `f2` (half floats) is kept as raw `Uint16Array` bits; `b1` as 0/1 bytes.
 *
 * @example
 * ```ts
 * const data: NpyData = new Float32Array([0.1, 0.7, 0.2]);
 * ```
 */
export type NpyData =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | BigUint64Array;

/**
 * An n-dimensional array in C (row-major) order.
 *
 * @example
 * ```ts
 * const array: NpyArray = { dtype: 'f4', shape: [2, 2], data: new Float32Array([1, 2, 3, 4]) };
 * const bytes = encodeNpy(array);
 * ```
 */
export interface NpyArray {
  /** The element type, as NumPy's `dtype.str` without the byte order (`f4` is float32). */
  readonly dtype: NpyDtype;
  /** Dimensions, outermost first; `[]` for a scalar. */
  readonly shape: readonly number[];
  /** The elements, `shape` multiplied out long. */
  readonly data: NpyData;
}

/**
 * The media type of a `.npy` body.
 *
 * @example
 * ```ts
 * const body = encodeNpy(array);
 * await fetch(url, { method: 'POST', body, headers: { 'content-type': NPY_CONTENT_TYPE } });
 * ```
 */
export const NPY_CONTENT_TYPE = 'application/x-npy';

interface DtypeInfo {
  readonly size: number;
  readonly make: (buffer: ArrayBuffer, length: number) => NpyData;
}

const DTYPES: Readonly<Record<NpyDtype, DtypeInfo>> = {
  f2: { size: 2, make: (b, n) => new Uint16Array(b, 0, n) },
  f4: { size: 4, make: (b, n) => new Float32Array(b, 0, n) },
  f8: { size: 8, make: (b, n) => new Float64Array(b, 0, n) },
  i1: { size: 1, make: (b, n) => new Int8Array(b, 0, n) },
  i2: { size: 2, make: (b, n) => new Int16Array(b, 0, n) },
  i4: { size: 4, make: (b, n) => new Int32Array(b, 0, n) },
  i8: { size: 8, make: (b, n) => new BigInt64Array(b, 0, n) },
  u1: { size: 1, make: (b, n) => new Uint8Array(b, 0, n) },
  u2: { size: 2, make: (b, n) => new Uint16Array(b, 0, n) },
  u4: { size: 4, make: (b, n) => new Uint32Array(b, 0, n) },
  u8: { size: 8, make: (b, n) => new BigUint64Array(b, 0, n) },
  b1: { size: 1, make: (b, n) => new Uint8Array(b, 0, n) },
};

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
// Typed arrays use the platform's byte order; every platform Node supports is little-endian, as is what NumPy writes
// by default, so '<' data is used as is and '>' data is swapped.
const BIG_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 0;

function bad(message: string): InvalidArgumentError {
  return new InvalidArgumentError(
    'body',
    `Not a readable .npy array: ${message}. Send the bytes of numpy.save(file, array) for a numeric or bool array.`,
  );
}

/**
 * Reads a `.npy` file.
 * @throws InvalidArgumentError when the bytes are not a `.npy` array of a supported dtype.
 *
 * @example
 * ```ts
 * const array = decodeNpy(await readFile('features.npy')); // written by numpy.save
 * console.log(array.dtype, array.shape);
 * ```
 */
export function decodeNpy(bytes: Uint8Array): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw bad('the magic string \\x93NUMPY is missing');
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerStart: number;
  let headerLength: number;
  if (major === 1) {
    headerStart = 10;
    headerLength = view.getUint16(8, true);
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw bad('the header is cut short');
    headerStart = 12;
    headerLength = view.getUint32(8, true);
  } else {
    throw bad(`format version ${major} is not supported (1, 2 and 3 are)`);
  }
  const dataStart = headerStart + headerLength;
  if (dataStart > bytes.length) throw bad('the header is cut short');
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(headerStart, dataStart));
  const { descr, fortranOrder, shape } = parseHeader(header);

  const order = descr[0];
  const dtype = descr.slice(1) as NpyDtype;
  const info = DTYPES[dtype];
  if (info === undefined || (order !== '<' && order !== '>' && order !== '|' && order !== '=')) {
    throw bad(`dtype '${descr}' is not supported (numeric and bool dtypes are: f2 f4 f8 i1-i8 u1-u8 b1)`);
  }
  const count = shape.reduce((a, b) => a * b, 1);
  const byteLength = count * info.size;
  if (bytes.length - dataStart < byteLength) {
    throw bad(`shape (${shape.join(', ')}) needs ${byteLength} bytes of data, found ${bytes.length - dataStart}`);
  }
  // Copy: the data may sit at an offset typed arrays cannot view (alignment), and callers may keep it.
  const buffer = new ArrayBuffer(byteLength);
  const out = new Uint8Array(buffer);
  out.set(bytes.subarray(dataStart, dataStart + byteLength));
  if (info.size > 1 && (order === '>') !== BIG_ENDIAN_HOST && order !== '=') swapBytes(out, info.size);
  let data = info.make(buffer, count);
  if (fortranOrder && shape.length > 1) data = fortranToC(data, shape);
  return { dtype, shape, data };
}

/**
 * Writes an array as a `.npy` file (format 1.0, little-endian, C order).
 * @throws InvalidArgumentError when `shape` does not match the length of `data`.
 *
 * @example
 * ```ts
 * await writeFile('x.npy', encodeNpy({ dtype: 'f8', shape: [3], data: new Float64Array([1, 2, 3]) }));
 * // numpy.load('x.npy') → array([1., 2., 3.])
 * ```
 */
export function encodeNpy(array: NpyArray): Uint8Array {
  const info = DTYPES[array.dtype];
  const count = array.shape.reduce((a, b) => a * b, 1);
  if (count !== array.data.length) {
    throw new InvalidArgumentError(
      'shape',
      `An array of shape (${array.shape.join(', ')}) holds ${count} elements, but ${array.data.length} were given.`,
    );
  }
  const descr = `${info.size === 1 ? '|' : '<'}${array.dtype}`;
  const shape = array.shape.length === 1 ? `(${array.shape[0]},)` : `(${array.shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  // Pad with spaces and end with a newline so magic + length + header is a multiple of 64 bytes, as NumPy does.
  const unpadded = 10 + header.length + 1;
  header += `${' '.repeat((64 - (unpadded % 64)) % 64)}\n`;
  const out = new Uint8Array(10 + header.length + count * info.size);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const data = new Uint8Array(array.data.buffer, array.data.byteOffset, count * info.size);
  out.set(data, 10 + header.length);
  if (BIG_ENDIAN_HOST && info.size > 1) swapBytes(out.subarray(10 + header.length), info.size);
  return out;
}

function parseHeader(header: string): { descr: string; fortranOrder: boolean; shape: number[] } {
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw bad(`the header ${JSON.stringify(header.trim())} lacks 'descr', 'fortran_order' or 'shape'`);
  }
  const shape: number[] = [];
  for (const part of shapeText.split(',')) {
    const text = part.trim().replace(/L$/, ''); // Python 2 wrote long integers as 3L
    if (text === '') continue;
    const dim = Number(text);
    if (!Number.isSafeInteger(dim) || dim < 0) throw bad(`the shape (${shapeText}) is not a tuple of sizes`);
    shape.push(dim);
  }
  return { descr, fortranOrder: fortran === 'True', shape };
}

function swapBytes(bytes: Uint8Array, size: number): void {
  for (let i = 0; i + size <= bytes.length; i += size) {
    for (let a = i, b = i + size - 1; a < b; a++, b--) {
      const t = bytes[a]!;
      bytes[a] = bytes[b]!;
      bytes[b] = t;
    }
  }
}

// Fortran order stores the first index fastest; walk the C-order output and read each element's Fortran offset.
function fortranToC(data: NpyData, shape: readonly number[]): NpyData {
  const out = new (data.constructor as new (length: number) => NpyData)(data.length);
  const rank = shape.length;
  const index = new Array<number>(rank).fill(0);
  const fStrides = new Array<number>(rank);
  let stride = 1;
  for (let d = 0; d < rank; d++) {
    fStrides[d] = stride;
    stride *= shape[d]!;
  }
  for (let c = 0; c < data.length; c++) {
    let f = 0;
    for (let d = 0; d < rank; d++) f += index[d]! * fStrides[d]!;
    (out as unknown as unknown[])[c] = (data as unknown as unknown[])[f];
    for (let d = rank - 1; d >= 0; d--) {
      index[d] = index[d]! + 1;
      if (index[d]! < shape[d]!) break;
      index[d] = 0;
    }
  }
  return out;
}
