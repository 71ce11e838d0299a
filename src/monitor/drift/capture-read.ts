/**
 * Reads SageMaker data capture from S3: lists the `.jsonl` objects under a prefix (ListObjectsV2, every page),
 * newest first, and reads their records (GetObject) until enough are read. Capture keys are
 * `<prefix>/<endpoint>/<variant>/yyyy/mm/dd/hh/<mm-ss-sss>-<uuid>.jsonl`, so an object's hour is in its key and
 * objects outside the `since`/`until` window are never downloaded.
 */
import { GetObjectCommand, ListObjectsV2Command, type ListObjectsV2CommandOutput } from '@aws-sdk/client-s3';
import type { AwsConfig } from '../../aws/config.js';
import { AwsContext } from '../../aws/context.js';
import { integerOption } from '../../checks.js';
import { InvalidArgumentError } from '../../errors.js';
import { callS3, type S3Access } from '../../model/artifact/s3-call.js';
import { validateBucketName } from '../../model/artifact/s3-location.js';
import { type CaptureParser, inputRows, parseCaptureLine } from './capture-record.js';
import type { DriftRow } from './rows.js';

/**
 * Where and how much capture to read.
 *
 * @example
 * ```ts
 * const report = await DriftReport.fromCapture({
 *   s3Uri: 's3://ml-capture/datacapture/churn',
 *   baseline,
 *   since: new Date(Date.now() - 7 * 86_400_000),
 *   maxRecords: 50_000,
 *   aws: { region: 'eu-west-1' },
 * });
 * ```
 */
export interface CaptureReadOptions {
  /** The capture destination, or any prefix under it: `s3://bucket/datacapture/churn/AllTraffic`. */
  readonly s3Uri: string;
  /** How to reach S3: a configuration, or an `AwsContext` to share clients with. */
  readonly aws?: AwsConfig | AwsContext;
  /** Only records inferred at or after this time. */
  readonly since?: Date;
  /** Only records inferred before this time. */
  readonly until?: Date;
  /** Most records read, the newest first. @default 100000 */
  readonly maxRecords?: number;
  /** Most capture files read, the newest first. @default 1000 */
  readonly maxObjects?: number;
  /** Turns a captured request into rows, for inputs that are not CSV, JSON or JSON Lines rows. */
  readonly parse?: CaptureParser;
  /** Stops reading: `fromCapture` rejects with `AbortedError`. */
  readonly signal?: AbortSignal;
  /** @internal Keys per ListObjectsV2 page (S3's limit and default is 1000); only worth changing to test paging. */
  readonly listPageSize?: number;
}

/**
 * What was read.
 *
 * @example
 * ```ts
 * const { capture } = await DriftReport.fromCapture({ s3Uri, baseline });
 * console.log(`${capture?.records} records from ${capture?.objects} files under ${capture?.s3Uri}`);
 * ```
 */
export interface CaptureSource {
  /** The capture prefix read. */
  readonly s3Uri: string;
  /** Capture files read. */
  readonly objects: number;
  /** Records read. */
  readonly records: number;
  /** Records that could not be read (not JSON, no input, an input that is not rows). */
  readonly skippedRecords: number;
  /** Why the first skipped record was skipped, with its file. */
  readonly firstProblem?: string;
  /** Whether `maxRecords` or `maxObjects` stopped the reading before all matching capture was read. */
  readonly truncated: boolean;
}

// Listing stops here whatever the options: a prefix with more capture files than this needs a narrower prefix
// or a `since`, not a client that pages for minutes.
const MAX_LISTED_KEYS = 200_000;
const HOUR_MS = 3_600_000;
const HOUR_PATH = /\/(\d{4})\/(\d{2})\/(\d{2})\/(\d{2})\/[^/]+$/;

/**
 * Reads the feature rows of captured requests.
 * @throws {@link InvalidArgumentError} for a bad URI or options; the S3 errors of `callAws` otherwise.
 */
export async function readCapture(options: CaptureReadOptions): Promise<{ rows: DriftRow[]; source: CaptureSource }> {
  const { bucket, prefix } = parsePrefixUri(options.s3Uri);
  const maxRecords = integerOption('maxRecords', options.maxRecords, 1, Number.MAX_SAFE_INTEGER, 100_000);
  const maxObjects = integerOption('maxObjects', options.maxObjects, 1, Number.MAX_SAFE_INTEGER, 1000);
  const since = options.since?.getTime() ?? Number.NEGATIVE_INFINITY;
  const until = options.until?.getTime() ?? Number.POSITIVE_INFINITY;
  if (Number.isNaN(since) || Number.isNaN(until))
    throw new InvalidArgumentError('since', 'since and until must be valid dates.');
  const owned = options.aws instanceof AwsContext ? undefined : new AwsContext(options.aws);
  const aws: S3Access = owned ?? (options.aws as AwsContext);
  try {
    const keys = (await listKeys(aws, bucket, prefix, options))
      .filter((key) => key.endsWith('.jsonl') && hourOverlaps(key, since, until))
      .sort(newestFirst);
    const rows: DriftRow[] = [];
    let records = 0;
    let skipped = 0;
    let objects = 0;
    let firstProblem: string | undefined;
    for (const key of keys) {
      if (objects >= maxObjects || records >= maxRecords) break;
      const text = await getText(aws, bucket, key, options.signal);
      objects++;
      // Newest first within the file too, so a cut at maxRecords keeps the latest.
      const lines = text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .reverse();
      for (const [n, line] of lines.entries()) {
        if (records >= maxRecords) break;
        try {
          const record = parseCaptureLine(line);
          const time = Date.parse(record.eventMetadata?.inferenceTime ?? '');
          if (!Number.isNaN(time) && (time < since || time >= until)) continue;
          records++;
          const found = inputRows(record, options.parse);
          if (found.length === 0) throw new TypeError('the record has no endpointInput');
          rows.push(...found);
        } catch (error) {
          skipped++;
          firstProblem ??= `s3://${bucket}/${key} line ${lines.length - n}: ${error instanceof Error ? error.message : String(error)}`;
        }
      }
    }
    const truncated = objects < keys.length || records >= maxRecords;
    return {
      rows,
      source: {
        s3Uri: options.s3Uri,
        objects,
        records,
        skippedRecords: skipped,
        ...(firstProblem === undefined ? {} : { firstProblem }),
        truncated,
      },
    };
  } finally {
    owned?.destroy();
  }
}

/** Splits `s3://bucket[/prefix]`; a prefix gets a trailing slash so `churn` does not also match `churn-v2`. */
export function parsePrefixUri(uri: string): { bucket: string; prefix: string } {
  const match = typeof uri === 'string' ? /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri) : null;
  if (match === null) {
    throw new InvalidArgumentError(
      's3Uri',
      `"${String(uri)}" is not an S3 URI. Give the capture destination as s3://<bucket>/<prefix>, e.g. s3://ml-capture/datacapture/churn.`,
    );
  }
  const [, bucket = '', rest = ''] = match;
  validateBucketName(bucket, 's3Uri');
  return { bucket, prefix: rest === '' || rest.endsWith('/') ? rest : `${rest}/` };
}

async function listKeys(
  aws: S3Access,
  bucket: string,
  prefix: string,
  options: Pick<CaptureReadOptions, 'signal' | 'listPageSize'>,
): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page: ListObjectsV2CommandOutput = await callS3(
      aws,
      { operation: 'ListObjectsV2', resource: { kind: 'S3 prefix', name: `s3://${bucket}/${prefix}` } },
      (s3) =>
        s3.send(
          new ListObjectsV2Command({
            Bucket: bucket,
            Prefix: prefix,
            ContinuationToken: token,
            MaxKeys: options.listPageSize,
          }),
          { abortSignal: options.signal },
        ),
    );
    for (const object of page.Contents ?? []) if (object.Key !== undefined) keys.push(object.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
    if (keys.length >= MAX_LISTED_KEYS && token !== undefined) {
      throw new InvalidArgumentError(
        's3Uri',
        `s3://${bucket}/${prefix} holds more than ${MAX_LISTED_KEYS} objects; point s3Uri at one endpoint and variant, or one day (…/yyyy/mm/dd/).`,
      );
    }
  } while (token !== undefined);
  return keys;
}

async function getText(aws: S3Access, bucket: string, key: string, signal?: AbortSignal): Promise<string> {
  const uri = `s3://${bucket}/${key}`;
  return callS3(aws, { operation: 'GetObject', resource: { kind: 'S3 object', name: uri } }, async (s3) => {
    const output = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
    return (await output.Body?.transformToString('utf8')) ?? '';
  });
}

/** The start of the hour a capture key is filed under, or undefined for a key without one. */
function hourOf(key: string): number | undefined {
  const match = HOUR_PATH.exec(key);
  if (match === null) return undefined;
  const [, y, m, d, h] = match.map(Number) as [number, number, number, number, number];
  return Date.UTC(y, m - 1, d, h);
}

function hourOverlaps(key: string, since: number, until: number): boolean {
  const hour = hourOf(key);
  return hour === undefined || (hour + HOUR_MS > since && hour < until);
}

// By hour, then by key: across endpoints and variants the hour path, not the whole key, orders files in time.
function newestFirst(a: string, b: string): number {
  const byHour = (hourOf(b) ?? 0) - (hourOf(a) ?? 0);
  return byHour !== 0 ? byHour : a < b ? 1 : a > b ? -1 : 0;
}
