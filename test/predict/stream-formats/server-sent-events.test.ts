import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ServerSentEvent, serverSentEvents } from '../../../src/predict/index.js';
import { chunked, collect, everySplit, withCuts } from './support.js';

const read = (text: string, cuts: number[] = [], options = {}) =>
  collect(serverSentEvents(chunked(text, cuts).stream, options));

// A bit of everything: a comment, a named event with an id, multi-line data, CRLF and CR line ends, `data:`
// without its space, a retry, an unknown field, and a multi-byte character.
const SAMPLE =
  ': keep-alive\n\nevent: token\nid: 7\ndata: {"text":"Hé"}\n\ndata: line one\r\ndata:line two\r\n\r\nretry: 1500\nfoo: bar\ndata: 🚢\r\r';
const EVENTS: ServerSentEvent[] = [
  { event: 'token', data: '{"text":"Hé"}', id: '7' },
  { event: 'message', data: 'line one\nline two', id: '7' },
  { event: 'message', data: '🚢', id: '7', retry: 1500 },
];

describe('serverSentEvents', () => {
  it.each(everySplit(SAMPLE))('reads the same events wherever the chunks are cut ($name)', async ({ cuts }) => {
    expect(await read(SAMPLE, cuts)).toEqual(EVENTS);
  });

  it('reads any sequence of data events, however chunked (property)', async () => {
    const datas = fc.array(fc.stringMatching(/^[^\r\n]{0,12}$/), { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(
        datas.chain((list) =>
          withCuts(fc.constant(list.map((d) => `data: ${d}\n\n`).join(''))).map(([text, cuts]) => ({
            list,
            text,
            cuts,
          })),
        ),
        async ({ list, text, cuts }) => {
          const events = await read(text, cuts, { done: false });
          expect(events.map((e) => e.data)).toEqual(list);
        },
      ),
    );
  });

  it('ends at data: [DONE] without yielding it, and closes the stream without reading on', async () => {
    const { stream, state } = chunked('data: a\n\ndata: [DONE]\n\ndata: after\n\n', [9, 24]);
    expect((await collect(serverSentEvents(stream))).map((e) => e.data)).toEqual(['a']);
    expect(state).toEqual({ closed: true, pulled: 2 });
    expect((await read('data: a\n\ndata: [DONE]\n\ndata: b\n\n', [], { done: false })).map((e) => e.data)).toEqual([
      'a',
      '[DONE]',
      'b',
    ]);
    expect((await read('data: a\n\ndata: END\n\n', [], { done: 'END' })).map((e) => e.data)).toEqual(['a']);
  });

  it('follows the spec on fields, empty data and ids', async () => {
    expect(
      await read(
        [
          'event: ignored\n\n', // no data: no event, and the type does not carry over
          'data\n\n', // a field name alone: empty data, still an event
          'id: 1\ndata: a\n\n',
          'data: b\n\n', // the id carries over
          'id: 2\0x\ndata: c\n\n', // an id with NUL is ignored
          'id\ndata: d\n\n', // an empty id resets it
          'retry: soon\ndata:  two spaces\n\n', // a retry that is not a number is ignored; one space is stripped
        ].join(''),
      ),
    ).toEqual([
      { event: 'message', data: '', id: '' },
      { event: 'message', data: 'a', id: '1' },
      { event: 'message', data: 'b', id: '1' },
      { event: 'message', data: 'c', id: '1' },
      { event: 'message', data: 'd', id: '' },
      { event: 'message', data: ' two spaces', id: '' },
    ]);
  });

  it('keeps a last event the stream ends without a blank line after, and skips a leading byte order mark', async () => {
    expect(await read('\uFEFFdata: a\n\ndata: b')).toEqual([
      { event: 'message', data: 'a', id: '' },
      { event: 'message', data: 'b', id: '' },
    ]);
    async function* text() {
      yield '\uFEFFdata: x\n\n';
    }
    expect(await collect(serverSentEvents(text()))).toEqual([{ event: 'message', data: 'x', id: '' }]);
    expect(await read(': only a comment\n\n')).toEqual([]);
  });
});
