import { InvalidArgumentError } from '../errors.js';
import { concatBytes } from './stream-formats/concat-bytes.js';
import { jsonLineValues } from './stream-formats/json-lines.js';
import {
  type ServerSentEvent,
  type ServerSentEventsOptions,
  serverSentEvents,
} from './stream-formats/server-sent-events.js';
import { textChunks } from './stream-formats/text-chunks.js';
import type { TokenFormat, TokenFormatName } from './stream-formats/token-formats.js';
import { tokens } from './stream-formats/tokens.js';

/**
 * The response of `predictStream`, read once with `for await`: raw chunks as they arrive, or decoded with
 * {@link text} (UTF-8, characters split across chunks joined), {@link jsonLines}, {@link serverSentEvents} or
 * {@link tokens} (an LLM's text tokens). Nothing is sent until reading starts; leaving the loop early (`break`,
 * `return`, a throw) or aborting the call's signal closes the connection, through any decoder.
 *
 * @example
 * ```ts
 * for await (const piece of llm.predictStream({ inputs: 'Hello' }).text()) process.stdout.write(piece);
 * for await (const token of llm.predictStream({ inputs: 'Hello', stream: true }).tokens('tgi')) write(token);
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

  /** The response as UTF-8 text, chunk by chunk (see {@link textChunks}). */
  text(): AsyncGenerator<string, void, undefined> {
    return textChunks(this);
  }

  /**
   * The response as JSON lines, one value per line (see {@link jsonLineValues}).
   * @throws StreamFormatError naming the line that is not JSON.
   * @throws DecodedStreamInterruptedError on a break, with the values read before it.
   */
  jsonLines<T = unknown>(): AsyncGenerator<T, void, undefined> {
    return jsonLineValues<T>(this);
  }

  /**
   * The response as server-sent events; `data: [DONE]` ends it (see {@link serverSentEvents}).
   * @throws DecodedStreamInterruptedError on a break, with the events read before it.
   */
  serverSentEvents(options: ServerSentEventsOptions = {}): AsyncGenerator<ServerSentEvent, void, undefined> {
    return serverSentEvents(this, options);
  }

  /**
   * An LLM's text tokens, in the container's format: `tgi`, `lmi`, `openai` or your own (see {@link tokens}).
   * @throws StreamFormatError when an event or line is not JSON.
   * @throws DecodedStreamInterruptedError on a break or a failure the model reports in the stream, with the
   * tokens read before it (`decoded.join('')` is the partial answer).
   */
  tokens(format: TokenFormatName | TokenFormat): AsyncGenerator<string, void, undefined> {
    return tokens(this, format);
  }

  /** Reads the whole response into one byte array. */
  async bytes(): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    for await (const chunk of this) parts.push(chunk);
    return concatBytes(parts);
  }
}
