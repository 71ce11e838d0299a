import { parseItem } from './format-error.js';
import { keepDecoded } from './interrupted.js';
import { splitLines } from './lines.js';
import type { StreamSource } from './text-chunks.js';

/** @internal {@link jsonLineValues} without keeping what was decoded, for decoders built on it. */
export async function* parseJsonLines<T>(source: StreamSource): AsyncGenerator<T, void, undefined> {
  let number = 0;
  for await (const line of splitLines(source)) {
    number += 1;
    // Containers pad streams with blank lines (keep-alives, a trailing newline); they hold no value.
    if (line.trim() !== '') yield parseItem<T>(line, 'line', number);
  }
}

/**
 * Reads a streamed JSON Lines response (`application/jsonlines`, as LMI containers and the Local target send
 * structured chunks): one value per line, however the lines are split across chunks; blank lines skipped.
 * `PredictionStream.jsonLines()` is the same. (Named apart from the `jsonLines()` codec, which reads whole
 * responses.)
 *
 * @typeParam T - The type of each line's value; not checked.
 * @throws StreamFormatError naming the line when a line is not JSON (the stream is closed).
 * @throws DecodedStreamInterruptedError when the stream breaks off, with the values read before the break.
 *
 * @example
 * ```ts
 * for await (const chunk of jsonLineValues<{ token: { text: string } }>(stream)) write(chunk.token.text);
 * ```
 */
export function jsonLineValues<T = unknown>(source: StreamSource): AsyncGenerator<T, void, undefined> {
  return keepDecoded(parseJsonLines<T>(source));
}
