import { InvalidArgumentError } from '../errors.js';

/**
 * The response of `predictStream`, read once with `for await`: raw chunks as they arrive, or {@link text} for
 * UTF-8 text (characters split across chunks are joined). Nothing is sent until reading starts; leaving the
 * loop early (`break`, `return`, a throw) or aborting the call's signal closes the connection.
 *
 * @example
 * ```ts
 * for await (const piece of llm.predictStream({ inputs: 'Hello' }).text()) process.stdout.write(piece);
 * ```
 */
export class PredictionStream implements AsyncIterable<Uint8Array> {
  readonly #open: () => AsyncGenerator<Uint8Array, void, undefined>;
  #opened = false;

  /** @internal Made by the predictor. */
  constructor(open: () => AsyncGenerator<Uint8Array, void, undefined>) {
    this.#open = open;
  }

  /** @throws InvalidArgumentError when the stream is read a second time: each read would send the request again. */
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    if (this.#opened) {
      throw new InvalidArgumentError(
        'stream',
        'A prediction stream can be read once; call predictStream again for another response.',
      );
    }
    this.#opened = true;
    return this.#open();
  }

  /** The response as UTF-8 text, chunk by chunk. */
  async *text(): AsyncGenerator<string, void, undefined> {
    const decoder = new TextDecoder('utf-8');
    for await (const chunk of this) {
      const piece = decoder.decode(chunk, { stream: true });
      if (piece !== '') yield piece;
    }
    const rest = decoder.decode();
    if (rest !== '') yield rest;
  }

  /** Reads the whole response into one byte array. */
  async bytes(): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of this) {
      parts.push(chunk);
      size += chunk.byteLength;
    }
    const out = new Uint8Array(size);
    let offset = 0;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.byteLength;
    }
    return out;
  }
}
