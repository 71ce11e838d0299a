/**
 * The accuracy metrics of a validation: the share of correct outputs, the mean absolute error and the root mean
 * squared error, or a metric of the caller's.
 */
import { isDeepStrictEqual } from 'node:util';
import { InvalidArgumentError } from '../../errors.js';
import type { AccuracyGate } from './options.js';

/**
 * The metric's name and value; `failed` samples had no output.
 *
 * @example
 * ```ts
 * const { accuracy } = await validatePredictor(predictor, {
 *   samples,
 *   expected,
 *   accuracy: { metric: 'rmse', max: 0.5 },
 * });
 * console.log(accuracy?.metric, accuracy?.value); // rmse 0.31
 * ```
 */
export interface AccuracyResult {
  /** `accuracy`, `mae`, `rmse`, or the metric function's name (`custom` when it has none). */
  readonly metric: string;
  /** The metric's value. */
  readonly value: number;
}

/** One sample's result: its output, or `undefined` when its request failed. */
export type SampleOutput<O> = { readonly ok: true; readonly output: O } | { readonly ok: false };

/**
 * Computes the gate's metric. For `accuracy` a failed sample counts as a wrong answer; the other metrics are
 * computed over the samples that answered (the validation fails on the failed ones through its errors check
 * and its accuracy check).
 * @throws {@link InvalidArgumentError} when `mae` or `rmse` meets an output or expected value that is not numeric.
 */
export function computeAccuracy<O, E>(
  gate: AccuracyGate<O, E>,
  results: readonly SampleOutput<O>[],
  expected: readonly E[],
): AccuracyResult {
  const { metric } = gate;
  const answered = results.flatMap((result, index) => (result.ok ? [{ output: result.output, index }] : []));
  if (typeof metric === 'function') {
    const value = metric(
      answered.map((a) => a.output),
      answered.map((a) => expected[a.index]!),
    );
    return { metric: metric.name === '' ? 'custom' : metric.name, value };
  }
  const pick = gate.prediction ?? ((output: O) => output);
  if (metric === 'accuracy') {
    const correct = answered.filter((a) => isDeepStrictEqual(pick(a.output), expected[a.index])).length;
    return { metric, value: results.length === 0 ? Number.NaN : correct / results.length };
  }
  let sumAbs = 0;
  let sumSquares = 0;
  let count = 0;
  for (const { output, index } of answered) {
    const predicted = numbers(pick(output), `the output of sample ${index}`, 'accuracy.prediction');
    const wanted = numbers(expected[index], `expected[${index}]`, 'expected');
    if (predicted.length !== wanted.length) {
      throw new InvalidArgumentError(
        'expected',
        `sample ${index}: the output has ${predicted.length} numbers and the expected value ${wanted.length}; ${metric} compares them one to one.`,
      );
    }
    predicted.forEach((p, i) => {
      const error = p - wanted[i]!;
      sumAbs += Math.abs(error);
      sumSquares += error * error;
    });
    count += predicted.length;
  }
  const value = count === 0 ? Number.NaN : metric === 'mae' ? sumAbs / count : Math.sqrt(sumSquares / count);
  return { metric, value };
}

/** A number or an array (nested or not) of numbers, flattened. */
function numbers(value: unknown, what: string, argument: string): number[] {
  const flat = Array.isArray(value) ? value.flat(Number.POSITIVE_INFINITY) : [value];
  if (flat.every((x): x is number => typeof x === 'number')) return flat;
  throw new InvalidArgumentError(
    argument,
    `${what} is not a number or an array of numbers (${JSON.stringify(value)?.slice(0, 80)}); mae and rmse need numbers. Pick them with accuracy.prediction, e.g. (output) => output.score.`,
  );
}
