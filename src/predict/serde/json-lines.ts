import { stringify } from './json.js';
import type { Codec } from './types.js';
import { decodeUtf8, encodeUtf8 } from './utf8.js';

/**
 * Options of {@link jsonLines}.
 *
 * @example
 * ```ts
 * jsonLines({ contentType: 'application/jsonlines', accept: 'application/jsonlines' });
 * ```
 */
export interface JsonLinesOptions {
  /** @default 'application/jsonlines' */
  readonly contentType?: string;
  /** @default 'application/jsonlines' */
  readonly accept?: string;
}

/**
 * JSON Lines (`application/jsonlines`), one record per input and one per output: `predict(record)` sends one
 * line and reads one line back; `predictMany(records)` sends many lines per request and gives one record back
 * per input. Blank lines in responses are skipped.
 *
 * @example
 * ```ts
 * const ner = new Predictor({
 *   endpointName: 'ner',
 *   serializer: jsonLines<{ text: string }>(),
 *   deserializer: jsonLines(),
 * });
 * const entities = await ner.predictMany([{ text: 'Ada Lovelace' }, { text: 'Paris' }]);
 * ```
 */
export function jsonLines<I = unknown, O = I>(options: JsonLinesOptions = {}): Codec<I, O> {
  // JSON.stringify never emits a raw line break, so one value is always exactly one line.
  return {
    contentType: options.contentType ?? 'application/jsonlines',
    accept: options.accept ?? 'application/jsonlines',
    serialize: (value) => encodeUtf8(stringify(value)),
    packRows: (rows) => encodeUtf8(rows.map(stringify).join('\n')),
    deserialize(body) {
      const lines = readLines(body);
      if (lines.length !== 1) throw new TypeError(`expected 1 JSON line for 1 record, got ${lines.length}`);
      return JSON.parse(lines[0]!) as O;
    },
    splitRows(body, rows) {
      const lines = readLines(body);
      if (lines.length !== rows) throw new TypeError(`expected ${rows} JSON lines, got ${lines.length}`);
      return lines.map((line) => JSON.parse(line) as O);
    },
  };
}

function readLines(body: Uint8Array): string[] {
  return decodeUtf8(body)
    .split('\n')
    .filter((line) => line.trim() !== '');
}
