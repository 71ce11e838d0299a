/**
 * A baseline: what each feature looked like in the training data, kept small enough to store next to the model
 * (quantile bins and a bounded sample for numbers, frequencies for categories) and compared with live data later.
 */
import { integerOption } from '../../checks.js';
import { InvalidArgumentError } from '../../errors.js';
import { binCounts, quantileEdges, sortedSample } from './quantiles.js';
import {
  categoryOf,
  type DriftRow,
  type FeatureValue,
  featureNamesOf,
  isMissing,
  numericValue,
  toColumns,
} from './rows.js';

/**
 * A numeric feature of the baseline.
 *
 * @example
 * ```ts
 * const spend = baseline.features.find((f) => f.name === 'spend');
 * if (spend?.kind === 'numeric') console.log(`mean ${spend.mean}, std ${spend.std}, range ${spend.min}–${spend.max}`);
 * ```
 */
export interface NumericFeatureBaseline {
  /** The feature's name. */
  readonly name: string;
  /** Tells the kinds apart. */
  readonly kind: 'numeric';
  /** Values present (not missing). */
  readonly count: number;
  /** Values missing (null, empty, NaN). */
  readonly missing: number;
  /** The inner bin edges, at the training data's quantiles; a value ≤ edges[i] falls in bin i or below. */
  readonly edges: readonly number[];
  /** The share of the training values in each of the `edges.length + 1` bins. */
  readonly proportions: readonly number[];
  /** Sorted training values for the KS test: all of them, or `sampleSize` at evenly spaced ranks. */
  readonly sample: readonly number[];
  /** The mean of the training values. */
  readonly mean: number;
  /** Their standard deviation. */
  readonly std: number;
  /** The smallest training value. */
  readonly min: number;
  /** The largest training value. */
  readonly max: number;
}

/**
 * A categorical feature of the baseline.
 *
 * @example
 * ```ts
 * const plan = baseline.features.find((f) => f.name === 'plan');
 * if (plan?.kind === 'categorical') console.log(plan.counts); // { basic: 812, pro: 150, … }
 * ```
 */
export interface CategoricalFeatureBaseline {
  /** The feature's name. */
  readonly name: string;
  /** Tells the kinds apart. */
  readonly kind: 'categorical';
  /** Values present (not missing). */
  readonly count: number;
  /** Values missing (null, empty). */
  readonly missing: number;
  /** The count of each of the most frequent categories (at most `maxCategories`). */
  readonly counts: Readonly<Record<string, number>>;
  /** The count of the values in the other, rarer categories. */
  readonly otherCount: number;
}

/**
 * One feature's distribution in the training data: numeric (quantile bins and a sample) or categorical (counts).
 *
 * @example
 * ```ts
 * for (const feature of baseline.features) console.log(feature.name, feature.kind, feature.count);
 * ```
 */
export type FeatureBaseline = NumericFeatureBaseline | CategoricalFeatureBaseline;

/**
 * The JSON of a baseline (`baseline.toJSON()`), read back by {@link Baseline.fromJSON}.
 *
 * @example
 * ```ts
 * const json: BaselineJSON = baseline.toJSON();
 * await writeFile('baseline.json', JSON.stringify(json));
 * const again = Baseline.fromJSON(JSON.parse(await readFile('baseline.json', 'utf8')));
 * ```
 */
export interface BaselineJSON {
  /** The layout's version. */
  readonly version: 1;
  /** Rows the baseline was computed from. */
  readonly rows: number;
  /** Each feature's distribution, in column order. */
  readonly features: readonly FeatureBaseline[];
}

/**
 * Options of {@link Baseline.fromRows}.
 *
 * @example
 * ```ts
 * const baseline = Baseline.fromRows(trainingRows, {
 *   featureNames: ['age', 'plan', 'zip'],
 *   categorical: ['zip'],
 *   bins: 20,
 * });
 * ```
 */
export interface BaselineOptions {
  /** Names of the features, for array rows. @default the records' keys, or `_c0`, `_c1`, … */
  readonly featureNames?: readonly string[];
  /** Quantile bins per numeric feature, for the PSI. @default 10 */
  readonly bins?: number;
  /** Features to treat as categories even when their values are numbers (codes such as zip codes). */
  readonly categorical?: readonly string[];
  /** Most sorted values kept per numeric feature for the KS test. @default 10000 */
  readonly sampleSize?: number;
  /** Most categories kept per categorical feature; rarer ones are counted together. @default 100 */
  readonly maxCategories?: number;
}

/**
 * The distribution of each feature of training data.
 *
 * @example
 * ```ts
 * const baseline = Baseline.fromRows(trainingRows, { featureNames: ['age', 'plan', 'spend'] });
 * await writeFile('baseline.json', JSON.stringify(baseline));
 * const again = Baseline.fromJSON(JSON.parse(await readFile('baseline.json', 'utf8')));
 * ```
 */
export class Baseline {
  /** Rows the baseline was computed from. */
  readonly rows: number;
  /** Each feature's distribution, in column order. */
  readonly features: readonly FeatureBaseline[];

  private constructor(data: BaselineJSON) {
    this.rows = data.rows;
    this.features = data.features;
  }

  /** The features' names, in order. */
  get featureNames(): string[] {
    return this.features.map((f) => f.name);
  }

  /**
   * Computes a baseline from training rows: a feature whose present values are all numbers (or numeric
   * strings) is numeric, unless named in `categorical`; any other is categorical.
   * @throws {@link InvalidArgumentError} for no rows, bad options, rows of the wrong width, or a feature with no values.
   */
  static fromRows(rows: readonly DriftRow[], options: BaselineOptions = {}): Baseline {
    if (!Array.isArray(rows) || rows.length === 0) {
      throw new InvalidArgumentError('rows', 'A baseline needs training rows: a non-empty array of arrays or records.');
    }
    const bins = integerOption('bins', options.bins, 2, 1000, 10);
    const sampleSize = integerOption('sampleSize', options.sampleSize, 10, 1_000_000, 10_000);
    const maxCategories = integerOption('maxCategories', options.maxCategories, 1, 100_000, 100);
    const names = featureNamesOf(rows, options.featureNames);
    const forced = new Set(options.categorical ?? []);
    for (const name of forced) {
      if (!names.includes(name))
        throw new InvalidArgumentError('categorical', `categorical names "${name}", not a feature.`);
    }
    const columns = toColumns(rows, names);
    if (columns.skipped > 0)
      throw new InvalidArgumentError('rows', `Training rows must all be readable: ${columns.firstProblem}.`);
    const features = names.map((name, i) => {
      const values = columns.values[i]!;
      const present = values.filter((v) => !isMissing(v));
      if (present.length === 0) {
        throw new InvalidArgumentError('rows', `Feature "${name}" has no values in the training rows.`);
      }
      const numbers = forced.has(name) ? undefined : allNumbers(present);
      return numbers === undefined
        ? categoricalBaseline(name, values, maxCategories)
        : numericBaseline(name, numbers, values.length - present.length, bins, sampleSize);
    });
    return new Baseline({ version: 1, rows: rows.length, features });
  }

  /**
   * Reads a baseline saved with `JSON.stringify(baseline)`.
   * @throws {@link InvalidArgumentError} when it is not one.
   */
  static fromJSON(json: unknown): Baseline {
    const data = json as Partial<BaselineJSON> | null;
    if (typeof data !== 'object' || data === null || data.version !== 1 || !Array.isArray(data.features)) {
      throw new InvalidArgumentError('baseline', 'This is not a baseline saved by modelship (version 1).');
    }
    for (const feature of data.features) {
      const ok =
        typeof feature?.name === 'string' &&
        (feature.kind === 'numeric'
          ? Array.isArray(feature.edges) &&
            Array.isArray(feature.sample) &&
            feature.proportions?.length === feature.edges.length + 1
          : feature?.kind === 'categorical' && typeof feature.counts === 'object' && feature.counts !== null);
      if (!ok) {
        throw new InvalidArgumentError(
          'baseline',
          `Feature ${JSON.stringify(feature?.name)} of the baseline is malformed.`,
        );
      }
    }
    return new Baseline({ version: 1, rows: Number(data.rows ?? 0), features: data.features });
  }

  /** The baseline as plain data, for `JSON.stringify`. */
  toJSON(): BaselineJSON {
    return { version: 1, rows: this.rows, features: this.features };
  }
}

function allNumbers(values: readonly FeatureValue[]): number[] | undefined {
  const numbers: number[] = [];
  for (const value of values) {
    const n = numericValue(value);
    if (n === undefined) return undefined;
    numbers.push(n);
  }
  return numbers;
}

function numericBaseline(
  name: string,
  values: number[],
  missing: number,
  bins: number,
  sampleSize: number,
): NumericFeatureBaseline {
  const sorted = values.sort((a, b) => a - b);
  const edges = quantileEdges(sorted, bins);
  const counts = binCounts(edges, sorted);
  const mean = sorted.reduce((s, x) => s + x, 0) / sorted.length;
  const variance = sorted.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, sorted.length - 1);
  return {
    name,
    kind: 'numeric',
    count: sorted.length,
    missing,
    edges,
    proportions: counts.map((c) => c / sorted.length),
    sample: sortedSample(sorted, sampleSize),
    mean,
    std: Math.sqrt(variance),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
  };
}

function categoricalBaseline(
  name: string,
  values: readonly FeatureValue[],
  maxCategories: number,
): CategoricalFeatureBaseline {
  const all = new Map<string, number>();
  let missing = 0;
  for (const value of values) {
    const category = categoryOf(value);
    if (category === undefined) missing++;
    else all.set(category, (all.get(category) ?? 0) + 1);
  }
  // The most frequent first; ties in name order, so the same data always gives the same baseline.
  const ranked = [...all].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const kept = ranked.slice(0, maxCategories);
  const otherCount = ranked.slice(maxCategories).reduce((s, [, c]) => s + c, 0);
  return {
    name,
    kind: 'categorical',
    count: values.length - missing,
    missing,
    counts: Object.fromEntries(kept),
    otherCount,
  };
}
