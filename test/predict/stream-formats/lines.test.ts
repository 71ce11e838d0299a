import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textLines } from '../../../src/predict/index.js';
import { chunked, collect, everySplit, withCuts } from './support.js';

const SAMPLE = 'one\ntwo\r\nthree\rfour\r\n\r\nfünf€';
const LINES = ['one', 'two', 'three', 'four', '', 'fünf€'];

describe('textLines', () => {
  it.each(everySplit(SAMPLE))('joins lines and CRLF split across chunks ($name)', async ({ cuts }) => {
    expect(await collect(textLines(chunked(SAMPLE, cuts).stream))).toEqual(LINES);
  });

  it('splits like String.split on the whole text, for any text and chunking (property)', async () => {
    const text = fc.stringMatching(/^[a\r\n€]{0,30}$/);
    await fc.assert(
      fc.asyncProperty(withCuts(text), async ([sample, cuts]) => {
        const whole = sample.split(/\r\n|\r|\n/);
        if (whole.at(-1) === '') whole.pop(); // a final line ending opens no line
        expect(await collect(textLines(chunked(sample, cuts).stream))).toEqual(whole);
      }),
    );
  });

  it('keeps a CR at the end of the stream as a line end, and a CR then LF in separate chunks as one', async () => {
    expect(await collect(textLines(chunked('a\r', []).stream))).toEqual(['a']);
    expect(await collect(textLines(chunked('a\r\nb', [2]).stream))).toEqual(['a', 'b']);
    expect(await collect(textLines(chunked('a\r\rb', [2]).stream))).toEqual(['a', '', 'b']);
  });
});
