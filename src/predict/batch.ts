import { InvalidArgumentError, type PayloadTooLargeError } from '../errors.js';
import type { Serializer } from './serde/types.js';

/** @internal One request of a `predictMany`: rows `[start, start + count)` of the inputs. */
export interface PlannedRequest {
  readonly start: number;
  readonly count: number;
  readonly body: Uint8Array;
  /** Packed with `packRows` (split the response with `splitRows`) rather than `serialize`. */
  readonly packed: boolean;
}

/**
 * @internal Serializes every request of a `predictMany` before any is sent, so bad input or an oversized row
 * fails with no call made. Batches over `maxBytes` are halved until they fit.
 */
export function planRequests<I>(
  inputs: readonly I[],
  serializer: Serializer<I>,
  batchSize: number,
  maxBytes: number,
  tooLarge: (size: number, row: number) => PayloadTooLargeError,
): PlannedRequest[] {
  const plan: PlannedRequest[] = [];
  if (batchSize === 1 || serializer.packRows === undefined) {
    inputs.forEach((input, i) => {
      const body = serializeRow(serializer, input, i);
      if (body.byteLength > maxBytes) throw tooLarge(body.byteLength, i);
      plan.push({ start: i, count: 1, body, packed: false });
    });
    return plan;
  }
  const pack = serializer.packRows.bind(serializer);
  const add = (start: number, count: number): void => {
    const body = packRows(pack, inputs.slice(start, start + count), start);
    if (body.byteLength <= maxBytes) {
      plan.push({ start, count, body, packed: true });
    } else if (count === 1) {
      throw tooLarge(body.byteLength, start);
    } else {
      const half = Math.ceil(count / 2);
      add(start, half);
      add(start + half, count - half);
    }
  };
  for (let start = 0; start < inputs.length; start += batchSize) add(start, Math.min(batchSize, inputs.length - start));
  return plan;
}

/** @internal Serializes one input, reporting a serializer's own failure as bad input. */
export function serializeRow<I>(serializer: Serializer<I>, input: I, index?: number): Uint8Array {
  try {
    return checkBody(serializer.serialize(input));
  } catch (error) {
    throw asInputError(error, index);
  }
}

function packRows<I>(pack: (rows: readonly I[]) => Uint8Array, rows: readonly I[], start: number): Uint8Array {
  try {
    return checkBody(pack(rows));
  } catch (error) {
    throw asInputError(error, undefined, start);
  }
}

function checkBody(body: unknown): Uint8Array {
  if (!(body instanceof Uint8Array)) {
    throw new TypeError(`the serializer returned ${body === null ? 'null' : typeof body}, not a Uint8Array`);
  }
  return body;
}

function asInputError(error: unknown, index?: number, batchStart?: number): unknown {
  if (error instanceof InvalidArgumentError) {
    // Say which row of a batch was at fault: the serializer only knew its position in the batch.
    if (batchStart === undefined || batchStart === 0) return error;
    const shifted = error.argument.replace(/^input\[(\d+)\]/, (_, i: string) => `input[${Number(i) + batchStart}]`);
    return shifted === error.argument ? error : new InvalidArgumentError(shifted, error.message, { cause: error });
  }
  const where = index === undefined ? 'input' : `input[${index}]`;
  return new InvalidArgumentError(
    where,
    `The serializer could not write ${where}: ${(error as Error)?.message ?? error}`,
    {
      cause: error,
    },
  );
}
