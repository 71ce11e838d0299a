import { keepDecoded } from './interrupted.js';

/**
 * What the stream decoders read: a `PredictionStream`, or any async iterable of bytes (or of text already
 * decoded, e.g. from another client), in arbitrary pieces.
 *
 * @example
 * ```ts
 * // Any async iterable of bytes or text will do, such as a fetch response's body:
 * const source: StreamSource = (await fetch(url, { method: 'POST', body })).body!;
 * for await (const line of textLines(source)) console.log(line);
 * ```
 */
export type StreamSource = AsyncIterable<Uint8Array | string>;

/** @internal {@link textChunks} without keeping what was decoded, for decoders built on it. */
export async function* decodeText(source: StreamSource): AsyncGenerator<string, void, undefined> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of source) {
    // A string in the middle of bytes ends whatever character was pending: flush it first, to keep the order.
    const piece = typeof chunk === 'string' ? decoder.decode() + chunk : decoder.decode(chunk, { stream: true });
    if (piece !== '') yield piece;
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

/**
 * Decodes a byte stream as UTF-8, piece by piece. A character whose bytes are split across chunks is held back
 * until its last byte arrives, so no piece ends in half a character; invalid bytes become U+FFFD rather than
 * failing a stream that is otherwise readable. Empty pieces are skipped. `PredictionStream.text()` is the same.
 *
 * @throws DecodedStreamInterruptedError when the stream breaks off, with the text read before the break.
 *
 * @example
 * ```ts
 * for await (const piece of textChunks(response)) process.stdout.write(piece);
 * ```
 */
export function textChunks(source: StreamSource): AsyncGenerator<string, void, undefined> {
  return keepDecoded(decodeText(source));
}
