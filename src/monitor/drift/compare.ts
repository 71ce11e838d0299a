/**
 * Compares current rows with a baseline, feature by feature: PSI and the two-sample KS test for numbers, PSI and
 * the chi-square test of homogeneity for categories, and a drift verdict per feature from the thresholds.
 */
import { InvalidArgumentError } from '../../errors.js';
import type { Baseline, CategoricalFeatureBaseline, NumericFeatureBaseline } from './baseline.js';
import { chiSquareHomogeneity } from './chi-square.js';
import { ksTest } from './ks.js';
import { populationStabilityIndex, proportions } from './psi.js';
import { binCounts } from './quantiles.js';
import { categoryOf, type DriftRow, type FeatureValue, numericValue, toColumns } from './rows.js';

/**
 * When a feature counts as drifted.
 *
 * @example
 * ```ts
 * const report = DriftReport.fromRows(baseline, lastWeekRows, { psiThreshold: 0.25, ksAlpha: 0.01 });
 * ```
 */
export interface DriftThresholds {
  /** A PSI at or above it is drift. @default 0.2 */
  readonly psiThreshold?: number;
  /** A KS p-value below it is drift (0 turns the KS verdict off). @default 0.05 */
  readonly ksAlpha?: number;
  /** A chi-square p-value below it is drift (0 turns it off). @default ksAlpha */
  readonly chiSquareAlpha?: number;
}

/**
 * The thresholds a report applied.
 *
 * @example
 * ```ts
 * const { psiThreshold, ksAlpha, chiSquareAlpha } = report.thresholds; // 0.2, 0.05, 0.05 by default
 * ```
 */
export type ResolvedThresholds = Required<DriftThresholds>;

interface FeatureDriftBase {
  /** The feature's name. */
  readonly name: string;
  /** Current values present. */
  readonly count: number;
  /** Current values missing, or not of the feature's kind (text in a numeric feature). */
  readonly missing: number;
  /** The population stability index of the current values against the baseline's. */
  readonly psi: number;
  /** Whether any test says the feature drifted. */
  readonly drifted: boolean;
  /** Why it drifted, e.g. `PSI 0.31 >= 0.2`; empty when it did not. */
  readonly reasons: readonly string[];
}

/**
 * A numeric feature compared.
 *
 * @example
 * ```ts
 * const age = report.feature('age');
 * if (age?.kind === 'numeric') console.log(`mean ${age.mean.baseline} → ${age.mean.current}, KS p=${age.ks.pValue}`);
 * ```
 */
export interface NumericFeatureDrift extends FeatureDriftBase {
  /** Tells the kinds apart. */
  readonly kind: 'numeric';
  /** The two-sample Kolmogorov–Smirnov test of the current values against the baseline's sample. */
  readonly ks: {
    /** The largest gap between the two distribution functions. */
    readonly statistic: number;
    /** The chance of a gap this large without drift. */
    readonly pValue: number;
  };
  /** The mean on both sides. */
  readonly mean: {
    /** The training data's mean. */
    readonly baseline: number;
    /** The current values' mean. */
    readonly current: number;
  };
  /** The baseline's edges and both sides' share per bin. */
  readonly bins: {
    /** The inner bin edges, from the baseline. */
    readonly edges: readonly number[];
    /** The training values' share in each bin. */
    readonly baseline: readonly number[];
    /** The current values' share in each bin. */
    readonly current: readonly number[];
  };
}

/**
 * A categorical feature compared.
 *
 * @example
 * ```ts
 * const plan = report.feature('plan');
 * if (plan?.kind === 'categorical')
 *   console.log(`chi-square p=${plan.chiSquare.pValue}, new: ${plan.unseen.join(', ')}`);
 * ```
 */
export interface CategoricalFeatureDrift extends FeatureDriftBase {
  /** Tells the kinds apart. */
  readonly kind: 'categorical';
  /** The chi-square test of the current categories' counts against the baseline's shares. */
  readonly chiSquare: {
    /** The chi-square statistic. */
    readonly statistic: number;
    /** Its degrees of freedom. */
    readonly df: number;
    /** The chance of a statistic this large without drift. */
    readonly pValue: number;
  };
  /** Each category's share on both sides; rare and unseen ones together as `(other)`. */
  readonly frequencies: readonly {
    /** The category. */
    readonly category: string;
    /** Its share in the training data. */
    readonly baseline: number;
    /** Its share in the current values. */
    readonly current: number;
  }[];
  /** Current categories the baseline does not hold (at most 20 listed). */
  readonly unseen: readonly string[];
}

/**
 * One feature compared with its baseline: numeric (PSI and KS test) or categorical (PSI and chi-square test).
 *
 * @example
 * ```ts
 * for (const feature of report.features) {
 *   if (feature.kind === 'numeric') console.log(feature.name, feature.psi, feature.ks.pValue);
 *   else console.log(feature.name, feature.psi, feature.unseen);
 * }
 * ```
 */
export type FeatureDrift = NumericFeatureDrift | CategoricalFeatureDrift;

/** The comparison of some rows with a baseline. */
export interface Comparison {
  readonly features: readonly FeatureDrift[];
  readonly thresholds: ResolvedThresholds;
  /** Rows compared. */
  readonly rows: number;
  /** Rows that could not be read (wrong width). */
  readonly skippedRows: number;
  readonly firstProblem?: string;
}

/** The name of the bucket that holds the categories a baseline did not keep. */
export const OTHER = '(other)';
const MAX_UNSEEN = 20;

/** Checks thresholds and fills in their defaults. */
export function resolveThresholds(options: DriftThresholds = {}): ResolvedThresholds {
  const { psiThreshold = 0.2, ksAlpha = 0.05 } = options;
  const chiSquareAlpha = options.chiSquareAlpha ?? ksAlpha;
  if (!(typeof psiThreshold === 'number' && psiThreshold > 0 && Number.isFinite(psiThreshold))) {
    throw new InvalidArgumentError('psiThreshold', `psiThreshold is ${String(psiThreshold)}; it must be above 0.`);
  }
  for (const [argument, value] of [
    ['ksAlpha', ksAlpha],
    ['chiSquareAlpha', chiSquareAlpha],
  ] as const) {
    if (!(typeof value === 'number' && value >= 0 && value < 1)) {
      throw new InvalidArgumentError(argument, `${argument} is ${String(value)}; it must be from 0 to below 1.`);
    }
  }
  return { psiThreshold, ksAlpha, chiSquareAlpha };
}

/**
 * Compares rows with the baseline.
 * @throws {@link InvalidArgumentError} for bad thresholds, or when no row can be read.
 */
export function compare(baseline: Baseline, rows: readonly DriftRow[], options: DriftThresholds = {}): Comparison {
  const thresholds = resolveThresholds(options);
  if (!Array.isArray(rows)) throw new InvalidArgumentError('rows', 'rows must be an array of arrays or records.');
  const columns = toColumns(rows, baseline.featureNames);
  if (rows.length > 0 && columns.skipped === rows.length) {
    throw new InvalidArgumentError(
      'rows',
      `None of the ${rows.length} rows fits the baseline's ${baseline.features.length} features: ${columns.firstProblem}.`,
    );
  }
  const features = baseline.features.map((feature, i) =>
    feature.kind === 'numeric'
      ? compareNumeric(feature, columns.values[i]!, thresholds)
      : compareCategorical(feature, columns.values[i]!, thresholds),
  );
  return {
    features,
    thresholds,
    rows: rows.length - columns.skipped,
    skippedRows: columns.skipped,
    ...(columns.firstProblem === undefined ? {} : { firstProblem: columns.firstProblem }),
  };
}

function compareNumeric(
  feature: NumericFeatureBaseline,
  values: readonly FeatureValue[],
  thresholds: ResolvedThresholds,
): NumericFeatureDrift {
  const current = values.flatMap((v) => numericValue(v) ?? []).sort((a, b) => a - b);
  const shares = proportions(binCounts(feature.edges, current));
  const psi = current.length === 0 ? Number.NaN : populationStabilityIndex(feature.proportions, shares);
  const ks = ksTest(feature.sample, current);
  const reasons = [
    ...psiReason(psi, thresholds.psiThreshold),
    ...(ks.pValue < thresholds.ksAlpha ? [`KS p ${formatP(ks.pValue)} < ${thresholds.ksAlpha}`] : []),
  ];
  return {
    name: feature.name,
    kind: 'numeric',
    count: current.length,
    missing: values.length - current.length,
    psi,
    drifted: reasons.length > 0,
    reasons,
    ks,
    mean: { baseline: feature.mean, current: current.reduce((s, x) => s + x, 0) / current.length },
    bins: { edges: feature.edges, baseline: feature.proportions, current: shares },
  };
}

function compareCategorical(
  feature: CategoricalFeatureBaseline,
  values: readonly FeatureValue[],
  thresholds: ResolvedThresholds,
): CategoricalFeatureDrift {
  const categories = Object.keys(feature.counts);
  const index = new Map(categories.map((c, i) => [c, i]));
  const currentCounts = new Array<number>(categories.length + 1).fill(0);
  const unseen = new Set<string>();
  let count = 0;
  for (const value of values) {
    const category = categoryOf(value);
    if (category === undefined) continue;
    count++;
    const at = index.get(category);
    if (at === undefined) {
      currentCounts[categories.length]!++;
      if (unseen.size < MAX_UNSEEN) unseen.add(category);
    } else currentCounts[at]!++;
  }
  const baselineCounts = [...categories.map((c) => feature.counts[c]!), feature.otherCount];
  const expected = proportions(baselineCounts);
  const actual = proportions(currentCounts);
  const psi = count === 0 ? Number.NaN : populationStabilityIndex(expected, actual);
  const chiSquare = chiSquareHomogeneity(baselineCounts, currentCounts);
  const reasons = [
    ...psiReason(psi, thresholds.psiThreshold),
    ...(chiSquare.pValue < thresholds.chiSquareAlpha
      ? [`chi-square p ${formatP(chiSquare.pValue)} < ${thresholds.chiSquareAlpha}`]
      : []),
  ];
  const frequencies = [...categories, OTHER]
    .map((category, i) => ({ category, baseline: expected[i]!, current: actual[i]! }))
    .filter((f, i) => i < categories.length || f.baseline > 0 || f.current > 0);
  return {
    name: feature.name,
    kind: 'categorical',
    count,
    missing: values.length - count,
    psi,
    drifted: reasons.length > 0,
    reasons,
    chiSquare,
    frequencies,
    unseen: [...unseen],
  };
}

function psiReason(psi: number, threshold: number): string[] {
  return psi >= threshold ? [`PSI ${psi.toFixed(3)} >= ${threshold}`] : [];
}

/** A p-value for a reason: 4 decimals, or scientific notation when tiny. */
export function formatP(p: number): string {
  return p >= 1e-4 || p === 0 ? p.toFixed(4) : p.toExponential(1);
}
