// Drift on generated data with a known shift and with none (fixed seeds), checked against statistics computed
// here directly from the data.
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../src/errors.js';
import {
  Baseline,
  type CategoricalFeatureDrift,
  compareToBaseline,
  DriftReport,
  type NumericFeatureDrift,
} from '../../../src/monitor/drift/index.js';
import { makeRows } from './random.js';

const training = makeRows(1, 5000);
const baseline = Baseline.fromRows(training);
const shiftedColors = [
  ['red', 0.3],
  ['green', 0.3],
  ['blue', 0.4],
] as const;

/** The PSI of x over ten training-quantile bins, written out plainly: sort, interpolate, count, sum. */
function directPsi(train: number[], current: number[]): number {
  const sorted = [...train].sort((a, b) => a - b);
  const q = (p: number) => {
    const h = (sorted.length - 1) * p;
    return sorted[Math.floor(h)]! + (h - Math.floor(h)) * (sorted[Math.ceil(h)]! - sorted[Math.floor(h)]!);
  };
  const edges = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => q(k / 10));
  const share = (values: number[]) =>
    Array.from({ length: 10 }, (_, bin) => {
      const inBin = values.filter((v) => (bin === 0 || v > edges[bin - 1]!) && (bin === 9 || v <= edges[bin]!));
      return Math.max(inBin.length / values.length, 1e-4);
    });
  const e = share(train);
  const a = share(current);
  return e.reduce((sum, ei, i) => sum + (a[i]! - ei) * Math.log(a[i]! / ei), 0);
}

describe('drift on generated data', () => {
  it('finds no drift in data from the same distribution', () => {
    const report = compareToBaseline(baseline, makeRows(2, 2000));
    expect(report.drifted).toBe(false);
    expect(report.driftedFeatures).toEqual([]);
    for (const feature of report.features) expect(feature.psi).toBeLessThan(0.02);
    const x = report.feature('x') as NumericFeatureDrift;
    expect(x.ks.pValue).toBeGreaterThan(0.05);
    expect(report.rows).toBe(2000);
    expect(report.toText()).toMatch(/^Drift of 2000 rows against a baseline of 5000 rows: no drift in 3 features/);
  });

  it('flags x ~ N(0.5, 1) against N(0, 1), and a colour whose shares changed, but not y', () => {
    const current = makeRows(3, 2000, { xMean: 0.5, colors: shiftedColors });
    const report = DriftReport.fromRows(baseline, current);
    expect(report.driftedFeatures).toEqual(['x', 'color']);
    const x = report.feature('x') as NumericFeatureDrift;
    const y = report.feature('y') as NumericFeatureDrift;
    const color = report.feature('color') as CategoricalFeatureDrift;

    // PSI against a direct computation; a half-sd shift of a normal is a PSI of about 0.25.
    expect(x.psi).toBeCloseTo(
      directPsi(
        training.map((r) => r.x),
        current.map((r) => r.x),
      ),
      10,
    );
    expect(x.psi).toBeGreaterThan(0.2);
    expect(x.psi).toBeLessThan(0.35);
    // KS D of N(0,1) vs N(0.5,1) is Φ(0.25) − Φ(−0.25) ≈ 0.197 in the limit.
    expect(x.ks.statistic).toBeGreaterThan(0.16);
    expect(x.ks.statistic).toBeLessThan(0.24);
    expect(x.ks.pValue).toBeLessThan(1e-20);
    expect(x.reasons).toEqual([
      expect.stringMatching(/^PSI 0\.\d{3} >= 0\.2$/),
      expect.stringMatching(/^KS p .* < 0\.05$/),
    ]);
    expect(x.mean.current - x.mean.baseline).toBeCloseTo(0.5, 1);
    expect(y.drifted).toBe(false);

    // Categories: PSI and chi-square from the counts, computed here.
    const counts = (rows: { color: string }[]) =>
      ['red', 'green', 'blue'].map((c) => rows.filter((r) => r.color === c).length);
    const b = counts(training);
    const c = counts(current);
    const psi = b.reduce((sum, bi, i) => {
      const e = bi / 5000;
      const a = c[i]! / 2000;
      return sum + (a - e) * Math.log(a / e);
    }, 0);
    expect(color.psi).toBeCloseTo(psi, 10);
    const chi = b.reduce((sum, bi, i) => {
      const column = bi + c[i]!;
      const eb = (5000 * column) / 7000;
      const ec = (2000 * column) / 7000;
      return sum + (bi - eb) ** 2 / eb + (c[i]! - ec) ** 2 / ec;
    }, 0);
    expect(color.chiSquare.statistic).toBeCloseTo(chi, 8);
    expect(color.chiSquare.df).toBe(2);
    expect(color.chiSquare.pValue).toBeLessThan(1e-6);
    expect(color.frequencies.map((f) => f.category)).toEqual(['red', 'green', 'blue']);

    const text = report.toText();
    expect(text).toMatch(/DRIFT in 2 of 3 features \(x, color\)/);
    expect(text).toMatch(/\nx\s+numeric\s+2000\s+0\s+0\.\d{4}\s+KS D\s+0\.\d{4}\s+\S+\s+yes: PSI/);
    expect(text).toMatch(/\ncolor\s+categorical\s+2000\s+0\s+0\.\d{4}\s+chi2\(2\)/);
    expect(text).toMatch(/\ny\s+numeric.*\bno$/m);
  });

  it('lets thresholds decide: a PSI-only verdict ignores a significant KS', () => {
    const current = makeRows(4, 2000, { xMean: 0.15 });
    expect(compareToBaseline(baseline, current).driftedFeatures).toEqual(['x']);
    const relaxed = compareToBaseline(baseline, current, { psiThreshold: 0.25, ksAlpha: 0 });
    expect(relaxed.drifted).toBe(false);
    expect(relaxed.thresholds).toEqual({ psiThreshold: 0.25, ksAlpha: 0, chiSquareAlpha: 0 });
  });

  it('serializes a baseline and gets the same report from the copy', () => {
    const copy = Baseline.fromJSON(JSON.parse(JSON.stringify(baseline)));
    const current = makeRows(3, 500, { xMean: 0.5 });
    expect(compareToBaseline(copy, current).toJSON()).toEqual(compareToBaseline(baseline, current).toJSON());
    expect(JSON.parse(JSON.stringify(compareToBaseline(copy, current)))).toMatchObject({ drifted: true, rows: 500 });
    expect(() => Baseline.fromJSON({ version: 2 })).toThrow(InvalidArgumentError);
    expect(() => Baseline.fromJSON({ version: 1, rows: 1, features: [{ name: 'x', kind: 'numeric' }] })).toThrow(
      /malformed/,
    );
  });
});

describe('Baseline.fromRows', () => {
  it('reads array rows by position with names, numeric strings as numbers, and forced categories', () => {
    const rows = [
      [1, '2.5', 'a', 3],
      [2, '3.5', 'b', 3],
      [3, '', 'a', 4],
      [4, '4.5', null, 5],
    ];
    const b = Baseline.fromRows(rows, { featureNames: ['n', 's', 'c', 'code'], categorical: ['code'], bins: 2 });
    expect(b.features.map((f) => [f.name, f.kind, f.count, f.missing])).toEqual([
      ['n', 'numeric', 4, 0],
      ['s', 'numeric', 3, 1],
      ['c', 'categorical', 3, 1],
      ['code', 'categorical', 4, 0],
    ]);
    expect(b.features[0]).toMatchObject({ edges: [2.5], proportions: [0.5, 0.5], sample: [1, 2, 3, 4], mean: 2.5 });
    expect(b.features[3]).toMatchObject({ counts: { '3': 2, '4': 1, '5': 1 }, otherCount: 0 });
    expect(Baseline.fromRows([[1, 2]]).featureNames).toEqual(['_c0', '_c1']);
  });

  it('bounds the KS sample and the categories kept', () => {
    const many = Array.from({ length: 30_000 }, (_, i) => ({ v: i, id: `c${i % 300}` }));
    const b = Baseline.fromRows(many, { maxCategories: 10 });
    const v = b.features[0]!;
    const id = b.features[1]!;
    expect(v.kind === 'numeric' && v.sample.length).toBe(10_000);
    expect(id.kind === 'categorical' && Object.keys(id.counts).length).toBe(10);
    expect(id.kind === 'categorical' && id.otherCount).toBe(30_000 - 10 * 100);
    // Categories the baseline did not keep, and new ones, are compared as one "(other)" bucket.
    const report = compareToBaseline(b, [
      { v: 1, id: 'c0' },
      { v: 2, id: 'new' },
    ]);
    const drift = report.feature('id') as CategoricalFeatureDrift;
    expect(drift.unseen).toEqual(['new']);
    expect(drift.frequencies.at(-1)).toMatchObject({ category: '(other)', current: 0.5 });
  });

  it('rejects what it cannot use, naming the option', () => {
    const argument = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as InvalidArgumentError).argument;
      }
      return undefined;
    };
    expect(argument(() => Baseline.fromRows([]))).toBe('rows');
    expect(argument(() => Baseline.fromRows([[1]], { bins: 1 }))).toBe('bins');
    expect(argument(() => Baseline.fromRows([[1], [2, 3]]))).toBe('rows');
    expect(argument(() => Baseline.fromRows([[null], [null]]))).toBe('rows');
    expect(argument(() => Baseline.fromRows([[1]], { categorical: ['nope'] }))).toBe('categorical');
    expect(argument(() => Baseline.fromRows([[1]], { featureNames: ['a', 'a'] }))).toBe('featureNames');
    expect(argument(() => compareToBaseline(baseline, [[1, 2]]))).toBe('rows');
    expect(argument(() => compareToBaseline(baseline, [], { psiThreshold: 0 }))).toBe('psiThreshold');
    expect(argument(() => compareToBaseline(baseline, [], { ksAlpha: 1 }))).toBe('ksAlpha');
  });

  it('counts rows of the wrong width as skipped, and values of the wrong kind as missing', () => {
    const arrays = Baseline.fromRows(
      training.map((r) => [r.x, r.y, r.color]),
      { featureNames: ['x', 'y', 'color'] },
    );
    const report = compareToBaseline(arrays, [
      [0.1, 10, 'red'],
      [0.2, 'n/a', 'blue'],
      [1, 2],
    ]);
    expect(report.rows).toBe(2);
    expect(report.skippedRows).toBe(1);
    expect(report.firstProblem).toBe('row 2 has 2 values, not 3');
    expect(report.feature('y')).toMatchObject({ count: 1, missing: 1 });
    expect(report.toText()).toContain('Skipped 1 rows: row 2 has 2 values, not 3');
  });
});
