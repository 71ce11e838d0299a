/**
 * What a validation is asked to check, and the checks of those options: a mistake in a gate is an
 * {@link InvalidArgumentError} before any request is sent, never a validation that silently passes.
 */
import { integerOption } from '../../checks.js';
import { InvalidArgumentError } from '../../errors.js';

/**
 * A built-in accuracy metric, or a function of all outputs and expected values.
 *
 * @example
 * ```ts
 * const metric: AccuracyMetric<number, number> = 'rmse';
 * const f1: AccuracyMetric<string, string> = (outputs, expected) => f1Score(outputs, expected);
 * ```
 */
export type AccuracyMetric<O, E> =
  | 'accuracy'
  | 'mae'
  | 'rmse'
  | ((outputs: readonly O[], expected: readonly E[]) => number);

/**
 * The accuracy gate: which metric, and the bounds it must stay within.
 *
 * @example
 * ```ts
 * const gate: AccuracyGate<{ label: string }, string> = { metric: 'accuracy', prediction: (p) => p.label, min: 0.95 };
 * ```
 */
export interface AccuracyGate<O, E> {
  /**
   * `accuracy`: the share of outputs equal to the expected value (deep equality). `mae` and `rmse`: the mean
   * absolute and root mean squared error of numeric outputs (numbers or arrays of numbers, element by element).
   * A function: any score of the outputs against the expected values, e.g. an F1 score.
   */
  readonly metric: AccuracyMetric<O, E>;
  /**
   * Turns a model output into what is compared with `expected`, e.g. `(p) => p.label`. Applied before the
   * built-in metrics; a metric function gets the outputs as they came. @default the output itself
   */
  readonly prediction?: (output: O) => unknown;
  /** The metric's lowest passing value (for `accuracy` and scores). */
  readonly min?: number;
  /** The metric's highest passing value (for `mae`, `rmse` and losses). */
  readonly max?: number;
}

/**
 * Latency gates on the per-request latency of the sample phase, in milliseconds.
 *
 * @example
 * ```ts
 * await validatePredictor(predictor, { samples, latency: { p50Ms: 50, p99Ms: 300 } });
 * ```
 */
export interface LatencyGate {
  /** The highest passing median latency. */
  readonly p50Ms?: number;
  /** The highest passing 90th percentile latency. */
  readonly p90Ms?: number;
  /** The highest passing 99th percentile latency. */
  readonly p99Ms?: number;
}

/**
 * A bounded load phase: `concurrency` callers cycling through the samples for `durationS`.
 *
 * @example
 * ```ts
 * await validatePredictor(predictor, { samples, throughput: { minRps: 50, concurrency: 8, durationS: 30 } });
 * ```
 */
export interface ThroughputGate {
  /** The lowest passing rate of successful requests per second. */
  readonly minRps: number;
  /** Requests in flight at once. */
  readonly concurrency: number;
  /** How long new requests are started, in seconds (at most 600). */
  readonly durationS: number;
  /**
   * A hard cap on the requests of the phase, whatever the duration: a fast endpoint is not flooded, and a
   * metered one is not billed for more than this. @default 10000
   */
  readonly maxRequests?: number;
}

/**
 * Options of `validatePredictor`. `E` is the type of the expected values (the output type by default).
 *
 * @example
 * ```ts
 * const report = await validatePredictor(predictor, {
 *   samples: [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]],
 *   expected: [0, 2],
 *   accuracy: { metric: 'accuracy', min: 0.9 },
 *   latency: { p99Ms: 300 },
 * });
 * if (!report.passed) throw new Error(report.toText());
 * ```
 */
export interface ValidationOptions<I, O, E = O> {
  /** The inputs to send; each is sent once in the sample phase, and cycled through in the load phase. */
  readonly samples: readonly I[];
  /** The expected value of each sample, in the same order; needed by `accuracy`. */
  readonly expected?: readonly E[];
  /** The accuracy gate, when accuracy is checked. */
  readonly accuracy?: AccuracyGate<O, E>;
  /** Latency gates on the sample phase, when latency is checked. */
  readonly latency?: LatencyGate;
  /** A load phase and its gate, when throughput is checked. */
  readonly throughput?: ThroughputGate;
  /**
   * The share of failed requests (sample and load phases together) that still passes: 0 fails validation on
   * any failed request. @default 0
   */
  readonly maxErrorRate?: number;
  /**
   * Requests sent before measuring (the first sample, repeatedly), so the cold start of a model (loading,
   * compiling) is not taken for its latency. Their failures count as errors. @default 1
   */
  readonly warmup?: number;
  /** A deadline for each request, retries included, in milliseconds. @default the predictor's */
  readonly timeoutMs?: number;
  /** Stops the validation: it rejects with `AbortedError`. */
  readonly signal?: AbortSignal;
}

/** The most requests the load phase may be allowed, and its longest duration: a validation is not a load test. */
export const MAX_LOAD_REQUESTS = 1_000_000;
export const MAX_LOAD_SECONDS = 600;
export const DEFAULT_MAX_REQUESTS = 10_000;

/**
 * Checks the options of a validation.
 * @throws {@link InvalidArgumentError} naming the option (`samples`, `accuracy.min`, `throughput.concurrency`, …).
 */
export function checkValidationOptions<I, O, E>(options: ValidationOptions<I, O, E>): void {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError(
      'options',
      'validate takes an options object: { samples, expected?, accuracy?, … }.',
    );
  }
  const { samples, expected, accuracy, latency, throughput } = options;
  if (!Array.isArray(samples) || samples.length === 0) {
    throw new InvalidArgumentError('samples', 'samples must be a non-empty array of inputs to send to the model.');
  }
  if (expected !== undefined) {
    if (!Array.isArray(expected) || expected.length !== samples.length) {
      throw new InvalidArgumentError(
        'expected',
        `expected must hold one value per sample: ${samples.length} samples, ${Array.isArray(expected) ? expected.length : 'not an array of'} expected values.`,
      );
    }
  }
  if (accuracy !== undefined) checkAccuracy(accuracy, expected !== undefined);
  if (latency !== undefined) {
    for (const key of ['p50Ms', 'p90Ms', 'p99Ms'] as const) positive(`latency.${key}`, latency[key], true);
  }
  if (throughput !== undefined) checkThroughput(throughput);
  const { maxErrorRate, warmup, timeoutMs } = options;
  if (maxErrorRate !== undefined && !(typeof maxErrorRate === 'number' && maxErrorRate >= 0 && maxErrorRate <= 1)) {
    throw new InvalidArgumentError('maxErrorRate', `maxErrorRate is ${String(maxErrorRate)}; it must be from 0 to 1.`);
  }
  wholeNumber('warmup', warmup, 0, 1000);
  positive('timeoutMs', timeoutMs, true);
}

function checkAccuracy<O, E>(accuracy: AccuracyGate<O, E>, hasExpected: boolean): void {
  const { metric, min, max, prediction } = accuracy;
  if (typeof metric !== 'function' && metric !== 'accuracy' && metric !== 'mae' && metric !== 'rmse') {
    throw new InvalidArgumentError(
      'accuracy.metric',
      `accuracy.metric is ${JSON.stringify(metric)}; use 'accuracy', 'mae', 'rmse' or a function (outputs, expected) => number.`,
    );
  }
  if (!hasExpected) {
    throw new InvalidArgumentError('expected', 'An accuracy gate needs `expected`: one expected value per sample.');
  }
  if (prediction !== undefined && typeof prediction !== 'function') {
    throw new InvalidArgumentError('accuracy.prediction', 'accuracy.prediction must be a function (output) => value.');
  }
  finite('accuracy.min', min);
  finite('accuracy.max', max);
  if (min === undefined && max === undefined) {
    throw new InvalidArgumentError(
      'accuracy',
      "An accuracy gate needs a bound: min (e.g. { metric: 'accuracy', min: 0.95 }) or max (e.g. { metric: 'rmse', max: 0.5 }).",
    );
  }
  if (min !== undefined && max !== undefined && min > max) {
    throw new InvalidArgumentError('accuracy', `accuracy.min (${min}) is above accuracy.max (${max}): nothing passes.`);
  }
}

function checkThroughput(throughput: ThroughputGate): void {
  if (typeof throughput !== 'object' || throughput === null) {
    throw new InvalidArgumentError('throughput', 'throughput must be { minRps, concurrency, durationS }.');
  }
  positive('throughput.minRps', throughput.minRps, false, true);
  wholeNumber('throughput.concurrency', throughput.concurrency, 1, 1024, true);
  positive('throughput.durationS', throughput.durationS, true, true);
  if (throughput.durationS > MAX_LOAD_SECONDS) {
    throw new InvalidArgumentError(
      'throughput.durationS',
      `throughput.durationS is ${throughput.durationS}; a validation's load phase lasts at most ${MAX_LOAD_SECONDS} s. Use a load-testing tool for longer runs.`,
    );
  }
  wholeNumber('throughput.maxRequests', throughput.maxRequests, 1, MAX_LOAD_REQUESTS);
}

function finite(argument: string, value: unknown): void {
  if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value))) {
    throw new InvalidArgumentError(argument, `${argument} is ${String(value)}; it must be a finite number.`);
  }
}

/** A number above zero (`strict`) or at least zero. */
function positive(argument: string, value: unknown, strict: boolean, required = false): void {
  if (value === undefined && !required) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (strict && value === 0)) {
    throw new InvalidArgumentError(
      argument,
      `${argument} is ${String(value)}; it must be a number ${strict ? 'above 0' : 'of at least 0'}.`,
    );
  }
}

function wholeNumber(argument: string, value: unknown, min: number, max: number, required = false): void {
  if (required && value === undefined) {
    throw new InvalidArgumentError(argument, `${argument} is missing; give a whole number from ${min} to ${max}.`);
  }
  integerOption(argument, value, min, max);
}
