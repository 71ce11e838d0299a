import { InvalidArgumentError } from '../../errors.js';
import type { Codec } from './types.js';
import { decodeUtf8, encodeUtf8 } from './utf8.js';

/**
 * One CSV field: numbers are written bare, strings quoted where RFC 4180 (or reading them back) needs it.
 *
 * @example
 * ```ts
 * const cells: CsvCell[] = [3, 'pro', 49.5];
 * ```
 */
export type CsvCell = number | string;
/**
 * One CSV record (line).
 *
 * @example
 * ```ts
 * const row: CsvRow = [5.1, 3.5, 1.4, 0.2];
 * const [score] = await new Predictor({ endpointName: 'iris', serializer: csv(), deserializer: csv() }).predict(row);
 * ```
 */
export type CsvRow = readonly CsvCell[];

/**
 * Options of {@link csv}.
 *
 * @example
 * ```ts
 * // Keep ids such as `007` as strings in the model's answer.
 * const predictor = new Predictor({
 *   endpointName: 'churn',
 *   serializer: csv(),
 *   deserializer: csv({ parseNumbers: false }),
 * });
 * ```
 */
export interface CsvOptions {
  /** @default 'text/csv' */
  readonly contentType?: string;
  /** @default 'text/csv' */
  readonly accept?: string;
  /**
   * Read unquoted numeric fields (`1`, `-2.5e-3`, `nan`, `inf`) as numbers; quoted fields always stay strings.
   * @default true
   */
  readonly parseNumbers?: boolean;
}

/**
 * CSV (`text/csv`, RFC 4180), one row per input and one row per output: `predict([5.1, 3.5, 1.4, 0.2])` sends one
 * line and reads one line back (e.g. `[0.97]`); `predictMany(rows)` sends many lines per request and gives one
 * row back per input. A response of other than one line to `predict` is reported as a `ModelError`.
 *
 * Numbers are written as JavaScript prints them (`NaN` as `nan`, infinities as `inf`/`-inf`, as NumPy reads
 * them); strings are quoted when they hold a comma, quote or line break, or would otherwise read back as a number.
 *
 * @example
 * ```ts
 * const iris = new Predictor({ endpointName: 'iris', serializer: csv(), deserializer: csv() });
 * const [label] = await iris.predict([5.1, 3.5, 1.4, 0.2]);
 * const labels = await iris.predictMany([[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]]);
 * ```
 */
export function csv(options: CsvOptions = {}): Codec<CsvRow, CsvCell[]> {
  const parseNumbers = options.parseNumbers ?? true;
  return {
    contentType: options.contentType ?? 'text/csv',
    accept: options.accept ?? 'text/csv',
    serialize: (row) => encodeUtf8(formatRow(row, 0)),
    packRows: (rows) => encodeUtf8(rows.map(formatRow).join('\n')),
    deserialize(body) {
      const rows = parseCsv(decodeUtf8(body), parseNumbers);
      if (rows.length !== 1) throw new TypeError(`expected 1 CSV line for 1 row, got ${rows.length}`);
      return rows[0]!;
    },
    splitRows(body, count) {
      const rows = parseCsv(decodeUtf8(body), parseNumbers);
      if (rows.length !== count) throw new TypeError(`expected ${count} CSV lines, got ${rows.length}`);
      return rows;
    },
  };
}

/** @internal Formats one record, without a line break. */
export function formatRow(row: CsvRow, index: number): string {
  if (!Array.isArray(row) || row.length === 0) {
    throw new InvalidArgumentError(
      `input[${index}]`,
      `A CSV row must be a non-empty array of numbers and strings; got ${Array.isArray(row) ? 'an empty array' : typeof row}.`,
    );
  }
  // A lone empty field would be an empty line, which readers skip: quote it.
  if (row.length === 1 && row[0] === '') return '""';
  let line = '';
  for (let i = 0; i < row.length; i++) {
    if (i > 0) line += ',';
    line += formatCell(row[i], index);
  }
  return line;
}

function formatCell(cell: unknown, index: number): string {
  if (typeof cell === 'number') {
    if (Number.isNaN(cell)) return 'nan';
    if (cell === Number.POSITIVE_INFINITY) return 'inf';
    if (cell === Number.NEGATIVE_INFINITY) return '-inf';
    return Object.is(cell, -0) ? '-0' : String(cell);
  }
  if (typeof cell === 'string') {
    return NEEDS_QUOTES.test(cell) || numberFromToken(cell) !== undefined ? `"${cell.replaceAll('"', '""')}"` : cell;
  }
  throw new InvalidArgumentError(
    `input[${index}]`,
    `CSV fields must be numbers or strings; got ${cell === null ? 'null' : typeof cell}. Convert it first.`,
  );
}

const NEEDS_QUOTES = /[",\r\n]/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function numberFromToken(token: string): number | undefined {
  if (NUMBER.test(token)) return Number(token);
  switch (token.toLowerCase()) {
    case 'nan':
    case '+nan':
    case '-nan':
      return Number.NaN;
    case 'inf':
    case '+inf':
    case 'infinity':
    case '+infinity':
      return Number.POSITIVE_INFINITY;
    case '-inf':
    case '-infinity':
      return Number.NEGATIVE_INFINITY;
    default:
      return undefined;
  }
}

/**
 * @internal Parses RFC 4180 text (line breaks `\n` or `\r\n`; a final line break is optional) into records.
 * @throws TypeError on a quote left open or text after a closing quote.
 */
export function parseCsv(text: string, parseNumbers = true): CsvCell[][] {
  const rows: CsvCell[][] = [];
  const n = text.length;
  if (n === 0) return rows;
  let row: CsvCell[] = [];
  let i = 0;
  for (;;) {
    // One field starts at i.
    let cell: CsvCell;
    if (text.charCodeAt(i) === 34 /* " */) {
      let value = '';
      let start = ++i;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q === -1) throw new TypeError(`a quoted CSV field is not closed (line ${rows.length + 1})`);
        if (text.charCodeAt(q + 1) === 34) {
          value += text.slice(start, q + 1);
          i = start = q + 2;
          continue;
        }
        value += text.slice(start, q);
        i = q + 1;
        break;
      }
      const c = text.charCodeAt(i);
      if (i < n && c !== 44 && c !== 10 && c !== 13) {
        throw new TypeError(`unexpected text after a closing quote (line ${rows.length + 1})`);
      }
      cell = value;
    } else {
      let end = i;
      while (end < n) {
        const c = text.charCodeAt(end);
        if (c === 44 || c === 10 || c === 13) break;
        end++;
      }
      const token = text.slice(i, end);
      i = end;
      cell = (parseNumbers ? numberFromToken(token) : undefined) ?? token;
    }
    row.push(cell);
    if (i >= n) {
      rows.push(row);
      return rows;
    }
    const c = text.charCodeAt(i);
    if (c === 44) {
      i++;
      continue;
    }
    // A line break ends the record.
    i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    rows.push(row);
    row = [];
    if (i >= n) return rows;
  }
}
