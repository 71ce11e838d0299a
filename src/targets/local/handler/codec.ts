/**
 * How a handler sees requests and how its results go back: the body is decoded by its `Content-Type` (JSON →
 * the parsed value, JSON Lines → an array of values, `text/*` → a string, anything else → the bytes), and a result
 * is encoded for the caller's `Accept` (a string or bytes go out as they are; anything else as JSON, or JSON Lines
 * when the caller asks for it).
 */
import { ModelError } from '../../../errors.js';

/** A result, ready to send. */
export interface Encoded {
  readonly body: Uint8Array;
  readonly contentType: string;
}

const utf8 = new TextDecoder('utf-8');
const encoder = new TextEncoder();

/** The media types of a `Content-Type` or `Accept` header, lower-cased, without parameters. */
function mediaTypes(header: string): string[] {
  return header
    .split(',')
    .map((part) => (part.split(';')[0] ?? '').trim().toLowerCase())
    .filter((type) => type !== '');
}

function isJson(type: string): boolean {
  return type === 'application/json' || type.endsWith('+json');
}

function isJsonLines(type: string): boolean {
  return type === 'application/jsonlines' || type === 'application/x-jsonlines' || type === 'application/x-ndjson';
}

function badInput(message: string, cause: unknown): ModelError {
  return new ModelError(message, { cause, originalStatusCode: 400, originalMessage: message });
}

/**
 * The handler's input for a request body.
 * @throws {@link ModelError} (original status 400) when a JSON or JSON Lines body does not parse.
 */
export function decodeInput(body: Uint8Array, contentType: string): unknown {
  const type = mediaTypes(contentType)[0] ?? '';
  if (isJson(type)) {
    if (body.byteLength === 0) return undefined;
    try {
      return JSON.parse(utf8.decode(body));
    } catch (error) {
      throw badInput(`The request body is not valid JSON (Content-Type ${type}): ${(error as Error).message}`, error);
    }
  }
  if (isJsonLines(type)) {
    const lines = utf8.decode(body).split('\n');
    const values: unknown[] = [];
    for (const [index, line] of lines.entries()) {
      if (line.trim() === '') continue;
      try {
        values.push(JSON.parse(line));
      } catch (error) {
        throw badInput(
          `Line ${index + 1} of the JSON Lines body is not valid JSON: ${(error as Error).message}`,
          error,
        );
      }
    }
    return values;
  }
  if (type.startsWith('text/')) return utf8.decode(body);
  return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
}

/** The one concrete type `accept` names first, if any. */
function preferred(accept: string): string | undefined {
  const first = mediaTypes(accept)[0];
  return first && !first.includes('*') ? first : undefined;
}

function acceptsJson(accept: string): boolean {
  const types = mediaTypes(accept);
  return types.length === 0 || types.some((type) => type === '*/*' || type === 'application/*' || isJson(type));
}

// Typed arrays (an ONNX tensor's data) would otherwise become {"0": …} objects; bigints would throw.
function replacer(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number | bigint>, (item) =>
      typeof item === 'bigint' ? Number(item) : item,
    );
  }
  return typeof value === 'bigint' ? Number(value) : value;
}

function json(value: unknown): string {
  try {
    return JSON.stringify(value === undefined ? null : value, replacer);
  } catch (error) {
    const message = `The handler's result could not be encoded as JSON: ${(error as Error).message}`;
    throw new ModelError(message, { cause: error, originalStatusCode: 500, originalMessage: message });
  }
}

/**
 * The answer for a handler's result.
 * @throws {@link ModelError} (original status 406) when the result is structured but the caller accepts neither
 * JSON nor JSON Lines; (500) when it cannot be encoded as JSON.
 */
export function encodeOutput(value: unknown, accept: string): Encoded {
  const wanted = preferred(accept);
  if (value instanceof Uint8Array) return { body: value, contentType: wanted ?? 'application/octet-stream' };
  if (typeof value === 'string')
    return { body: encoder.encode(value), contentType: wanted ?? 'text/plain; charset=utf-8' };
  if (wanted !== undefined && isJsonLines(wanted)) {
    const rows = Array.isArray(value) ? value : [value];
    return { body: encoder.encode(rows.map((row) => `${json(row)}\n`).join('')), contentType: wanted };
  }
  if (acceptsJson(accept)) return { body: encoder.encode(json(value)), contentType: 'application/json' };
  const message =
    `The caller accepts ${accept}, but the handler returned a ${Array.isArray(value) ? 'array' : typeof value}. ` +
    'Return a string or a Uint8Array encoded as the caller asks, or call with Accept: application/json.';
  throw new ModelError(message, { originalStatusCode: 406, originalMessage: message });
}

/** One chunk of a handler's stream: bytes and strings as they are, anything else as one JSON line. */
export function encodeChunk(value: unknown, accept: string): Encoded {
  const wanted = preferred(accept);
  if (value instanceof Uint8Array) return { body: value, contentType: wanted ?? 'application/octet-stream' };
  if (typeof value === 'string')
    return { body: encoder.encode(value), contentType: wanted ?? 'text/plain; charset=utf-8' };
  return { body: encoder.encode(`${json(value)}\n`), contentType: 'application/jsonlines' };
}
