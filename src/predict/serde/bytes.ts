import { InvalidArgumentError } from '../../errors.js';
import type { Codec } from './types.js';
import { decodeUtf8, encodeUtf8 } from './utf8.js';

/**
 * Options of {@link bytes} and {@link text}: the media types to send and ask for.
 *
 * @example
 * ```ts
 * const detector = new Predictor({
 *   endpointName: 'detector',
 *   serializer: bytes({ contentType: 'image/jpeg' }),
 *   deserializer: text({ accept: 'application/json' }),
 * });
 * ```
 */
export interface MediaTypeOptions {
  /** The `Content-Type` of requests. */
  readonly contentType?: string;
  /** The `Accept` of requests. */
  readonly accept?: string;
}

/**
 * Raw bytes, sent and returned unchanged: images, audio, a format of one's own. No batching.
 *
 * @param options - `contentType` and `accept` both default to `application/octet-stream`; set them to what the
 * model reads (`image/jpeg`, `audio/wav`, …).
 *
 * @example
 * ```ts
 * const classifier = new Predictor({
 *   endpointName: 'resnet',
 *   serializer: bytes({ contentType: 'image/jpeg' }),
 *   deserializer: json(),
 * });
 * const labels = await classifier.predict(await readFile('cat.jpg'));
 * ```
 */
export function bytes(options: MediaTypeOptions = {}): Codec<Uint8Array> {
  return {
    contentType: options.contentType ?? 'application/octet-stream',
    accept: options.accept ?? 'application/octet-stream',
    serialize(value) {
      if (!(value instanceof Uint8Array)) {
        throw new InvalidArgumentError(
          'input',
          `bytes() sends a Uint8Array (or Buffer); got ${value === null ? 'null' : typeof value}.`,
        );
      }
      return value;
    },
    deserialize: (body) => body,
  };
}

/**
 * UTF-8 text (`text/plain`), sent and returned as a string. No batching.
 *
 * @param options - `contentType` and `accept` both default to `text/plain`.
 *
 * @example
 * ```ts
 * const summarizer = new Predictor({ endpointName: 'summarize', serializer: text(), deserializer: text() });
 * const summary = await summarizer.predict('A long article…');
 * ```
 */
export function text(options: MediaTypeOptions = {}): Codec<string> {
  return {
    contentType: options.contentType ?? 'text/plain',
    accept: options.accept ?? 'text/plain',
    serialize(value) {
      if (typeof value !== 'string') {
        throw new InvalidArgumentError(
          'input',
          `text() sends a string; got ${value === null ? 'null' : typeof value}.`,
        );
      }
      return encodeUtf8(value);
    },
    deserialize: (body) => decodeUtf8(body),
  };
}
