/**
 * Rows of features as drift analysis reads them: arrays of values by position, or records of values by name;
 * and what counts as a number, a category, or a missing value.
 */
import { InvalidArgumentError } from '../../errors.js';

/**
 * One feature's value; `null`, `undefined`, `''` and NaN are missing.
 *
 * @example
 * ```ts
 * const values: FeatureValue[] = [42, 'pro', true, null]; // null counts as missing
 * ```
 */
export type FeatureValue = number | string | boolean | null | undefined;

/**
 * One row: values by position (named by `featureNames`, or `_c0`, `_c1`, …) or by name.
 *
 * @example
 * ```ts
 * const byPosition: DriftRow = [42, 'pro', 49.5];
 * const byName: DriftRow = { age: 42, plan: 'pro', spend: null }; // spend is missing
 * ```
 */
export type DriftRow = readonly FeatureValue[] | Readonly<Record<string, FeatureValue>>;

/** The columns of some rows, in the order of their feature names. */
export interface Columns {
  readonly names: readonly string[];
  readonly values: readonly (readonly FeatureValue[])[];
  /** Rows that could not be read (an array of the wrong length, or not a row). */
  readonly skipped: number;
  /** Why the first skipped row was skipped. */
  readonly firstProblem?: string;
}

/**
 * The default name of the column at `index`: `_c0`, `_c1`, …, the names SageMaker Model Monitor gives the
 * columns of CSV data without a header, so the reports of both read alike.
 */
export function columnName(index: number): string {
  return `_c${index}`;
}

/** The names of the features of `rows`: `featureNames`, else the keys of the records, else `_c0`, `_c1`, …. */
export function featureNamesOf(rows: readonly DriftRow[], featureNames?: readonly string[]): string[] {
  if (featureNames !== undefined) {
    if (!Array.isArray(featureNames) || featureNames.some((n) => typeof n !== 'string' || n === '')) {
      throw new InvalidArgumentError('featureNames', 'featureNames must be an array of non-empty strings.');
    }
    if (new Set(featureNames).size !== featureNames.length) {
      throw new InvalidArgumentError('featureNames', 'featureNames must not repeat a name.');
    }
    return [...featureNames];
  }
  const first = rows[0];
  if (Array.isArray(first)) return first.map((_, i) => columnName(i));
  const names = new Set<string>();
  for (const row of rows) if (isRecord(row)) for (const key of Object.keys(row)) names.add(key);
  return [...names];
}

/**
 * Splits rows into the columns of `names`. Arrays are read by position and must have one value per name;
 * records by name, a missing key being a missing value. Other rows are skipped and counted.
 */
export function toColumns(rows: readonly DriftRow[], names: readonly string[]): Columns {
  const values = names.map((): FeatureValue[] => []);
  let skipped = 0;
  let firstProblem: string | undefined;
  rows.forEach((row, index) => {
    let problem: string | undefined;
    if (Array.isArray(row)) {
      if (row.length !== names.length) problem = `row ${index} has ${row.length} values, not ${names.length}`;
      else
        row.forEach((value, i) => {
          values[i]!.push(value);
        });
    } else if (isRecord(row)) {
      names.forEach((name, i) => {
        values[i]!.push((row as Record<string, FeatureValue>)[name]);
      });
    } else {
      problem = `row ${index} is neither an array nor an object`;
    }
    if (problem !== undefined) {
      skipped++;
      firstProblem ??= problem;
    }
  });
  return { names, values, skipped, ...(firstProblem === undefined ? {} : { firstProblem }) };
}

/** The number a value holds (a number, or a string that reads as one), or undefined. */
export function numericValue(value: FeatureValue): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** Whether a value is missing: `null`, `undefined`, an empty string or NaN. */
export function isMissing(value: FeatureValue): boolean {
  return value === null || value === undefined || value === '' || (typeof value === 'number' && Number.isNaN(value));
}

/** A value as a category (its text), or undefined when missing. */
export function categoryOf(value: FeatureValue): string | undefined {
  return isMissing(value) ? undefined : String(value);
}

function isRecord(row: unknown): row is Readonly<Record<string, FeatureValue>> {
  return typeof row === 'object' && row !== null && !Array.isArray(row);
}
