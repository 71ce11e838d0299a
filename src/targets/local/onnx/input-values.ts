/**
 * Turns decoded request values into tensors for a model input: checks the shape against the declared one and
 * converts the values to the input's element type, with errors that name the input, the place and the fix.
 */
import { badInput } from './failures.js';
import {
  allocate,
  type Dim,
  elementCount,
  formatShape,
  type HostTensor,
  isBigIntType,
  isIntegerType,
  type TensorData,
  type TensorInfo,
  type TensorType,
} from './tensor.js';

/** The type an input is fed as: declared, or `float32` when the model does not say. */
export function inputType(info: TensorInfo): TensorType {
  return info.type ?? 'float32';
}

/** `float32 [N, 4]`, or `any shape` when undeclared. */
export function describeInput(info: TensorInfo): string {
  return `${inputType(info)} ${info.shape === undefined ? 'of any shape' : formatShape(info.shape)}`;
}

/**
 * Checks `dims` against the input's declared shape and returns the dims to feed. A value one rank short of the
 * declared shape is taken as a single row (`[5.1, 3.5, 1.4, 0.2]` for `[N, 4]` becomes `[1, 4]`).
 * @throws ModelError (400) naming the expected shape.
 */
export function fitShape(info: TensorInfo, dims: readonly number[]): number[] {
  const shape = info.shape;
  if (shape === undefined) return [...dims];
  let fitted = [...dims];
  if (fitted.length === shape.length - 1) fitted = [1, ...fitted];
  const matches = fitted.length === shape.length && shape.every((d, i) => typeof d === 'string' || d === fitted[i]);
  if (!matches) {
    throw badInput(
      `Input "${info.name}" expects ${describeInput(info)}; got shape ${formatShape(dims)}.${hint(shape)}`,
    );
  }
  if (fitted.length > 0 && fitted[0] === 0) {
    throw badInput(`Input "${info.name}" got no rows (shape ${formatShape(dims)}); send at least one.`);
  }
  return fitted;
}

function hint(shape: readonly Dim[]): string {
  const dynamic = [...new Set(shape.filter((d) => typeof d === 'string').map((d) => (d === '' ? '?' : d)))];
  let text = dynamic.length > 0 ? ` ${dynamic.join(', ')} may be any size.` : '';
  const width = shape[1];
  if (shape.length === 2 && typeof width === 'number') text += ` Send rows of ${width} values.`;
  return text;
}

/** Shape and flat values of a nested JSON array, checking that it is rectangular. */
export function flattenNested(value: unknown, name: string): { dims: number[]; flat: unknown[] } {
  const dims: number[] = [];
  for (let v = value; Array.isArray(v); v = v[0]) {
    dims.push(v.length);
    if (v.length === 0) break;
  }
  const flat: unknown[] = [];
  const walk = (v: unknown, depth: number, path: string): void => {
    if (depth === dims.length) {
      if (Array.isArray(v)) {
        throw badInput(`Input "${name}" is not rectangular: ${path} is an array where a value was expected.`);
      }
      flat.push(v);
      return;
    }
    if (!Array.isArray(v) || v.length !== dims[depth]) {
      const got = Array.isArray(v) ? `${v.length} entries` : 'a single value';
      throw badInput(
        `Input "${name}" is not rectangular: ${path} has ${got} where ${name}${'[0]'.repeat(depth)} has ${dims[depth]}.`,
      );
    }
    for (let i = 0; i < v.length; i++) walk(v[i], depth + 1, `${path}[${i}]`);
  };
  walk(value, 0, name);
  return { dims, flat };
}

/**
 * Makes a tensor for `info` from flat JS values (numbers, booleans, strings; int64 also as decimal strings).
 * @throws ModelError (400) naming the first value that does not fit the type.
 */
export function tensorFromValues(info: TensorInfo, dims: readonly number[], flat: readonly unknown[]): HostTensor {
  const type = inputType(info);
  const fitted = fitShape(info, dims);
  if (type === 'float16') {
    throw badInput(`Input "${info.name}" is float16, which can be sent only as application/x-npy (dtype '<f2').`);
  }
  const data = allocate(type, flat.length);
  for (let i = 0; i < flat.length; i++) {
    const converted = convert(flat[i], type);
    if (converted === undefined) {
      throw badInput(
        `Input "${info.name}" expects ${type} values; ${info.name}${indexPath(i, dims)} is ${JSON.stringify(flat[i]) ?? String(flat[i])}.`,
      );
    }
    (data as unknown[])[i] = converted;
  }
  return { type, dims: fitted, data };
}

function convert(value: unknown, type: TensorType): number | bigint | string | undefined {
  if (type === 'string') return typeof value === 'string' ? value : undefined;
  if (type === 'bool') {
    if (typeof value === 'boolean') return value ? 1 : 0;
    return value === 0 || value === 1 ? value : undefined;
  }
  if (isBigIntType(type)) {
    if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
    if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  if (isIntegerType(type) && !Number.isInteger(value)) return undefined;
  return value;
}

/** `[1][2]` for flat index 6 of dims [2, 4]. */
function indexPath(flatIndex: number, dims: readonly number[]): string {
  const parts: number[] = [];
  let rest = flatIndex;
  for (let d = dims.length - 1; d >= 0; d--) {
    const size = dims[d]!;
    parts.unshift(rest % size);
    rest = Math.floor(rest / size);
  }
  return parts.map((p) => `[${p}]`).join('');
}

/** Converts a typed array of numbers to another numeric type, refusing lossy float → integer conversions. */
export function convertNumeric(info: TensorInfo, dims: readonly number[], source: TensorData): HostTensor {
  const type = inputType(info);
  const fitted = fitShape(info, dims);
  if (type === 'string') throw badInput(`Input "${info.name}" takes strings; send them as application/json.`);
  const out = allocate(type, elementCount(fitted));
  const bigOut = isBigIntType(type);
  for (let i = 0; i < source.length; i++) {
    const v = source[i]!;
    const n = typeof v === 'bigint' ? v : Number(v);
    if (isIntegerType(type) && typeof n === 'number' && !Number.isInteger(n)) {
      throw badInput(`Input "${info.name}" expects ${type}; element ${i} is ${n}. Send integer values.`);
    }
    (out as unknown[])[i] = bigOut ? BigInt(n) : Number(n);
  }
  return { type, dims: fitted, data: out };
}
