// The statistics behind drift, checked against hand-computed values, published critical values, and direct
// (slow, obvious) implementations written here independently of src/monitor/drift.
import { describe, expect, it } from 'vitest';
import { chiSquareHomogeneity, chiSquareSurvival } from '../../../src/monitor/drift/chi-square.js';
import { kolmogorovSurvival, ksStatistic, ksTest } from '../../../src/monitor/drift/ks.js';
import { PSI_EPSILON, populationStabilityIndex } from '../../../src/monitor/drift/psi.js';
import { binOf, quantile, quantileEdges, sortedSample } from '../../../src/monitor/drift/quantiles.js';
import { normal, seeded } from './random.js';

/** D by definition: the largest |F1(z) − F2(z)| over every observed z, counting with filter. */
function bruteForceKs(a: number[], b: number[]): number {
  let d = 0;
  for (const z of [...a, ...b]) {
    const fa = a.filter((v) => v <= z).length / a.length;
    const fb = b.filter((v) => v <= z).length / b.length;
    d = Math.max(d, Math.abs(fa - fb));
  }
  return d;
}

describe('population stability index', () => {
  it('matches hand-computed cases', () => {
    // 0.1·ln(0.6/0.5) − 0.1·ln(0.4/0.5) = 0.1·(0.182322 + 0.223144)
    expect(populationStabilityIndex([0.5, 0.5], [0.6, 0.4])).toBeCloseTo(0.0405465, 6);
    expect(populationStabilityIndex([0.25, 0.25, 0.5], [0.25, 0.25, 0.5])).toBe(0);
    // An empty baseline bin stands at ε = 1e-4: (0.1 − ε)·ln(0.1/ε) + (−0.1)·ln(0.4/0.5)
    const expected = (0.1 - PSI_EPSILON) * Math.log(0.1 / PSI_EPSILON) - 0.1 * Math.log(0.4 / 0.5);
    expect(populationStabilityIndex([0.5, 0.5, 0], [0.5, 0.4, 0.1])).toBeCloseTo(expected, 10);
    expect(() => populationStabilityIndex([1], [0.5, 0.5])).toThrow(RangeError);
  });
});

describe('quantile bins', () => {
  it('puts edges at type-7 quantiles and values ≤ an edge in the bin below it', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    // NumPy: np.quantile(range(1, 11), [0.25, 0.5, 0.75]) = [3.25, 5.5, 7.75]
    expect([0.25, 0.5, 0.75].map((q) => quantile(sorted, q))).toEqual([3.25, 5.5, 7.75]);
    expect(quantileEdges(sorted, 4)).toEqual([3.25, 5.5, 7.75]);
    expect(binOf([3.25, 5.5, 7.75], 3.25)).toBe(0);
    expect(binOf([3.25, 5.5, 7.75], 3.26)).toBe(1);
    expect(binOf([3.25, 5.5, 7.75], 100)).toBe(3);
    // Ties collapse: a mostly-zero feature gets fewer bins, never an empty one by construction.
    const edges = quantileEdges([0, 0, 0, 0, 0, 0, 0, 0, 1, 2], 10);
    expect(edges).toHaveLength(3);
    [0, 0.2, 1.1].forEach((edge, i) => {
      expect(edges[i]).toBeCloseTo(edge, 12);
    });
    expect(quantileEdges([5, 5, 5], 10)).toEqual([]);
  });

  it('keeps a bounded sample at evenly spaced ranks', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i);
    expect(sortedSample(sorted, 200)).toEqual(sorted);
    expect(sortedSample(sorted, 4)).toEqual([12, 37, 62, 87]);
  });
});

describe('Kolmogorov–Smirnov', () => {
  it('computes D by hand and as the definition does', () => {
    // F1 − F2 at 2 is 0.5 − 0, at 4 is 1 − 0.5.
    expect(ksStatistic([1, 2, 3, 4], [3, 4, 5, 6])).toBe(0.5);
    expect(ksStatistic([1, 2, 3], [1, 2, 3])).toBe(0);
    expect(ksStatistic([1, 1, 2, 2], [1, 2, 2, 2])).toBe(0.25);
    const random = seeded(7);
    const draw = normal(random);
    const a = Array.from({ length: 300 }, draw).sort((x, y) => x - y);
    const b = Array.from({ length: 200 }, () => draw() + 0.3).sort((x, y) => x - y);
    // Rounded values make ties, the case a merge walk gets wrong most easily.
    const ra = a.map((v) => Math.round(v * 4) / 4);
    const rb = b.map((v) => Math.round(v * 4) / 4);
    expect(ksStatistic(a, b)).toBeCloseTo(bruteForceKs(a, b), 12);
    expect(ksStatistic(ra, rb)).toBeCloseTo(bruteForceKs(ra, rb), 12);
  });

  it('gives the Kolmogorov distribution’s published critical values and exact series values', () => {
    // Critical values of the limiting distribution (Smirnov 1948): α = 0.10, 0.05, 0.01.
    expect(kolmogorovSurvival(1.2238)).toBeCloseTo(0.1, 3);
    expect(kolmogorovSurvival(1.3581)).toBeCloseTo(0.05, 3);
    expect(kolmogorovSurvival(1.6276)).toBeCloseTo(0.01, 4);
    // λ = √2 (n = m = 100, D = 0.2 without correction): 2(e^−4 − e^−16 + e^−36).
    expect(kolmogorovSurvival(Math.SQRT2)).toBeCloseTo(2 * (Math.exp(-4) - Math.exp(-16) + Math.exp(-36)), 12);
    // K(1) = 0.7300003283 (the limiting CDF at 1), on the small-λ branch's side of the switch too.
    expect(kolmogorovSurvival(1)).toBeCloseTo(1 - 0.7300003283, 9);
    expect(kolmogorovSurvival(0.5)).toBeCloseTo(0.9639452437, 9);
    // The two series agree where the function switches between them.
    expect(kolmogorovSurvival(1.1799999)).toBeCloseTo(kolmogorovSurvival(1.18), 6);
    expect(kolmogorovSurvival(0)).toBe(1);
  });

  it('p-value of a known case: n = m = 100, D = 0.2, with Stephens’ correction of λ', () => {
    const a = Array.from({ length: 100 }, (_, i) => i);
    const b = Array.from({ length: 100 }, (_, i) => i + 20); // F1 − F2 = 0.2 from 19 to 99
    const { statistic, pValue } = ksTest(a, b);
    expect(statistic).toBeCloseTo(0.2, 12);
    const en = Math.sqrt(50);
    const lambda = (en + 0.12 + 0.11 / en) * 0.2; // 1.44135…
    const q = 2 * (Math.exp(-2 * lambda ** 2) - Math.exp(-8 * lambda ** 2));
    expect(pValue).toBeCloseTo(q, 10);
    expect(pValue).toBeCloseTo(0.0314, 3);
  });
});

describe('chi-square', () => {
  it('gives the chi-square distribution’s critical values and closed forms', () => {
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 10);
    expect(chiSquareSurvival(6.634896601021214, 1)).toBeCloseTo(0.01, 10);
    expect(chiSquareSurvival(18.307038053275146, 10)).toBeCloseTo(0.05, 10);
    // df = 2: P(X > x) = e^(−x/2) exactly; both the series (x < 2) and the continued fraction (x ≥ 2).
    for (const x of [0.5, 1.5, 5.991464547107979, 30])
      expect(chiSquareSurvival(x, 2)).toBeCloseTo(Math.exp(-x / 2), 12);
    expect(chiSquareSurvival(0, 3)).toBe(1);
  });

  it('tests homogeneity of a hand-computed 2×2 table', () => {
    // Expected counts 40/60 on both rows: χ² = 2·(10²/40 + 10²/60) = 8.333…, df 1.
    const result = chiSquareHomogeneity([30, 70], [50, 50]);
    expect(result.statistic).toBeCloseTo(25 / 3, 12);
    expect(result.df).toBe(1);
    expect(result.pValue).toBeCloseTo(0.003892417, 8);
    // A category neither side has adds no degree of freedom.
    expect(chiSquareHomogeneity([30, 70, 0], [50, 50, 0]).df).toBe(1);
    expect(chiSquareHomogeneity([10, 0], [20, 0])).toEqual({ statistic: 0, df: 0, pValue: 1 });
  });
});
