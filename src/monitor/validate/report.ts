/**
 * The result of a validation: every gate as a check with its measured value and its limit, the measurements
 * behind them, and the verdict, readable as text (for a CI log) and as JSON (for a registry record or a file).
 */
import type { AccuracyResult } from './accuracy.js';
import type { LatencySummary } from './latency.js';
import type { ThroughputSummary } from './load.js';
import { formatNumber, formatTable } from './table.js';

/**
 * One gate: what was measured against what was allowed.
 *
 * @example
 * ```ts
 * for (const check of report.checks) {
 *   console.log(
 *     `${check.passed ? 'ok  ' : 'FAIL'} ${check.name}: ${check.actual}${check.unit} ${check.comparison} ${check.limit}`,
 *   );
 * }
 * ```
 */
export interface ValidationCheck {
  /** e.g. `accuracy`, `latency p99`, `throughput`, `error rate`. */
  readonly name: string;
  /** Whether the measured value is within the limit. */
  readonly passed: boolean;
  /** The measured value (NaN when nothing could be measured, which fails the check). */
  readonly actual: number;
  /** The limit the gate set. */
  readonly limit: number;
  /** `ms`, `req/s`, or `''` for ratios and scores. */
  readonly unit: string;
  /** Whether `actual` must be at most (`<=`) or at least (`>=`) `limit`. */
  readonly comparison: '<=' | '>=';
}

/**
 * Failed requests, over both phases.
 *
 * @example
 * ```ts
 * const { errors } = report;
 * if (errors.count > 0) console.error(`${errors.count} of ${errors.requests} requests failed; first: ${errors.first}`);
 * ```
 */
export interface ValidationErrors {
  /** Requests that failed. */
  readonly count: number;
  /** Requests sent in all (warm-up, samples and load). */
  readonly requests: number;
  /** The first failure's name and message. */
  readonly first?: string;
}

/**
 * Everything a {@link ValidationReport} holds; also the shape of its JSON.
 *
 * @example
 * ```ts
 * const data: ValidationReportData = JSON.parse(await readFile('validation.json', 'utf8'));
 * if (!data.passed) console.error(data.checks.filter((c) => !c.passed));
 * ```
 */
export interface ValidationReportData {
  /** True when every check passed. */
  readonly passed: boolean;
  /** Every gate, as a check. */
  readonly checks: readonly ValidationCheck[];
  /** Latency of the sample phase (one request at a time). */
  readonly latency: LatencySummary;
  /** The load phase, when one was asked for. */
  readonly throughput?: ThroughputSummary;
  /** The accuracy metric, when a gate asked for one. */
  readonly accuracy?: AccuracyResult;
  /** Failed requests, over both phases. */
  readonly errors: ValidationErrors;
  /** What was validated, e.g. `Local endpoint iris`. */
  readonly target: string;
  /** When the validation started (ISO 8601). */
  readonly startedAt: string;
  /** How long the whole validation took, in milliseconds. */
  readonly elapsedMs: number;
}

/** Makes a check: `actual` passes when it is within `limit` (NaN never passes). */
export function check(
  name: string,
  actual: number,
  comparison: '<=' | '>=',
  limit: number,
  unit: string,
  extraCondition = true,
): ValidationCheck {
  const within = comparison === '<=' ? actual <= limit : actual >= limit;
  return { name, passed: within && extraCondition, actual, limit, unit, comparison };
}

/**
 * The report of `validatePredictor`. `JSON.stringify(report)` gives {@link ValidationReportData}.
 *
 * @example
 * ```ts
 * const report = await validatePredictor(predictor, { samples, latency: { p99Ms: 300 } });
 * console.log(report.toText());
 * await writeFile('validation.json', JSON.stringify(report));
 * if (!report.passed) process.exitCode = 1;
 * ```
 */
export class ValidationReport implements ValidationReportData {
  readonly passed: boolean;
  readonly checks: readonly ValidationCheck[];
  readonly latency: LatencySummary;
  readonly throughput?: ThroughputSummary;
  readonly accuracy?: AccuracyResult;
  readonly errors: ValidationErrors;
  readonly target: string;
  readonly startedAt: string;
  readonly elapsedMs: number;

  constructor(data: Omit<ValidationReportData, 'passed'>) {
    this.checks = data.checks;
    this.passed = data.checks.every((c) => c.passed);
    this.latency = data.latency;
    if (data.throughput !== undefined) this.throughput = data.throughput;
    if (data.accuracy !== undefined) this.accuracy = data.accuracy;
    this.errors = data.errors;
    this.target = data.target;
    this.startedAt = data.startedAt;
    this.elapsedMs = data.elapsedMs;
  }

  /** The checks that failed. */
  get failures(): readonly ValidationCheck[] {
    return this.checks.filter((c) => !c.passed);
  }

  /** A plain object for `JSON.stringify`. */
  toJSON(): ValidationReportData {
    return {
      passed: this.passed,
      checks: this.checks,
      latency: this.latency,
      ...(this.throughput === undefined ? {} : { throughput: this.throughput }),
      ...(this.accuracy === undefined ? {} : { accuracy: this.accuracy }),
      errors: this.errors,
      target: this.target,
      startedAt: this.startedAt,
      elapsedMs: this.elapsedMs,
    };
  }

  /** The verdict, a table of the checks and the measurements, for people. */
  toText(): string {
    const passedCount = this.checks.length - this.failures.length;
    const verdict = this.passed ? 'PASSED' : 'FAILED';
    const lines = [`Validation of ${this.target}: ${verdict} (${passedCount}/${this.checks.length} checks passed)`, ''];
    const rows = this.checks.map((c) => [
      c.name,
      withUnit(c.actual, c.unit),
      `${c.comparison === '<=' ? '<=' : '>='} ${withUnit(c.limit, c.unit)}`,
      c.passed ? 'pass' : 'FAIL',
    ]);
    lines.push(formatTable(['check', 'actual', 'limit', 'result'], rows, ['left', 'right', 'right', 'left']), '');
    const l = this.latency;
    lines.push(
      `Latency (${l.samples} requests, one at a time): p50 ${formatNumber(l.p50Ms)} ms, p90 ${formatNumber(l.p90Ms)} ms, ` +
        `p99 ${formatNumber(l.p99Ms)} ms, mean ${formatNumber(l.meanMs)} ms`,
    );
    const t = this.throughput;
    if (t !== undefined) {
      lines.push(
        `Throughput: ${formatNumber(t.rps, 1)} req/s over ${formatNumber(t.durationS)} s ` +
          `(${t.requests} requests, ${t.errors} errors, concurrency ${t.concurrency}${t.capped ? ', stopped at maxRequests' : ''})`,
      );
    }
    if (this.accuracy !== undefined)
      lines.push(`Accuracy: ${this.accuracy.metric} = ${formatNumber(this.accuracy.value, 4)}`);
    const e = this.errors;
    lines.push(`Errors: ${e.count} of ${e.requests} requests${e.first === undefined ? '' : `; first: ${e.first}`}`);
    return lines.join('\n');
  }
}

function withUnit(value: number, unit: string): string {
  return unit === '' ? formatNumber(value, 4) : `${formatNumber(value)} ${unit}`;
}
