/**
 * SageMaker data capture records: one JSON object per line of the `.jsonl` files an endpoint with
 * `DataCaptureConfig` writes to S3, and the feature rows in a record's `endpointInput`.
 *
 * A record (https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-data-capture.html):
 * `{"captureData":{"endpointInput":{"observedContentType":"text/csv","mode":"INPUT","data":"5.1,3.5,1.4,0.2",
 * "encoding":"CSV"},"endpointOutput":{…}},"eventMetadata":{"eventId":"…","inferenceTime":"2024-05-01T10:00:00Z"},
 * "eventVersion":"0"}`. `encoding` is `CSV` or `JSON` when the content type is one the capture config lists as
 * CSV or JSON (then `data` is the body's text), else `BASE64` (then `data` is the body in base64).
 */
import { parseCsv } from '../../predict/serde/csv.js';
import type { DriftRow, FeatureValue } from './rows.js';

/**
 * One side of a captured invocation.
 *
 * @example
 * ```ts
 * const parse: CaptureParser = ({ record }) => {
 *   const input: CapturePayload | undefined = record.captureData.endpointInput;
 *   return input?.encoding === 'JSON' ? [JSON.parse(input.data).features] : [];
 * };
 * ```
 */
export interface CapturePayload {
  /** The body's `Content-Type`, as the endpoint saw it. */
  readonly observedContentType?: string;
  /** Which side: the request (`INPUT`) or the response (`OUTPUT`). */
  readonly mode?: 'INPUT' | 'OUTPUT';
  /** The body: its text for `CSV` and `JSON`, base64 for `BASE64`. */
  readonly data: string;
  /** How `data` holds the body. */
  readonly encoding?: 'CSV' | 'JSON' | 'BASE64';
}

/**
 * One captured invocation.
 *
 * @example
 * ```ts
 * const parse: CaptureParser = ({ record, text }) => {
 *   console.log(record.eventMetadata?.inferenceTime);
 *   return text.split('\n').map((line) => line.split('|').map(Number));
 * };
 * ```
 */
export interface CaptureRecord {
  /** The request and the response. */
  readonly captureData: {
    /** The request, when it was captured. */
    readonly endpointInput?: CapturePayload;
    /** The response, when it was captured. */
    readonly endpointOutput?: CapturePayload;
  };
  /** About the invocation. */
  readonly eventMetadata?: {
    /** SageMaker's id of the event. */
    readonly eventId?: string;
    /** When the invocation happened, ISO 8601. */
    readonly inferenceTime?: string;
    /** The caller's `inferenceId`, when it gave one. */
    readonly inferenceId?: string;
  };
  /** The record layout's version. */
  readonly eventVersion?: string;
}

/**
 * What a custom parser of captured inputs is handed.
 *
 * @example
 * ```ts
 * // Requests of the form `{"customer": {…features}}`:
 * const parse: CaptureParser = (input: CaptureInput) => [JSON.parse(input.text).customer];
 * ```
 */
export interface CaptureInput {
  /** The request body as text (decoded from base64 when it was captured so). */
  readonly text: string;
  /** The request's content type, e.g. `text/csv`. */
  readonly contentType: string | undefined;
  /** The whole capture record. */
  readonly record: CaptureRecord;
}

/**
 * Turns a captured request into feature rows, for inputs the built-in reading does not understand.
 *
 * @example
 * ```ts
 * const parse: CaptureParser = ({ text }) => text.split('\n').filter(Boolean).map((line) => line.split('|'));
 * const report = await DriftReport.fromCapture({ s3Uri, baseline, parse });
 * ```
 */
export type CaptureParser = (input: CaptureInput) => readonly DriftRow[];

/**
 * Reads one line of a capture file.
 * @throws TypeError when it is not a capture record.
 */
export function parseCaptureLine(line: string): CaptureRecord {
  const record = JSON.parse(line) as Partial<CaptureRecord> | null;
  if (typeof record !== 'object' || record === null || typeof record.captureData !== 'object') {
    throw new TypeError('not a SageMaker data capture record (no captureData)');
  }
  return record as CaptureRecord;
}

/** The request body of a record as text, or undefined when the record has no input. */
export function inputText(record: CaptureRecord): string | undefined {
  const input = record.captureData.endpointInput;
  if (input === undefined || typeof input.data !== 'string') return undefined;
  return input.encoding === 'BASE64' ? Buffer.from(input.data, 'base64').toString('utf8') : input.data;
}

/**
 * The feature rows of a record's input: CSV (one row per line), JSON (an array of rows, an array of records, a
 * single row or record, or any of these under `instances`, `inputs` or `features`, as the SageMaker built-in
 * algorithms and TensorFlow Serving frame them) or JSON Lines (one JSON value per line).
 * @throws TypeError when the content type or the JSON shape is not one of these (pass a parser).
 */
export function inputRows(record: CaptureRecord, parse?: CaptureParser): readonly DriftRow[] {
  const text = inputText(record);
  if (text === undefined) return [];
  const input = record.captureData.endpointInput!;
  const contentType = input.observedContentType;
  if (parse !== undefined) return parse({ text, contentType, record });
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'text/csv' || (type === '' && input.encoding === 'CSV')) return parseCsv(text.trim());
  if (type.endsWith('jsonlines') || type === 'application/jsonl') {
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .flatMap((line) => jsonRows(JSON.parse(line)));
  }
  if (type === 'application/json' || type.endsWith('+json') || (type === '' && input.encoding === 'JSON')) {
    return jsonRows(JSON.parse(text));
  }
  throw new TypeError(`inputs of type ${contentType ?? '(none)'} cannot be read as rows; pass a parse function`);
}

const WRAPPERS = ['instances', 'inputs', 'features'] as const;

function jsonRows(value: unknown): DriftRow[] {
  if (Array.isArray(value)) {
    if (value.every(isScalar)) return [value as FeatureValue[]];
    if (value.every((item) => Array.isArray(item) && item.every(isScalar))) return value as FeatureValue[][];
    if (value.every(isFlatRecord)) return value as Record<string, FeatureValue>[];
  } else if (typeof value === 'object' && value !== null) {
    const wrapper = WRAPPERS.find((key) => key in value);
    if (wrapper !== undefined) return jsonRows((value as Record<string, unknown>)[wrapper]);
    if (isFlatRecord(value)) return [value as Record<string, FeatureValue>];
  } else if (isScalar(value)) {
    return [[value as FeatureValue]];
  }
  throw new TypeError('the JSON input is not rows (arrays of values, or objects of values)');
}

function isScalar(value: unknown): boolean {
  return value === null || ['number', 'string', 'boolean'].includes(typeof value);
}

function isFlatRecord(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every(isScalar);
}
