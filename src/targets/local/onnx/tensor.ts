/**
 * Tensors held in plain typed arrays, independent of onnxruntime, so decoding, batching and encoding can be done
 * (and tested) without a session.
 */

/** Element types the runner can feed and read, named as onnxruntime names them. */
export type TensorType =
  | 'float32'
  | 'float64'
  | 'float16'
  | 'int8'
  | 'uint8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'bool'
  | 'string';

export type TensorData =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | string[];

/** A dense tensor in row-major order. `bool` is kept as 0/1 bytes and `float16` as raw `Uint16Array` bits. */
export interface HostTensor {
  readonly type: TensorType;
  readonly dims: readonly number[];
  readonly data: TensorData;
}

/** A dimension of a declared shape: a size, or the name of a dynamic dimension (`N`, `batch`; `''` if unnamed). */
export type Dim = number | string;

/** A model input or output as the model declares it. */
export interface TensorInfo {
  readonly name: string;
  /** `undefined` when the model (or an old onnxruntime) does not say; inputs are then fed as `float32`. */
  readonly type: TensorType | undefined;
  /** `undefined` when the shape is not declared: any shape is passed through unchecked. */
  readonly shape: readonly Dim[] | undefined;
}

type ArrayMaker = new (length: number) => Exclude<TensorData, string[]>;

const MAKERS: Readonly<Record<Exclude<TensorType, 'string'>, ArrayMaker>> = {
  float32: Float32Array,
  float64: Float64Array,
  float16: Uint16Array,
  int8: Int8Array,
  uint8: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int64: BigInt64Array,
  uint64: BigUint64Array,
  bool: Uint8Array,
};

export const TENSOR_TYPES: readonly TensorType[] = [...Object.keys(MAKERS), 'string'] as TensorType[];

export function isTensorType(value: unknown): value is TensorType {
  return typeof value === 'string' && (TENSOR_TYPES as readonly string[]).includes(value);
}

export function isBigIntType(type: TensorType): type is 'int64' | 'uint64' {
  return type === 'int64' || type === 'uint64';
}

export function isIntegerType(type: TensorType): boolean {
  return type.startsWith('int') || type.startsWith('uint');
}

/** A zeroed array of `length` elements for `type`. */
export function allocate(type: TensorType, length: number): TensorData {
  return type === 'string' ? new Array<string>(length).fill('') : new MAKERS[type](length);
}

export function elementCount(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/** Shapes as people write them: `[N, 4]`, `[?, 3]` for an unnamed dynamic dimension. */
export function formatShape(shape: readonly Dim[]): string {
  return `[${shape.map((d) => (d === '' ? '?' : String(d))).join(', ')}]`;
}

/** Joins tensors of one type and equal trailing dimensions along the first dimension. */
export function concatRows(parts: readonly HostTensor[]): HostTensor {
  const first = parts[0];
  if (first === undefined) throw new Error('concatRows needs at least one tensor');
  if (parts.length === 1) return first;
  const rows = parts.reduce((sum, part) => sum + part.dims[0]!, 0);
  const dims = [rows, ...first.dims.slice(1)];
  if (first.type === 'string') {
    return { type: first.type, dims, data: parts.flatMap((part) => part.data as string[]) };
  }
  const out = allocate(first.type, elementCount(dims)) as Exclude<TensorData, string[]>;
  let offset = 0;
  for (const part of parts) {
    (out as Uint8Array).set(part.data as Uint8Array, offset);
    offset += part.data.length;
  }
  return { type: first.type, dims, data: out };
}

/** Rows `start` (inclusive) to `end` (exclusive) along the first dimension; typed arrays are views, not copies. */
export function sliceRows(tensor: HostTensor, start: number, end: number): HostTensor {
  const rowSize = elementCount(tensor.dims.slice(1));
  const dims = [end - start, ...tensor.dims.slice(1)];
  const data = Array.isArray(tensor.data)
    ? tensor.data.slice(start * rowSize, end * rowSize)
    : tensor.data.subarray(start * rowSize, end * rowSize);
  return { type: tensor.type, dims, data };
}
