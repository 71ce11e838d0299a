/**
 * Records and mini-batches, as SageMaker batch transform makes them from an input object: `splitType` cuts the
 * object into records, `batchStrategy` and `maxPayloadMb` group them into the requests the model receives.
 */
import type { BatchStrategy, SplitType } from './options.js';

const MB = 1024 * 1024;
// MXNet RecordIO: each record is a magic number, a length word, the data, and padding to 4 bytes.
const RECORDIO_MAGIC = 0xced7230a;
const LENGTH_MASK = (1 << 29) - 1;

/**
 * Cuts `body` into records. `Line` drops empty lines (with a final newline, the last line is empty); RecordIO and
 * TFRecord records keep their framing, since that is what a container reading those formats expects to receive.
 * @throws Error with a reason for a RecordIO or TFRecord body that is cut short.
 */
export function splitRecords(body: Uint8Array, splitType: SplitType): Uint8Array[] {
  switch (splitType) {
    case 'None':
      return body.length === 0 ? [] : [body];
    case 'Line':
      return splitLines(body);
    case 'RecordIO':
      return splitFramed(body, (view, at) => {
        if (view.getUint32(at, true) !== RECORDIO_MAGIC) throw new Error(`no RecordIO magic number at byte ${at}`);
        const length = view.getUint32(at + 4, true) & LENGTH_MASK;
        return 8 + length + ((4 - (length % 4)) % 4);
      });
    case 'TFRecord':
      // length (8 bytes), its CRC (4), the data, the data's CRC (4). The CRCs are the reader's business.
      return splitFramed(body, (view, at) => 16 + Number(view.getBigUint64(at, true)));
  }
}

function splitLines(body: Uint8Array): Uint8Array[] {
  const records: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i <= body.length; i += 1) {
    if (i < body.length && body[i] !== 0x0a) continue;
    let end = i;
    if (end > start && body[end - 1] === 0x0d) end -= 1;
    if (end > start) records.push(body.subarray(start, end));
    start = i + 1;
  }
  return records;
}

function splitFramed(body: Uint8Array, size: (view: DataView, at: number) => number): Uint8Array[] {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const records: Uint8Array[] = [];
  for (let at = 0; at < body.length; ) {
    const length = size(view, at);
    if (at + length > body.length) throw new Error(`the record at byte ${at} runs past the end of the object`);
    records.push(body.subarray(at, at + length));
    at += length;
  }
  return records;
}

/** One request to the model: consecutive records, by their index in the object. */
export interface MiniBatch {
  readonly first: number;
  readonly records: readonly Uint8Array[];
  readonly body: Uint8Array;
}

/**
 * Groups `records` into requests: one each for `SingleRecord`, as many as fit in `maxPayloadMb` for `MultiRecord`
 * (0: no limit). Line records are joined with newlines.
 * @throws Error naming the record when one alone is over the limit, as SageMaker fails such a job.
 */
export function miniBatches(
  records: readonly Uint8Array[],
  options: { readonly splitType: SplitType; readonly batchStrategy: BatchStrategy; readonly maxPayloadMb: number },
): MiniBatch[] {
  const limit = options.maxPayloadMb === 0 ? Number.POSITIVE_INFINITY : options.maxPayloadMb * MB;
  const separator = options.splitType === 'Line' ? 1 : 0;
  const batches: MiniBatch[] = [];
  let current: Uint8Array[] = [];
  let first = 0;
  let bytes = 0;
  const flush = () => {
    if (current.length > 0) batches.push({ first, records: current, body: joinBodies(current, separator === 1) });
    first += current.length;
    current = [];
    bytes = 0;
  };
  records.forEach((record, index) => {
    if (record.length > limit) {
      throw new Error(
        `record ${index + 1} is ${record.length} bytes, over maxPayloadMb (${options.maxPayloadMb} MB); raise maxPayloadMb or split the input`,
      );
    }
    const added = record.length + (current.length > 0 ? separator : 0);
    if (current.length > 0 && (options.batchStrategy === 'SingleRecord' || bytes + added > limit)) flush();
    bytes += record.length + (current.length > 0 ? separator : 0);
    current.push(record);
  });
  flush();
  return batches;
}

/** `parts` end to end, with a newline between them when `lines`. */
export function joinBodies(parts: readonly Uint8Array[], lines: boolean): Uint8Array {
  const total = parts.reduce((sum, part) => sum + part.length, 0) + (lines ? Math.max(parts.length - 1, 0) : 0);
  const out = new Uint8Array(total);
  let at = 0;
  parts.forEach((part, index) => {
    if (lines && index > 0) out[at++] = 0x0a;
    out.set(part, at);
    at += part.length;
  });
  return out;
}
