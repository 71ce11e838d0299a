import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textChunks } from '../../../src/predict/index.js';
import { chunked, collect, everySplit, withCuts } from './support.js';

// Two-, three- and four-byte characters, and a combining accent, side by side.
const SAMPLE = 'naïve € 𝄞 café 🚢 e\u0301';

describe('textChunks', () => {
  it.each(everySplit(SAMPLE))('never splits a character ($name)', async ({ cuts }) => {
    const pieces = await collect(textChunks(chunked(SAMPLE, cuts).stream));
    expect(pieces.join('')).toBe(SAMPLE);
    expect(pieces.join('')).not.toContain('\uFFFD');
    for (const piece of pieces) expect(piece).not.toBe('');
  });

  it('gives the same text for any chunking (property)', async () => {
    await fc.assert(
      fc.asyncProperty(withCuts(fc.string({ unit: 'grapheme', maxLength: 30 })), async ([text, cuts]) => {
        const pieces = await collect(textChunks(chunked(text, cuts).stream));
        expect(pieces.join('')).toBe(text);
      }),
    );
  });

  it('reads strings as they are, flushing a character left pending before them', async () => {
    const euro = new TextEncoder().encode('€');
    async function* mixed() {
      yield euro.subarray(0, 2);
      yield euro.subarray(2);
      yield ' and ';
      yield euro.subarray(0, 1);
      yield '!';
    }
    expect((await collect(textChunks(mixed()))).join('')).toBe('€ and \uFFFD!');
  });

  it('replaces bytes that are not UTF-8 rather than failing, and a character the stream ends inside', async () => {
    const { stream } = chunked(new Uint8Array([0x61, 0xff, 0x62, 0xe2, 0x82]));
    expect((await collect(textChunks(stream))).join('')).toBe('a\uFFFDb\uFFFD');
  });
});
