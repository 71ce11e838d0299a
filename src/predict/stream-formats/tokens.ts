import { InvalidArgumentError } from '../../errors.js';
import { concatBytes } from './concat-bytes.js';
import { parseItem } from './format-error.js';
import { DecodedStreamInterruptedError, keepDecoded } from './interrupted.js';
import { parseJsonLines } from './json-lines.js';
import { parseServerSentEvents } from './server-sent-events.js';
import type { StreamSource } from './text-chunks.js';
import { TOKEN_FORMATS, type TokenFormat, type TokenFormatName } from './token-formats.js';

/**
 * The text tokens of an LLM's streamed answer, in order, whatever the container's format: server-sent events or
 * JSON lines split anywhere across chunks are reassembled, then each value's token text is taken out. Values
 * without a token (TGI's special tokens, OpenAI's role-only first delta) and empty tokens are skipped; named
 * server-sent events other than `error` (pings, metadata) are ignored. `PredictionStream.tokens(format)` is the same.
 *
 * @param format - A {@link TokenFormatName} (`tgi`, `lmi`, `openai`) or a {@link TokenFormat} of your own.
 * @throws InvalidArgumentError (when read) for an unknown format name.
 * @throws StreamFormatError when an event's data or a line is not JSON.
 * @throws DecodedStreamInterruptedError when the stream breaks off, or the container reports an error inside the
 * stream (`MODEL_ERROR`, `streamErrorCode` `ModelReportedError`), with the tokens read before it in `decoded`:
 * `decoded.join('')` is the partial answer.
 *
 * @example
 * ```ts
 * for await (const token of tokens(llm.predictStream({ inputs: 'Hi', stream: true }), 'tgi')) write(token);
 * ```
 */
export function tokens(
  source: StreamSource,
  format: TokenFormatName | TokenFormat,
): AsyncGenerator<string, void, undefined> {
  return keepDecoded(readTokens(source, format));
}

/** A value of the stream, or the failure an `event: error` reported. */
type Item = { readonly value: unknown } | { readonly failure: string };

async function* readTokens(
  source: StreamSource,
  format: TokenFormatName | TokenFormat,
): AsyncGenerator<string, void, undefined> {
  const spec =
    typeof format === 'string' ? (Object.hasOwn(TOKEN_FORMATS, format) ? TOKEN_FORMATS[format] : undefined) : format;
  if (spec === undefined) {
    throw new InvalidArgumentError(
      'format',
      `Unknown token format ${JSON.stringify(format)}; use one of ${Object.keys(TOKEN_FORMATS).join(', ')}, or a TokenFormat.`,
    );
  }
  // The bytes so far, for the error when the container reports a failure inside the stream: the transport only
  // keeps them for breaks it sees itself.
  const received: Uint8Array[] = [];
  const encoder = new TextEncoder();
  async function* tapped(): AsyncGenerator<Uint8Array | string, void, undefined> {
    for await (const chunk of source) {
      received.push(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      yield chunk;
    }
  }
  const fail = (failure: string): never => {
    // As the transport reports a ModelStreamError: the model broke off its answer. keepDecoded adds the tokens.
    const bytes = concatBytes(received);
    throw new DecodedStreamInterruptedError(
      'MODEL_ERROR',
      `The model reported an error in its stream after ${bytes.byteLength} bytes: ${failure}`,
      bytes,
      [],
      { streamErrorCode: 'ModelReportedError' },
    );
  };
  for await (const item of items(tapped(), spec.framing)) {
    if ('failure' in item) fail(item.failure);
    else {
      const failure = spec.error?.(item.value);
      if (failure !== undefined) fail(failure);
      const token = spec.token(item.value);
      if (token !== undefined && token !== '') yield token;
    }
  }
}

/** The JSON values of a stream, by framing. */
async function* items(source: StreamSource, framing: TokenFormat['framing']): AsyncGenerator<Item, void, undefined> {
  if (framing === 'jsonlines') {
    for await (const value of parseJsonLines(source)) yield { value };
    return;
  }
  let number = 0;
  for await (const event of parseServerSentEvents(source)) {
    number += 1;
    if (event.event === 'error') yield { failure: event.data };
    else if (event.event === 'message') yield { value: parseItem(event.data, 'event', number) };
  }
}
