import { keepDecoded } from './interrupted.js';
import { decodeText, type StreamSource } from './text-chunks.js';

/**
 * Splits a stream into lines, wherever the chunk boundaries fall: a line split across chunks is joined, and a
 * CRLF split between two chunks is one line end. Lines end at LF, CRLF or CR (as server-sent events allow) and
 * are yielded without their ending; a last line without an ending is yielded at the end of the stream.
 *
 * @throws DecodedStreamInterruptedError when the stream breaks off, with the lines read before the break.
 *
 * @example
 * ```ts
 * for await (const line of textLines(llm.predictStream(request))) console.log(line);
 * ```
 */
export function textLines(source: StreamSource): AsyncGenerator<string, void, undefined> {
  return keepDecoded(splitLines(source));
}

/** @internal {@link textLines} without keeping what was decoded, for decoders built on it. */
export async function* splitLines(source: StreamSource): AsyncGenerator<string, void, undefined> {
  // Per call, not shared: the generator suspends inside the loop below, and `lastIndex` is the regex's state.
  const lineEnd = /\r\n?|\n/g;
  let pending = '';
  // The previous chunk ended in CR: an LF opening this chunk completes that CRLF and is no line of its own.
  let afterCr = false;
  for await (const chunk of decodeText(source)) {
    let from = 0;
    if (afterCr && chunk.startsWith('\n')) from = 1;
    afterCr = false;
    lineEnd.lastIndex = from;
    for (let end = lineEnd.exec(chunk); end !== null; end = lineEnd.exec(chunk)) {
      const line = pending + chunk.slice(from, end.index);
      pending = '';
      from = end.index + end[0].length;
      afterCr = end[0] === '\r' && from === chunk.length;
      yield line;
    }
    pending += chunk.slice(from);
  }
  if (pending !== '') yield pending;
}
