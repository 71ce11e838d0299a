import { describe, expect, it } from 'vitest';
import {
  DecodedStreamInterruptedError,
  jsonLineValues,
  StreamInterruptedError,
  serverSentEvents,
  textChunks,
  tokens,
} from '../../../src/predict/index.js';
import { collect, rejection } from './support.js';

const utf8 = new TextEncoder();

/** A stream that sends `parts`, then breaks off as the transport does, recording whether it was closed. */
function breaking(parts: readonly string[], options: { hang?: boolean } = {}) {
  const state = { closed: false };
  async function* read(): AsyncGenerator<Uint8Array, void, undefined> {
    const received: Uint8Array[] = [];
    try {
      for (const part of parts) {
        received.push(utf8.encode(part));
        yield utf8.encode(part);
      }
      if (options.hang) await new Promise(() => {});
      throw new StreamInterruptedError(
        'MODEL_ERROR',
        'The model broke off its stream (StreamBroken)',
        utf8.encode(parts.join('')),
        {
          streamErrorCode: 'StreamBroken',
          cause: new Error('GPU fell over'),
        },
      );
    } finally {
      state.closed = true;
    }
  }
  return { stream: read(), state };
}

describe('a stream that breaks off under a decoder', () => {
  it('carries the decoded values as well as the bytes, and is still a StreamInterruptedError', async () => {
    const parts = ['data:{"token":{"text":"Once"}}\n\ndata:{"token":{"text":" upon"}}\n\nda', 'ta:{"tok'];
    const error = await rejection(collect(tokens(breaking(parts).stream, 'tgi')));
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(error).toBeInstanceOf(DecodedStreamInterruptedError);
    const broke = error as DecodedStreamInterruptedError<string>;
    expect(broke).toMatchObject({
      code: 'MODEL_ERROR',
      streamErrorCode: 'StreamBroken',
      retryable: false,
      fault: 'server',
      name: 'DecodedStreamInterruptedError',
      message: 'The model broke off its stream (StreamBroken)',
    });
    expect(broke.decoded).toEqual(['Once', ' upon']);
    expect(new TextDecoder().decode(broke.received)).toBe(parts.join(''));
    expect((broke.cause as Error).message).toBe('GPU fell over');
  });

  it.each([
    ['textChunks', () => textChunks(breaking(['a', 'b']).stream), ['a', 'b']],
    ['jsonLineValues', () => jsonLineValues(breaking(['1\n2\n', '3']).stream), [1, 2]],
    [
      'serverSentEvents',
      () => serverSentEvents(breaking(['data: x\n\n', 'data: y']).stream),
      [{ event: 'message', data: 'x', id: '' }],
    ],
  ] as const)('%s keeps what it yielded', async (_, decode, decoded) => {
    const error = await rejection(collect(decode() as AsyncIterable<unknown>));
    expect(error).toMatchObject({ decoded });
  });

  it('keeps only the outer decoder’s values when decoders are stacked', async () => {
    const error = await rejection(collect(jsonLineValues(textChunks(breaking(['1\n', '2\n3']).stream))));
    expect((error as DecodedStreamInterruptedError).decoded).toEqual([1, 2]);
  });

  it('closes the stream underneath when the reader breaks out of the loop', async () => {
    const { stream, state } = breaking(['data:{"token":{"text":"a"}}\n\n', 'data:{"token":{"text":"b"}}\n\n'], {
      hang: true,
    });
    for await (const token of tokens(stream, 'tgi')) {
      expect(token).toBe('a');
      break;
    }
    expect(state.closed).toBe(true);
  });
});
