/**
 * `validatePredictor`: does a deployed model answer correctly, fast enough and at the rate needed? Run before
 * promoting a model or sending it live traffic; it works against any target a `Predictor` can call.
 */
import { performance } from 'node:perf_hooks';
import { AbortedError } from '../../errors.js';
import type { Predictor } from '../../predict/predictor.js';
import { computeAccuracy, type SampleOutput } from './accuracy.js';
import { summarizeLatency } from './latency.js';
import { runLoad, type ThroughputSummary } from './load.js';
import { checkValidationOptions, type ValidationOptions } from './options.js';
import { check, type ValidationCheck, ValidationReport } from './report.js';

/**
 * Validates a deployed model in three phases:
 * 1. warm-up: `warmup` requests of the first sample, not measured;
 * 2. samples: each sample sent once, one at a time (so latency is the model's, not a queue's), each request
 *    timed; the outputs are scored against `expected` by the accuracy gate;
 * 3. load (when `throughput` is given): `concurrency` callers cycle through the samples for `durationS`, at
 *    most `maxRequests` requests, and the rate of successful requests is measured.
 *
 * Failed requests do not stop the validation: they are counted (the `error rate` check) and a failed sample
 * counts against accuracy. The report's `passed` is true only when every check passed.
 *
 * @example
 * ```ts
 * const report = await validatePredictor(deployment.predictor<Row, IrisPrediction>(), {
 *   samples: rows,
 *   expected: labels,
 *   accuracy: { metric: 'accuracy', prediction: (p) => p.label, min: 0.95 },
 *   latency: { p99Ms: 50 },
 *   throughput: { minRps: 100, concurrency: 8, durationS: 5 },
 * });
 * console.log(report.toText());
 * if (!report.passed) process.exitCode = 1;
 * ```
 * @throws {@link InvalidArgumentError} for bad options (before any request), or when `mae`/`rmse` meets outputs
 * that are not numbers.
 * @throws {@link AbortedError} when `signal` aborts.
 */
export async function validatePredictor<I, O, E = O>(
  predictor: Predictor<I, O>,
  options: ValidationOptions<I, O, E>,
): Promise<ValidationReport> {
  checkValidationOptions(options);
  const { samples, signal, timeoutMs, warmup = 1 } = options;
  const target = predictor.transport.description;
  const startedAt = new Date().toISOString();
  const began = performance.now();
  let requests = 0;
  let errors = 0;
  let firstError: unknown;
  const predict = (input: I, requestSignal = signal): Promise<O> => {
    requests++;
    return predictor.predict(input, { signal: requestSignal, timeoutMs });
  };
  // One request of the warm-up or the sample phase: a failure is recorded and the validation goes on; the
  // caller's abort ends it.
  const attempt = async (input: I, phase: string): Promise<SampleOutput<O>> => {
    try {
      return { ok: true, output: await predict(input) };
    } catch (error) {
      if (signal?.aborted) {
        throw new AbortedError(`The validation of ${target} was aborted during its ${phase}.`, { cause: error });
      }
      errors++;
      firstError ??= error;
      return { ok: false };
    }
  };

  for (let i = 0; i < warmup; i++) await attempt(samples[0]!, 'warm-up');
  const results: SampleOutput<O>[] = [];
  const latencies: number[] = [];
  for (const input of samples) {
    const start = performance.now();
    const result = await attempt(input, 'sample phase');
    if (result.ok) latencies.push(performance.now() - start);
    results.push(result);
  }
  const latency = summarizeLatency(latencies);
  const failedSamples = results.filter((r) => !r.ok).length;

  const checks: ValidationCheck[] = [];
  const accuracy =
    options.accuracy === undefined ? undefined : computeAccuracy(options.accuracy, results, options.expected!);
  if (options.accuracy !== undefined && accuracy !== undefined) {
    const { min, max } = options.accuracy;
    // A sample without an answer cannot be scored: the gate fails whatever the metric says of the others.
    const complete = failedSamples === 0;
    if (min !== undefined) checks.push(check(accuracy.metric, accuracy.value, '>=', min, '', complete));
    if (max !== undefined) checks.push(check(accuracy.metric, accuracy.value, '<=', max, '', complete));
  }
  for (const [key, name] of [
    ['p50Ms', 'latency p50'],
    ['p90Ms', 'latency p90'],
    ['p99Ms', 'latency p99'],
  ] as const) {
    const limit = options.latency?.[key];
    if (limit !== undefined) checks.push(check(name, latency[key], '<=', limit, 'ms'));
  }

  let throughput: ThroughputSummary | undefined;
  if (options.throughput !== undefined) {
    const load = await runLoad((input, loadSignal) => predict(input, loadSignal), samples, options.throughput, {
      signal,
      graceMs: timeoutMs,
    });
    throughput = load.summary;
    errors += load.summary.errors;
    if (load.firstError !== undefined) firstError ??= load.firstError;
    checks.push(check('throughput', throughput.rps, '>=', options.throughput.minRps, 'req/s'));
  }
  checks.push(check('error rate', requests === 0 ? 0 : errors / requests, '<=', options.maxErrorRate ?? 0, ''));

  return new ValidationReport({
    checks,
    latency,
    ...(throughput === undefined ? {} : { throughput }),
    ...(accuracy === undefined ? {} : { accuracy }),
    errors: { count: errors, requests, ...(firstError === undefined ? {} : { first: describeError(firstError) }) },
    target,
    startedAt,
    elapsedMs: performance.now() - began,
  });
}

/** An error's name and message, for the report. */
function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
