import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonLineValues, StreamFormatError } from '../../../src/predict/index.js';
import { chunked, collect, everySplit, rejection, withCuts } from './support.js';

const SAMPLE = '{"token":{"text":" wörld"}}\n\n{"token":{"text":"🚢"}}\r\n   \n[1,2]\n"x"';
const VALUES = [{ token: { text: ' wörld' } }, { token: { text: '🚢' } }, [1, 2], 'x'];

describe('jsonLineValues', () => {
  it.each(everySplit(SAMPLE))(
    'reassembles lines split across chunks, skipping blank ones ($name)',
    async ({ cuts }) => {
      expect(await collect(jsonLineValues(chunked(SAMPLE, cuts).stream))).toEqual(VALUES);
    },
  );

  it('reads back any values written one per line, however chunked (property)', async () => {
    const lines = fc.array(fc.jsonValue(), { maxLength: 8 }).map((values) => ({
      values: JSON.parse(JSON.stringify(values)) as unknown[],
      text: values.map((v) => JSON.stringify(v)).join('\n'),
    }));
    await fc.assert(
      fc.asyncProperty(
        lines.chain(({ values, text }) => withCuts(fc.constant(text)).map(([, cuts]) => ({ values, text, cuts }))),
        async ({ values, text, cuts }) => {
          expect(await collect(jsonLineValues(chunked(text, cuts).stream))).toEqual(values);
        },
      ),
    );
  });

  it('names the bad line (blank lines counted), stops there and closes the stream', async () => {
    const { stream, state } = chunked('{"a":1}\n\n{"a":\n{"a":3}\n', [3, 12]);
    const seen: unknown[] = [];
    const error = await rejection(
      (async () => {
        for await (const value of jsonLineValues(stream)) seen.push(value);
      })(),
    );
    expect(seen).toEqual([{ a: 1 }]);
    expect(error).toBeInstanceOf(StreamFormatError);
    expect(error).toMatchObject({ code: 'MODEL_ERROR', kind: 'line', index: 3, text: '{"a":', retryable: false });
    expect((error as Error).message).toMatch(/^Line 3 of the stream is not JSON: .*\("\{\\"a\\":"\)\.$/);
    expect(state.closed).toBe(true);
  });
});
