/**
 * The drift report: each feature's statistics against the baseline and its verdict, from local rows or from an
 * endpoint's data capture in S3, readable as text and as JSON.
 */
import { NotFoundError } from '../../errors.js';
import { formatNumber, formatTable } from '../validate/table.js';
import type { Baseline } from './baseline.js';
import { type CaptureReadOptions, type CaptureSource, readCapture } from './capture-read.js';
import {
  type Comparison,
  compare,
  type DriftThresholds,
  type FeatureDrift,
  formatP,
  type ResolvedThresholds,
} from './compare.js';
import type { DriftRow } from './rows.js';

/**
 * Options of {@link DriftReport.fromCapture}.
 *
 * @example
 * ```ts
 * const report = await DriftReport.fromCapture({
 *   s3Uri: 's3://ml-capture/datacapture/churn',
 *   baseline: Baseline.fromJSON(JSON.parse(await readFile('baseline.json', 'utf8'))),
 *   since: new Date(Date.now() - 86_400_000),
 *   psiThreshold: 0.25,
 * });
 * ```
 */
export interface DriftCaptureOptions extends CaptureReadOptions, DriftThresholds {
  /** The training data's baseline. */
  readonly baseline: Baseline;
}

/**
 * The plain data of a {@link DriftReport}; also its JSON.
 *
 * @example
 * ```ts
 * const data: DriftReportData = report.toJSON();
 * await writeFile('drift.json', JSON.stringify(data, null, 2));
 * ```
 */
export interface DriftReportData {
  /** True when any feature drifted. */
  readonly drifted: boolean;
  /** The names of the features that drifted, in column order. */
  readonly driftedFeatures: readonly string[];
  /** Every feature compared, in column order. */
  readonly features: readonly FeatureDrift[];
  /** The thresholds applied, defaults filled in. */
  readonly thresholds: ResolvedThresholds;
  /** Rows compared. */
  readonly rows: number;
  /** Rows the baseline was computed from. */
  readonly baselineRows: number;
  /** Rows that could not be read (of the wrong width). */
  readonly skippedRows: number;
  /** Why the first skipped row was skipped, when one was. */
  readonly firstProblem?: string;
  /** Where the rows came from, for a report made from data capture. */
  readonly capture?: CaptureSource;
}

/**
 * A comparison of current data with a baseline.
 *
 * @example
 * ```ts
 * const report = await DriftReport.fromCapture({ s3Uri: 's3://ml-capture/datacapture/churn', baseline, since });
 * if (report.drifted) console.log(report.toText());
 * ```
 */
export class DriftReport implements DriftReportData {
  // Members are documented once, on DriftReportData; typedoc copies those comments here.
  readonly drifted: boolean;
  readonly driftedFeatures: readonly string[];
  readonly features: readonly FeatureDrift[];
  readonly thresholds: ResolvedThresholds;
  readonly rows: number;
  readonly baselineRows: number;
  readonly skippedRows: number;
  readonly firstProblem?: string;
  readonly capture?: CaptureSource;

  private constructor(comparison: Comparison, baselineRows: number, capture?: CaptureSource) {
    this.features = comparison.features;
    this.driftedFeatures = this.features.filter((f) => f.drifted).map((f) => f.name);
    this.drifted = this.driftedFeatures.length > 0;
    this.thresholds = comparison.thresholds;
    this.rows = comparison.rows;
    this.baselineRows = baselineRows;
    this.skippedRows = comparison.skippedRows;
    if (comparison.firstProblem !== undefined) this.firstProblem = comparison.firstProblem;
    if (capture !== undefined) this.capture = capture;
  }

  /**
   * Compares rows (arrays by the baseline's feature order, or records by name) with the baseline.
   * @throws {@link InvalidArgumentError} for bad thresholds, or when no row fits the baseline.
   */
  static fromRows(baseline: Baseline, rows: readonly DriftRow[], options: DriftThresholds = {}): DriftReport {
    return new DriftReport(compare(baseline, rows, options), baseline.rows);
  }

  /**
   * Reads an endpoint's data capture in S3 (the newest records first, at most `maxRecords`) and compares the
   * captured requests with the baseline. Records that cannot be read are counted in `capture.skippedRecords`.
   * @throws {@link InvalidArgumentError} for bad options; {@link NotFoundError} when no capture record matches;
   * the mapped S3 errors (`NotFoundError` for a missing bucket, `AccessDeniedError`, …).
   */
  static async fromCapture(options: DriftCaptureOptions): Promise<DriftReport> {
    const { baseline, psiThreshold, ksAlpha, chiSquareAlpha, ...read } = options;
    const thresholds = { psiThreshold, ksAlpha, chiSquareAlpha };
    const { rows, source } = await readCapture(read);
    // No data is not "no drift": a CI gate must not pass on an empty prefix, a wrong time window, or records none
    // of which had a readable input (output-only capture, an unknown format).
    if (rows.length === 0) {
      const window = read.since === undefined ? '' : ` since ${read.since.toISOString()}`;
      throw new NotFoundError(
        `No data capture records under ${read.s3Uri}${window}. Check the endpoint's DataCaptureConfig (destination and sampling) and the time window.`,
        { resource: { kind: 'S3 prefix', name: read.s3Uri } },
      );
    }
    return new DriftReport(compare(baseline, rows, thresholds), baseline.rows, source);
  }

  /** The features, by name. */
  feature(name: string): FeatureDrift | undefined {
    return this.features.find((f) => f.name === name);
  }

  /** Plain data for `JSON.stringify`. */
  toJSON(): DriftReportData {
    return {
      drifted: this.drifted,
      driftedFeatures: this.driftedFeatures,
      features: this.features,
      thresholds: this.thresholds,
      rows: this.rows,
      baselineRows: this.baselineRows,
      skippedRows: this.skippedRows,
      ...(this.firstProblem === undefined ? {} : { firstProblem: this.firstProblem }),
      ...(this.capture === undefined ? {} : { capture: this.capture }),
    };
  }

  /** The verdict and a table of the features' statistics, for people. */
  toText(): string {
    const verdict = this.drifted
      ? `DRIFT in ${this.driftedFeatures.length} of ${this.features.length} features (${this.driftedFeatures.join(', ')})`
      : `no drift in ${this.features.length} features`;
    const t = this.thresholds;
    const lines = [
      `Drift of ${this.rows} rows against a baseline of ${this.baselineRows} rows: ${verdict}`,
      `Thresholds: PSI >= ${t.psiThreshold}, KS p < ${t.ksAlpha}, chi-square p < ${t.chiSquareAlpha}`,
      '',
    ];
    const rows = this.features.map((f) => {
      const [test, statistic, p] =
        f.kind === 'numeric'
          ? ['KS D', f.ks.statistic, f.ks.pValue]
          : [`chi2(${f.chiSquare.df})`, f.chiSquare.statistic, f.chiSquare.pValue];
      return [
        f.name,
        f.kind,
        String(f.count),
        String(f.missing),
        formatNumber(f.psi, 4),
        test,
        formatNumber(statistic, 4),
        Number.isNaN(p) ? '-' : formatP(p),
        f.drifted ? `yes: ${f.reasons.join('; ')}` : 'no',
      ];
    });
    lines.push(
      formatTable(['feature', 'kind', 'rows', 'missing', 'PSI', 'test', 'statistic', 'p-value', 'drifted'], rows, [
        'left',
        'left',
        'right',
        'right',
        'right',
        'left',
        'right',
        'right',
        'left',
      ]),
    );
    if (this.skippedRows > 0) lines.push('', `Skipped ${this.skippedRows} rows: ${this.firstProblem}`);
    const c = this.capture;
    if (c !== undefined) {
      lines.push(
        '',
        `Capture: ${c.records} records from ${c.objects} files under ${c.s3Uri}` +
          `${c.truncated ? ' (stopped at maxRecords/maxObjects; newest kept)' : ''}` +
          `${c.skippedRecords > 0 ? `; ${c.skippedRecords} skipped, first: ${c.firstProblem}` : ''}`,
      );
    }
    return lines.join('\n');
  }
}

/**
 * Compares rows with a baseline: the same as {@link DriftReport.fromRows}.
 * @example
 * ```ts
 * const report = compareToBaseline(baseline, lastWeek, { psiThreshold: 0.25 });
 * ```
 */
export function compareToBaseline(
  baseline: Baseline,
  rows: readonly DriftRow[],
  options: DriftThresholds = {},
): DriftReport {
  return DriftReport.fromRows(baseline, rows, options);
}
