import { keepDecoded } from './interrupted.js';
import { splitLines } from './lines.js';
import type { StreamSource } from './text-chunks.js';

/**
 * One server-sent event, as `EventSource` would dispatch it.
 *
 * @example
 * ```ts
 * for await (const event of serverSentEvents(llm.predictStream(request))) {
 *   if (event.event === 'message') console.log(JSON.parse(event.data));
 * }
 * ```
 */
export interface ServerSentEvent {
  /** The `event:` field; `message` when the event named none. */
  readonly event: string;
  /** The event's `data:` lines, joined with `\n`. */
  readonly data: string;
  /** The last `id:` in the stream so far (an id carries over to later events, as in `EventSource`); `''` if none. */
  readonly id: string;
  /** This event's `retry:` field, in milliseconds, when it had a valid one. */
  readonly retry?: number;
}

/**
 * Options of {@link serverSentEvents}.
 *
 * @example
 * ```ts
 * // A container that ends its stream with `data: <end>` rather than `data: [DONE]`:
 * for await (const event of serverSentEvents(stream, { done: '<end>' })) console.log(event.data);
 * ```
 */
export interface ServerSentEventsOptions {
  /**
   * The `data` that ends the stream: the event is not yielded, and the stream is closed without reading on.
   * `false` to read to the end. @default '[DONE]' (OpenAI-style and TGI `/v1` containers send `data: [DONE]`)
   */
  readonly done?: string | false;
}

/** @internal {@link serverSentEvents} without keeping what was decoded, for decoders built on it. */
export async function* parseServerSentEvents(
  source: StreamSource,
  options: ServerSentEventsOptions = {},
): AsyncGenerator<ServerSentEvent, void, undefined> {
  const done = options.done ?? '[DONE]';
  let data: string[] = [];
  let event = '';
  let id = '';
  let retry: number | undefined;
  let first = true;
  const dispatch = (): ServerSentEvent | undefined => {
    // An event with no data line is no event (the spec's rule): `event:` or `id:` alone only set state.
    const out =
      data.length === 0
        ? undefined
        : { event: event || 'message', data: data.join('\n'), id, ...(retry === undefined ? {} : { retry }) };
    data = [];
    event = '';
    retry = undefined;
    return out;
  };
  for await (let line of splitLines(source)) {
    // A byte order mark may open the stream (bytes lose it in decoding; text may still carry it).
    if (first && line.startsWith('\uFEFF')) line = line.slice(1);
    first = false;
    if (line === '') {
      const out = dispatch();
      if (out === undefined) continue;
      if (out.data === done) return;
      yield out;
      continue;
    }
    if (line.startsWith(':')) continue; // a comment: servers send them as keep-alives
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const raw = colon === -1 ? '' : line.slice(colon + 1);
    const value = raw.startsWith(' ') ? raw.slice(1) : raw;
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    else if (field === 'id' && !value.includes('\0')) id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
    // Any other field is ignored, as the spec says.
  }
  // The spec drops an event the stream ends in the middle of; a clean end without the final blank line is
  // common enough from hand-written containers that losing their last token would be the worse surprise.
  const last = dispatch();
  if (last !== undefined && last.data !== done) yield last;
}

/**
 * Reads a server-sent-event stream (`text/event-stream`, as Hugging Face TGI and OpenAI-style containers send):
 * `data:` lines (several joined with `\n`), `event:`, `id:` and `retry:` fields, `:` comments skipped, events
 * split across chunks anywhere joined. An event whose data is `[DONE]` ends the stream and closes it.
 * `PredictionStream.serverSentEvents()` is the same.
 *
 * @throws DecodedStreamInterruptedError when the stream breaks off, with the events read before the break.
 *
 * @example
 * ```ts
 * for await (const { data } of serverSentEvents(stream)) console.log(JSON.parse(data));
 * ```
 */
export function serverSentEvents(
  source: StreamSource,
  options: ServerSentEventsOptions = {},
): AsyncGenerator<ServerSentEvent, void, undefined> {
  return keepDecoded(parseServerSentEvents(source, options));
}
