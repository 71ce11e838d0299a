import { ModelError } from '../../errors.js';

/**
 * Where in a stream a {@link StreamFormatError} happened: a JSON line, or a server-sent event's data.
 *
 * @example
 * ```ts
 * if (error instanceof StreamFormatError && error.kind === 'line') console.error(`line ${error.index} is not JSON`);
 * ```
 */
export type StreamItemKind = 'line' | 'event';

// Enough of the bad text to recognise it, without copying a huge payload into every log line.
const SHOWN_CHARS = 200;

/**
 * A streamed response could not be read in the format asked for: a JSON line (or an event's data) that is not
 * JSON. A `ModelError` (`MODEL_ERROR`), as for a `predict` response its deserializer cannot read: the container
 * answered with something other than what was asked. Reading stops there and the stream is closed.
 *
 * @example
 * ```ts
 * try {
 *   for await (const value of jsonLineValues(llm.predictStream(request))) handle(value);
 * } catch (error) {
 *   if (error instanceof StreamFormatError) console.error(`${error.kind} ${error.index}: ${error.text}`);
 * }
 * ```
 */
export class StreamFormatError extends ModelError {
  /** Whether {@link index} counts lines (JSON lines) or events (server-sent events). */
  readonly kind: StreamItemKind;
  /** The 1-based number of the bad line (blank lines counted) or event in the stream. */
  readonly index: number;
  /** The text that could not be read. */
  readonly text: string;

  constructor(kind: StreamItemKind, index: number, text: string, options: { cause?: unknown } = {}) {
    const shown = text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : text;
    const why = options.cause instanceof Error ? `: ${options.cause.message}` : '';
    super(
      `${kind === 'line' ? 'Line' : 'Event'} ${index} of the stream is not JSON${why} (${JSON.stringify(shown)}).`,
      {
        ...options,
        originalMessage: text,
      },
    );
    this.kind = kind;
    this.index = index;
    this.text = text;
  }
}

/** @internal Parses one streamed item, naming it when it is not JSON. */
export function parseItem<T>(text: string, kind: StreamItemKind, index: number): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new StreamFormatError(kind, index, text, { cause: error });
  }
}
