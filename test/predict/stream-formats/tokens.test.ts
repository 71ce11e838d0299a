import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../src/errors.js';
import {
  DecodedStreamInterruptedError,
  StreamFormatError,
  StreamInterruptedError,
  type TokenFormat,
  tokens,
} from '../../../src/predict/index.js';
import { chunked, collect, everySplit, rejection } from './support.js';

const tgiEvent = (text: string, special = false, generated: string | null = null) =>
  `data:${JSON.stringify({ token: { id: 1, text, logprob: -0.1, special }, generated_text: generated, details: null })}\n\n`;

// What TGI's /generate_stream sends: a token per event, the last one special with the whole text.
const TGI = [
  tgiEvent('Ahoy'),
  tgiEvent(','),
  tgiEvent(' wörld'),
  tgiEvent(' 🚢'),
  tgiEvent('</s>', true, 'Ahoy, wörld 🚢'),
].join('');
const LMI = [
  '{"token":{"id":1,"text":"Ahoy","log_prob":-0.1}}',
  '{"token":{"id":2,"text":", wörld","log_prob":-0.1}}',
  '{"token":{"id":3,"text":" 🚢","log_prob":-0.1},"generated_text":"Ahoy, wörld 🚢"}',
].join('\n');
const OPENAI = [
  'data: {"choices":[{"index":0,"delta":{"role":"assistant"}}]}\n\n',
  'data: {"choices":[{"index":0,"delta":{"content":"Ahoy, "}}]}\n\n',
  'data: {"choices":[{"index":0,"delta":{"content":"wörld 🚢"},"finish_reason":"stop"}]}\n\n',
  'data: [DONE]\n\n',
].join('');

describe('tokens', () => {
  it.each(everySplit(TGI))('tgi: the token texts, without the special end token ($name)', async ({ cuts }) => {
    expect(await collect(tokens(chunked(TGI, cuts).stream, 'tgi'))).toEqual(['Ahoy', ',', ' wörld', ' 🚢']);
  });

  it.each(everySplit(LMI))('lmi: the token texts of JSON lines ($name)', async ({ cuts }) => {
    expect((await collect(tokens(chunked(LMI, cuts).stream, 'lmi'))).join('')).toBe('Ahoy, wörld 🚢');
  });

  it('openai: chat deltas and completion texts, skipping the role-only first delta, up to [DONE]', async () => {
    const { stream, state } = chunked(`${OPENAI}data: {"choices":[{"text":"never read"}]}\n\n`);
    expect(await collect(tokens(stream, 'openai'))).toEqual(['Ahoy, ', 'wörld 🚢']);
    expect(state.closed).toBe(true);
    const completions = 'data: {"choices":[{"text":"a"}]}\n\ndata: {"choices":[{"text":"b"}]}\n\n';
    expect(await collect(tokens(chunked(completions).stream, 'openai'))).toEqual(['a', 'b']);
  });

  it('reads an answer sent whole (generated_text, or an array of one) and older LMI outputs', async () => {
    expect(await collect(tokens(chunked('[{"generated_text":"all at once"}]\n').stream, 'lmi'))).toEqual([
      'all at once',
    ]);
    expect(await collect(tokens(chunked('{"outputs":[" a"]}\n{"outputs":[" b"]}\n').stream, 'lmi'))).toEqual([
      ' a',
      ' b',
    ]);
    expect(await collect(tokens(chunked('data: {"generated_text":"whole"}\n\n').stream, 'tgi'))).toEqual(['whole']);
  });

  it('takes a format of your own, and ignores named events that are not errors', async () => {
    const deltas: TokenFormat = { framing: 'sse', token: (v) => (v as { delta?: string }).delta };
    const text = 'event: ping\ndata: not json\n\ndata: {"delta":"x"}\n\ndata: {"other":1}\n\n';
    expect(await collect(tokens(chunked(text).stream, deltas))).toEqual(['x']);
  });

  it('turns an error the model reports in the stream into an interruption with the tokens so far', async () => {
    const text = `${tgiEvent('Ahoy')}${tgiEvent(' there')}data:{"error":"CUDA out of memory","error_type":"generation"}\n\n${tgiEvent('never')}`;
    const { stream, state } = chunked(text, [5, 40]);
    const error = await rejection(collect(tokens(stream, 'tgi')));
    expect(error).toBeInstanceOf(DecodedStreamInterruptedError);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    const broke = error as DecodedStreamInterruptedError<string>;
    expect(broke).toMatchObject({ code: 'MODEL_ERROR', streamErrorCode: 'ModelReportedError', retryable: false });
    expect(broke.decoded).toEqual(['Ahoy', ' there']);
    expect(broke.message).toMatch(/CUDA out of memory/);
    expect(new TextDecoder().decode(broke.received)).toBe(text.slice(0, broke.received.byteLength));
    expect(state.closed).toBe(true);

    const named = await rejection(
      collect(tokens(chunked(`${tgiEvent('a')}event: error\ndata: boom\n\n`).stream, 'tgi')),
    );
    expect(named).toMatchObject({ code: 'MODEL_ERROR', decoded: ['a'], message: expect.stringMatching(/boom/) });
    const openai = await rejection(
      collect(tokens(chunked('data: {"error":{"message":"overloaded","code":503}}\n\n').stream, 'openai')),
    );
    expect(openai).toMatchObject({ decoded: [], message: expect.stringMatching(/overloaded/) });
  });

  it('names the event that is not JSON', async () => {
    const error = await rejection(collect(tokens(chunked(`${tgiEvent('a')}data: {oops\n\n`).stream, 'tgi')));
    expect(error).toBeInstanceOf(StreamFormatError);
    expect(error).toMatchObject({ kind: 'event', index: 2, text: '{oops' });
  });

  it('refuses an unknown format when read', async () => {
    const stream = tokens(chunked('').stream, 'gpt' as 'tgi');
    await expect(stream.next()).rejects.toThrow(InvalidArgumentError);
    await expect(collect(tokens(chunked('').stream, 'toString' as 'tgi'))).rejects.toThrow(/Unknown token format/);
  });
});
