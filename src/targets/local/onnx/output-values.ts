/**
 * Turns output tensors into the plain values JSON and CSV carry.
 */
import type { HostTensor, TensorType } from './tensor.js';

/** One element as a JSON value. */
export type JsonScalar = number | string | boolean | null;

/**
 * The shortest decimal that reads back as the same float32: `0.98`, not `0.9800000190734863`, which is what the
 * float32 value prints as once widened to a JavaScript number. Round-tripping is monotone in the number of
 * digits, so a binary search over 1–9 digits finds it in a few tries.
 */
export function shortestFloat32(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  let lo = 1;
  let hi = 9; // 9 significant digits always round-trip a float32
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (Math.fround(Number(x.toPrecision(mid))) === x) hi = mid;
    else lo = mid + 1;
  }
  return Number(x.toPrecision(lo));
}

/**
 * One element as JSON: floats as numbers (`NaN`/`Infinity` as `null`, as `JSON.stringify` would), 64-bit integers
 * as numbers while they are exact and as decimal strings beyond 2^53, bools as `true`/`false`.
 */
export function scalarValue(type: TensorType, value: unknown): JsonScalar {
  switch (type) {
    case 'bool':
      return value !== 0;
    case 'string':
      return value as string;
    case 'int64':
    case 'uint64': {
      const big = value as bigint;
      const n = Number(big);
      return Number.isSafeInteger(n) ? n : big.toString();
    }
    case 'float16': {
      const n = halfToNumber(value as number);
      return Number.isFinite(n) ? n : null;
    }
    case 'float32': {
      const n = value as number;
      return Number.isFinite(n) ? shortestFloat32(n) : null;
    }
    default: {
      const n = value as number;
      return Number.isFinite(n) ? n : null;
    }
  }
}

/** IEEE 754 half-precision bits (as onnxruntime hands out float16 data) to a number. */
export function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** The tensor as nested arrays (a bare value for a scalar). */
export function nestedValues(tensor: HostTensor): unknown {
  const { dims, data, type } = tensor;
  let offset = 0;
  const build = (depth: number): unknown => {
    if (depth === dims.length) return scalarValue(type, data[offset++]);
    const size = dims[depth]!;
    const out = new Array<unknown>(size);
    for (let i = 0; i < size; i++) out[i] = build(depth + 1);
    return out;
  };
  return build(0);
}

/** The elements of the tensor, flat, as JSON scalars. */
export function flatValues(tensor: HostTensor): JsonScalar[] {
  const out = new Array<JsonScalar>(tensor.data.length);
  for (let i = 0; i < tensor.data.length; i++) out[i] = scalarValue(tensor.type, tensor.data[i]);
  return out;
}
