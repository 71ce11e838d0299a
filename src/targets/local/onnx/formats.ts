/**
 * Which body formats the ONNX runner reads and writes, chosen from `Content-Type` and `Accept`.
 */
import { notAcceptable, unsupportedContentType } from './failures.js';

export type Format = 'json' | 'csv' | 'npy';

export const MEDIA_TYPES: Readonly<Record<Format, string>> = {
  json: 'application/json',
  csv: 'text/csv',
  npy: 'application/x-npy',
};

const READABLE: Readonly<Record<string, Format>> = {
  'application/json': 'json',
  'text/json': 'json',
  'text/csv': 'csv',
  'application/csv': 'csv',
  'application/x-npy': 'npy',
  'application/npy': 'npy',
};

const SUPPORTED = `${MEDIA_TYPES.json}, ${MEDIA_TYPES.csv} or ${MEDIA_TYPES.npy}`;

interface MediaRange {
  readonly type: string;
  readonly params: Readonly<Record<string, string>>;
  readonly q: number;
}

function parseMediaRange(text: string): MediaRange {
  const [type = '', ...rest] = text.split(';');
  const params: Record<string, string> = {};
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    params[part.slice(0, eq).trim().toLowerCase()] = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
  }
  const q = params.q === undefined ? 1 : Number(params.q);
  return { type: type.trim().toLowerCase(), params, q: Number.isFinite(q) ? q : 1 };
}

/**
 * The format of a request body.
 * @throws ModelError (415) for other content types.
 */
export function requestFormat(contentType: string): Format {
  const { type } = parseMediaRange(contentType);
  const format = READABLE[type];
  if (format === undefined) {
    throw unsupportedContentType(`Content-Type "${contentType}" is not supported by ONNX models; send ${SUPPORTED}.`);
  }
  return format;
}

/** The format to answer in, and the one output the caller picked with an `output=<name>` parameter, if any. */
export interface ResponseChoice {
  readonly format: Format;
  readonly output: string | undefined;
}

/**
 * Picks the response format from `Accept`, in the caller's order of preference; a wildcard (or no `Accept`)
 * answers in the request's own format.
 * @throws ModelError (406) when `Accept` names only formats the runner cannot write.
 */
export function responseFormat(accept: string, request: Format): ResponseChoice {
  const ranges = accept
    .split(',')
    .map(parseMediaRange)
    .filter((r) => r.type !== '' && r.q > 0)
    .map((r, i) => ({ ...r, i }))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  if (ranges.length === 0) return { format: request, output: undefined };
  for (const range of ranges) {
    const output = range.params.output;
    if (range.type === '*/*') return { format: request, output };
    if (range.type === 'application/*') return { format: request === 'csv' ? 'json' : request, output };
    if (range.type === 'text/*') return { format: 'csv', output };
    const format = READABLE[range.type];
    if (format !== undefined) return { format, output };
  }
  throw notAcceptable(`Accept "${accept}" names no format ONNX models answer in; accept ${SUPPORTED}.`);
}
