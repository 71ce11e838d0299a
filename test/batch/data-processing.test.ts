import { describe, expect, it } from 'vitest';
import { joinRecord, outputRecords } from '../../src/batch/data-processing.js';
import { parseJsonPath, selectJsonPath } from '../../src/batch/json-path.js';
import { miniBatches, splitRecords } from '../../src/batch/records.js';
import { InvalidArgumentError } from '../../src/errors.js';

const enc = (text: string) => new TextEncoder().encode(text);
const select = (path: string, value: unknown) => selectJsonPath(parseJsonPath(path, 'filter'), value);

describe('the JSONPath subset', () => {
  it('selects as SageMaker documents', () => {
    expect(select('$', [1, 2])).toEqual([1, 2]);
    expect(select('$[1:]', ['id', 1, 2])).toEqual([1, 2]);
    expect(select('$[0,2]', ['a', 'b', 'c'])).toEqual(['a', 'c']);
    expect(select('$[0,5:]', [0, 1, 2, 3, 4, 5, 6])).toEqual([0, 5, 6]);
    expect(select('$[-1]', [1, 2, 3])).toBe(3);
    expect(select('$.features', { features: [1, 2] })).toEqual([1, 2]);
    expect(select("$['id','SageMakerOutput']", { id: 1, x: 2, SageMakerOutput: 3 })).toEqual({
      id: 1,
      SageMakerOutput: 3,
    });
    expect(select('$.a[0]', { a: [7] })).toBe(7);
    expect(select('$.*', { a: 1, b: 2 })).toEqual([1, 2]);
  });

  it('refuses what it does not support, and records it does not apply to', () => {
    for (const path of ['features', '$..x', '$[?(@.a)]', '$[a]']) {
      expect(() => parseJsonPath(path, 'inputFilter')).toThrow(InvalidArgumentError);
    }
    expect(() => select('$[5]', [1])).toThrow(/no \[5\]/);
    expect(() => select('$.x', { y: 1 })).toThrow(/no member "x"/);
  });
});

describe('records and joins', () => {
  it('splits lines and RecordIO, and groups records within maxPayloadMb', () => {
    expect(splitRecords(enc('a\r\nb\n\nc\n'), 'Line').map((r) => new TextDecoder().decode(r))).toEqual(['a', 'b', 'c']);
    const record = new Uint8Array([0x0a, 0x23, 0xd7, 0xce, 3, 0, 0, 0, 1, 2, 3, 0]);
    expect(splitRecords(new Uint8Array([...record, ...record]), 'RecordIO')).toHaveLength(2);
    const big = new Uint8Array(600 * 1024);
    expect(
      miniBatches([big, big, big], { splitType: 'Line', batchStrategy: 'MultiRecord', maxPayloadMb: 1 }).map(
        (b) => b.records.length,
      ),
    ).toEqual([1, 1, 1]);
    expect(() =>
      miniBatches([new Uint8Array(2 * 1024 * 1024)], {
        splitType: 'Line',
        batchStrategy: 'MultiRecord',
        maxPayloadMb: 1,
      }),
    ).toThrow(/record 1/);
  });

  it('joins CSV cells, JSON objects and other JSON as SageMaker does', () => {
    expect(joinRecord([1, 2], [0.9, 0.1], 'csv')).toEqual([1, 2, 0.9, 0.1]);
    expect(joinRecord({ id: 1 }, 'x', 'json')).toEqual({ id: 1, SageMakerOutput: 'x' });
    expect(joinRecord([1, 2], 'x', 'json')).toEqual({ SageMakerInput: [1, 2], SageMakerOutput: 'x' });
  });

  it('matches answers to records: lines, arrays, {"predictions": […]}', () => {
    expect(outputRecords(enc('1,2\n3,4\n'), 'csv', 2)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(outputRecords(enc('{"predictions":[1,2]}'), 'json', 2)).toEqual([1, 2]);
    expect(outputRecords(enc('{"a":1}\n{"a":2}'), 'json', 2)).toEqual([{ a: 1 }, { a: 2 }]);
    expect(() => outputRecords(enc('{"a":1}'), 'json', 2)).toThrow(/SingleRecord/);
  });
});
