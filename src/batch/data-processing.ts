/**
 * SageMaker's data processing of batch transform, record by record, for the Local runner: `InputFilter` on each
 * input record, `JoinSource: Input`, then `OutputFilter` on each (joined) output record. Like SageMaker, it works on
 * CSV and JSON only: a CSV record is a JSON array of its cells while it is filtered or joined.
 */
import { type JsonPath, selectJsonPath } from './json-path.js';

/** The record formats data processing reads. */
export type RecordFormat = 'csv' | 'json';

const decoder = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The record format of a media type; `undefined` for anything else (no filtering or joining possible). */
export function recordFormat(mediaType: string | undefined): RecordFormat | undefined {
  const type = (mediaType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'text/csv' || type === 'application/csv') return 'csv';
  if (type === 'application/json' || type === 'application/jsonlines' || type === 'application/x-jsonlines')
    return 'json';
  return undefined;
}

/** A record as a value: CSV cells as an array (numbers where they are numbers), JSON parsed. */
export function parseRecord(bytes: Uint8Array, format: RecordFormat): unknown {
  const text = decoder.decode(bytes).trim();
  if (format === 'json') return JSON.parse(text);
  return text.split(',').map((cell) => {
    const trimmed = cell.trim();
    return NUMBER.test(trimmed) ? Number(trimmed) : trimmed;
  });
}

/** A value back as one record: an array as CSV cells, anything else as JSON (or, in CSV, its text). */
export function formatRecord(value: unknown, format: RecordFormat): Uint8Array {
  if (format === 'json') return encoder.encode(JSON.stringify(value));
  const cells = Array.isArray(value) ? value.flat(Number.POSITIVE_INFINITY) : [value];
  return encoder.encode(cells.map((cell) => (typeof cell === 'string' ? cell : JSON.stringify(cell))).join(','));
}

/** `record` with only what `filter` selects of it. */
export function filterRecord(record: Uint8Array, filter: JsonPath, format: RecordFormat, argument: string): Uint8Array {
  return formatRecord(selectJsonPath(filter, parseRecord(record, format), argument), format);
}

/**
 * The model's answer to `count` records, one value per record. Line-shaped answers (CSV, JSON lines) give one
 * line per record; a JSON answer gives its items when it is an array of `count`, or an object with one such array
 * member (`{"predictions": […]}`, as most containers answer); one record takes the whole answer.
 * @throws Error when the answer cannot be matched record by record.
 */
export function outputRecords(body: Uint8Array, format: RecordFormat, count: number): unknown[] {
  const text = decoder.decode(body).trim();
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (format === 'csv' || (lines.length === count && count > 1 && isJsonLines(lines))) {
    if (lines.length !== count) throw new Error(`the model answered ${lines.length} lines for ${count} records`);
    return lines.map((line) => parseRecord(encoder.encode(line), format === 'csv' ? 'csv' : 'json'));
  }
  const value: unknown = JSON.parse(text);
  if (Array.isArray(value) && value.length === count && count > 1) return value;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const lists = Object.entries(value).filter(([, member]) => Array.isArray(member) && member.length === count);
    if (lists.length === 1 && (count > 1 || Object.keys(value).length === 1)) return lists[0]?.[1] as unknown[];
  }
  if (count === 1) return [value];
  throw new Error(
    `the model's JSON answer to ${count} records is not one item per record; use batchStrategy SingleRecord`,
  );
}

function isJsonLines(lines: readonly string[]): boolean {
  try {
    for (const line of lines) JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

/**
 * An input record joined with its output, as SageMaker joins them: CSV cells then the output's; a JSON object
 * gains `SageMakerOutput`; any other JSON becomes `{ SageMakerInput, SageMakerOutput }`.
 */
export function joinRecord(input: unknown, output: unknown, format: RecordFormat): unknown {
  if (format === 'csv') return [...asArray(input), ...asArray(output)];
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
    return { ...(input as Record<string, unknown>), SageMakerOutput: output };
  }
  return { SageMakerInput: input, SageMakerOutput: output };
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}
