// Helpers for the stream decoders' tests: a sample cut into chunks wherever a test (or fast-check) chooses.
import fc from 'fast-check';

const utf8 = new TextEncoder();

/** A stream of `bytes` cut at `cuts` (any order, duplicates and empty pieces allowed), recording whether it was closed. */
export function chunked(sample: string | Uint8Array, cuts: readonly number[] = []) {
  const bytes = typeof sample === 'string' ? utf8.encode(sample) : sample;
  const points = [...new Set([0, ...cuts, bytes.length])].sort((a, b) => a - b);
  const state = { closed: false, pulled: 0 };
  async function* read(): AsyncGenerator<Uint8Array, void, undefined> {
    try {
      for (let i = 1; i < points.length; i++) {
        state.pulled += 1;
        yield bytes.slice(points[i - 1], points[i]);
      }
    } finally {
      state.closed = true;
    }
  }
  return { stream: read(), state };
}

/** Every way to cut `sample` in two, and byte by byte. */
export function everySplit(sample: string): { name: string; cuts: number[] }[] {
  const length = utf8.encode(sample).length;
  const splits = Array.from({ length: length + 1 }, (_, at) => ({ name: `cut at ${at}`, cuts: [at] }));
  splits.push({ name: 'byte by byte', cuts: Array.from({ length }, (_, i) => i) });
  return splits;
}

/** fast-check: a sample from `samples` with cut points inside its bytes. */
export function withCuts(samples: fc.Arbitrary<string>): fc.Arbitrary<[string, number[]]> {
  return samples.chain((sample) => {
    const length = utf8.encode(sample).length;
    return fc.tuple(fc.constant(sample), fc.array(fc.integer({ min: 0, max: length }), { maxLength: 40 }));
  });
}

/** Everything an async iterable yields. */
export async function collect<T>(values: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of values) out.push(value);
  return out;
}

/** What a promise rejected with. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
