import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../src/errors.js';
import { type CsvRow, csv, parseCsv } from '../../../src/predict/serde/csv.js';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const number = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(0, -0, Number.NaN, Number.POSITIVE_INFINITY, 1e21));
const cell = fc.oneof(
  number,
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('12', ' 1', 'nan', 'a,b', 'say "hi"', 'x\r\ny', ''),
);
const row = fc.array(cell, { minLength: 1, maxLength: 8 });

describe('csv()', () => {
  const codec = csv();

  it('round-trips rows of numbers', () => {
    fc.assert(
      fc.property(fc.array(number, { minLength: 1, maxLength: 16 }), (r) => {
        expect(codec.deserialize(codec.serialize(r))).toEqual(r);
      }),
    );
  });

  it('round-trips rows of numbers and strings, whatever the strings hold', () => {
    fc.assert(
      fc.property(row, (r) => {
        expect(codec.deserialize(codec.serialize(r))).toEqual(r);
      }),
    );
  });

  it('packs rows as lines and splits them back', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 20 }), (rows) => {
        expect(codec.splitRows!(codec.packRows!(rows), rows.length)).toEqual(rows);
      }),
    );
  });

  it('writes RFC 4180: bare numbers, quotes only where needed, doubled quotes', () => {
    expect(text(codec.serialize([1, 2.5, -3e-7, 'plain', 'a,b', 'say "hi"', '12']))).toBe(
      '1,2.5,-3e-7,plain,"a,b","say ""hi""","12"',
    );
    expect(text(codec.serialize([Number.NaN, Number.NEGATIVE_INFINITY]))).toBe('nan,-inf');
    expect(
      text(
        codec.packRows!([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toBe('1,2\n3,4');
  });

  it('reads what models answer: CRLF, a final line break, numbers as numbers, quoted text as text', () => {
    expect(parseCsv('0.25,"0.75"\r\n1,x\r\n')).toEqual([
      [0.25, '0.75'],
      [1, 'x'],
    ]);
    expect(codec.deserialize(new TextEncoder().encode('0.97\n'))).toEqual([0.97]);
    expect(csv({ parseNumbers: false }).deserialize(new TextEncoder().encode('1,2'))).toEqual(['1', '2']);
  });

  it('refuses malformed CSV and a response of other than one line for one row', () => {
    expect(() => parseCsv('"open')).toThrow(/not closed/);
    expect(() => parseCsv('"a"b')).toThrow(/after a closing quote/);
    expect(() => codec.deserialize(new TextEncoder().encode('1\n2\n'))).toThrow(/expected 1 CSV line for 1 row, got 2/);
  });

  it('reports rows it cannot write as bad input, naming the row', () => {
    expect(() => codec.serialize([] as CsvRow)).toThrow(InvalidArgumentError);
    expect(() => codec.packRows!([[1], [null as unknown as number]])).toThrow(
      expect.objectContaining({ argument: 'input[1]' }),
    );
  });
});
