// A seeded PRNG for the drift tests: the same data on every run and machine, so the verdicts are fixed.

/** mulberry32 (Tommy Ettinger): a fast 32-bit generator, uniform on [0, 1). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Normal(mean, sd) draws by the Box–Muller transform. */
export function normal(random: () => number, mean = 0, sd = 1): () => number {
  return () => {
    const u = 1 - random(); // (0, 1]: log(0) is not allowed
    const v = random();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

/** Draws one of `categories` with the given weights (summing to 1). */
export function categorical<T>(random: () => number, categories: readonly (readonly [T, number])[]): () => T {
  return () => {
    let r = random();
    for (const [value, weight] of categories) {
      if (r < weight) return value;
      r -= weight;
    }
    return categories[categories.length - 1]![0];
  };
}

/** Rows of three features: x ~ N(xMean, 1), y ~ N(10, 2), color with the given shares. */
export function makeRows(
  seed: number,
  n: number,
  options: { xMean?: number; colors?: readonly (readonly [string, number])[] } = {},
): { x: number; y: number; color: string }[] {
  const random = seeded(seed);
  const x = normal(random, options.xMean ?? 0, 1);
  const y = normal(random, 10, 2);
  const color = categorical(
    random,
    options.colors ?? [
      ['red', 0.5],
      ['green', 0.3],
      ['blue', 0.2],
    ],
  );
  return Array.from({ length: n }, () => ({ x: x(), y: y(), color: color() }));
}
