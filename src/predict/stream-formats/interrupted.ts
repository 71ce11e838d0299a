import { StreamInterruptedError } from '../stream-error.js';

/**
 * A {@link StreamInterruptedError} thrown through a stream decoder: the same `code`, message, `received` bytes,
 * `streamErrorCode` and `cause`, plus what the decoder made of the stream before it broke off, e.g. the tokens of
 * a half-finished answer. Catch `StreamInterruptedError` to handle every break; this class to read `decoded`.
 *
 * @typeParam T - What the decoder yields: a token string, an event, a JSON value.
 *
 * @example
 * ```ts
 * try {
 *   for await (const token of llm.predictStream(prompt).tokens('tgi')) write(token);
 * } catch (error) {
 *   if (error instanceof DecodedStreamInterruptedError) console.warn(`cut off after ${error.decoded.length} tokens`);
 *   else throw error;
 * }
 * ```
 */
export class DecodedStreamInterruptedError<T = unknown> extends StreamInterruptedError {
  /** Everything the decoder yielded before the break, in order. */
  readonly decoded: readonly T[];

  constructor(
    code: 'MODEL_ERROR' | 'SERVICE_ERROR',
    message: string,
    received: Uint8Array,
    decoded: readonly T[],
    options: ConstructorParameters<typeof StreamInterruptedError>[3] = {},
  ) {
    super(code, message, received, options);
    this.decoded = decoded;
  }

  /** The same break, carrying `decoded` (replacing what an inner decoder had kept). */
  static from<T>(error: StreamInterruptedError, decoded: readonly T[]): DecodedStreamInterruptedError<T> {
    const copy = new DecodedStreamInterruptedError<T>(
      error.code as 'MODEL_ERROR' | 'SERVICE_ERROR',
      error.message,
      error.received,
      decoded,
      { cause: error.cause, retryable: error.retryable, aws: error.aws, streamErrorCode: error.streamErrorCode },
    );
    // Where the stream broke is more use to a reader than where the decoder rethrew it.
    if (error.stack !== undefined) copy.stack = error.stack.replace(error.name, copy.name);
    return copy;
  }
}

/**
 * @internal Passes `values` through, keeping each one, so that a {@link StreamInterruptedError} from below
 * comes out as a {@link DecodedStreamInterruptedError} holding them. Public decoders wrap themselves in this once,
 * outermost, so only the values the caller saw are kept. Leaving early closes `values` (and, through it, the
 * connection) as `for await` does.
 */
export async function* keepDecoded<T>(values: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
  const decoded: T[] = [];
  try {
    for await (const value of values) {
      decoded.push(value);
      yield value;
    }
  } catch (error) {
    if (error instanceof StreamInterruptedError) throw DecodedStreamInterruptedError.from(error, decoded);
    throw error;
  }
}
