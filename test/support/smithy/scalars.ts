/**
 * Which JavaScript values the AWS SDK for JavaScript v3 accepts for each Smithy simple type.
 */
import type { ShapeType } from './ast.js';

// Integer types by their Smithy width; `long` is a JavaScript number in the SDK, so it is limited to the range
// a number holds exactly.
const INTEGER_LIMITS: Partial<Record<ShapeType, readonly [number, number]>> = {
  byte: [-128, 127],
  short: [-32_768, 32_767],
  integer: [-2_147_483_648, 2_147_483_647],
  intEnum: [-2_147_483_648, 2_147_483_647],
  long: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/** Whether `type` is one of Smithy's numeric types. */
export function isNumeric(type: ShapeType): boolean {
  return (
    type in INTEGER_LIMITS || type === 'float' || type === 'double' || type === 'bigInteger' || type === 'bigDecimal'
  );
}

/**
 * Why `value` is not a valid JavaScript value for a number of Smithy type `type`, or `undefined` when it is.
 * The message completes "expected …, got <value>: <message>".
 */
export function numberProblem(type: ShapeType, value: unknown): string | undefined {
  if (type === 'bigInteger') {
    return typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value))
      ? undefined
      : 'not an integer';
  }
  if (type === 'bigDecimal') return typeof value === 'number' || typeof value === 'bigint' ? undefined : 'not a number';
  if (typeof value !== 'number') return 'not a number';
  const limits = INTEGER_LIMITS[type];
  if (!limits) return undefined;
  if (!Number.isInteger(value)) return `not an integer (a ${type} has no fraction)`;
  if (value < limits[0] || value > limits[1]) return `outside the ${type} range ${limits[0]}..${limits[1]}`;
  return undefined;
}

/** A Node.js Readable, a web ReadableStream or Blob, or any async iterable of chunks. */
export function isStream(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as {
    pipe?: unknown;
    getReader?: unknown;
    stream?: unknown;
    [Symbol.asyncIterator]?: unknown;
  };
  return (
    typeof candidate.pipe === 'function' ||
    typeof candidate.getReader === 'function' ||
    typeof candidate[Symbol.asyncIterator] === 'function' ||
    (typeof Blob !== 'undefined' && value instanceof Blob)
  );
}

/**
 * The byte length of a blob value when it can be known without consuming it; `undefined` for streams.
 * `null` means the value is not a blob at all.
 */
export function blobByteLength(value: unknown): number | undefined | null {
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (typeof Blob !== 'undefined' && value instanceof Blob) return value.size;
  if (isStream(value)) return undefined;
  return null;
}

/** Whether `value` is an object literal-like record (not an array, Date, buffer, Map or class instance of those). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if (value instanceof Date || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return false;
  if (value instanceof Map || value instanceof Set) return false;
  return true;
}

/** Whether `value` could be serialized as a Smithy document (JSON value). */
export function isDocument(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return true;
    case 'object':
      if (value === null) return true;
      if (Array.isArray(value)) return value.every(isDocument);
      return isRecord(value) && Object.values(value).every((v) => v === undefined || isDocument(v));
    default:
      return false;
  }
}
