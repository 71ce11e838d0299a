import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../src/errors.js';
import { bytes, text } from '../../../src/predict/serde/bytes.js';

describe('bytes()', () => {
  it('sends and returns bytes unchanged, with the media types asked for', () => {
    const codec = bytes({ contentType: 'image/jpeg', accept: 'application/json' });
    expect([codec.contentType, codec.accept]).toEqual(['image/jpeg', 'application/json']);
    fc.assert(
      fc.property(fc.uint8Array(), (b) => {
        expect(codec.deserialize(codec.serialize(b))).toEqual(b);
      }),
    );
    expect(codec.packRows).toBeUndefined();
  });

  it('refuses what is not bytes', () => {
    expect(() => bytes().serialize('text' as unknown as Uint8Array)).toThrow(InvalidArgumentError);
  });
});

describe('text()', () => {
  it('round-trips any string as UTF-8', () => {
    const codec = text();
    expect(codec.contentType).toBe('text/plain');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(codec.deserialize(codec.serialize(s))).toBe(s);
      }),
    );
  });

  it('refuses bytes that are not UTF-8 rather than inventing characters', () => {
    expect(() => text().deserialize(new Uint8Array([0xff, 0xfe, 0x41]))).toThrow(TypeError);
  });
});
