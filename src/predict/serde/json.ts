import { InvalidArgumentError } from '../../errors.js';
import type { Codec } from './types.js';
import { decodeUtf8, encodeUtf8 } from './utf8.js';

/**
 * Options of {@link json}.
 *
 * @example
 * ```ts
 * // TensorFlow Serving: {"instances": […]} in, {"predictions": […]} out.
 * const tf = new Predictor({
 *   endpointName: 'tf',
 *   serializer: json({ batch: { requestKey: 'instances', responseKey: 'predictions' } }),
 * });
 * ```
 */
export interface JsonOptions {
  /** @default 'application/json' */
  readonly contentType?: string;
  /** @default 'application/json' */
  readonly accept?: string;
  /**
   * How batches are framed. By default `predictMany` sends a JSON array of the inputs and expects a JSON array
   * of results. Built-in algorithms and TensorFlow Serving wrap them: `{ requestKey: 'instances',
   * responseKey: 'predictions' }` sends `{"instances":[…]}` and reads `{"predictions":[…]}`.
   */
  readonly batch?: {
    /** The key of the object that wraps the inputs (`instances`). @default none: a bare array */
    readonly requestKey?: string;
    /** The key of the response object that holds the results (`predictions`). @default none: a bare array */
    readonly responseKey?: string;
  };
}

/**
 * JSON (`application/json`). `predict` sends the input as it is; `predictMany` sends a JSON array of inputs
 * (see {@link JsonOptions.batch}) and expects an array of as many results.
 *
 * @example
 * ```ts
 * const churn = new Predictor({
 *   endpointName: 'churn',
 *   serializer: json<ChurnRow[]>(),
 *   deserializer: json<number[]>(),
 * });
 * ```
 */
export function json<I = unknown, O = I>(options: JsonOptions = {}): Codec<I, O> {
  const { requestKey, responseKey } = options.batch ?? {};
  return {
    contentType: options.contentType ?? 'application/json',
    accept: options.accept ?? 'application/json',
    serialize: (value) => encodeUtf8(stringify(value)),
    packRows: (rows) => encodeUtf8(stringify(requestKey === undefined ? rows : { [requestKey]: rows })),
    deserialize: (body) => JSON.parse(decodeUtf8(body)) as O,
    splitRows(body, rows) {
      const parsed: unknown = JSON.parse(decodeUtf8(body));
      const items = responseKey === undefined ? parsed : (parsed as Record<string, unknown> | null)?.[responseKey];
      if (!Array.isArray(items)) {
        const where = responseKey === undefined ? 'a JSON array' : `a JSON object with an array "${responseKey}"`;
        throw new TypeError(`expected ${where} of ${rows} results, got ${describe(parsed)}`);
      }
      if (items.length !== rows) throw new TypeError(`expected ${rows} results, got ${items.length}`);
      return items as O[];
    },
  };
}

/** @internal JSON.stringify that throws `InvalidArgumentError` for what JSON cannot hold. */
export function stringify(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    // Cycles and BigInt land here.
    throw new InvalidArgumentError('input', `The input cannot be written as JSON: ${(error as Error).message}.`, {
      cause: error,
    });
  }
  if (text === undefined) {
    throw new InvalidArgumentError('input', `The input cannot be written as JSON (got ${typeof value}).`);
  }
  return text;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? `an object with keys ${Object.keys(value).slice(0, 5).join(', ')}` : typeof value;
}
