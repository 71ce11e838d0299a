/**
 * The population stability index (PSI) of two distributions over the same bins or categories:
 *
 *   PSI = Σᵢ (aᵢ − eᵢ) · ln(aᵢ / eᵢ)
 *
 * with eᵢ the baseline's (expected) proportion and aᵢ the current (actual) one in bin i. An empty bin would make
 * the logarithm infinite, so a proportion of 0 is replaced by a small ε (1e-4), as is usual in practice.
 * The usual reading (Siddiqi, *Credit Risk Scorecards*, 2006; Yurdakul, *Statistical Properties of Population
 * Stability Index*, 2018): below 0.1 no significant change, 0.1–0.25 a moderate shift, above 0.25 a major one.
 */

/** The ε that stands in for an empty bin's proportion. */
export const PSI_EPSILON = 1e-4;

/**
 * The PSI of `actual` against `expected`, both proportions over the same bins (each summing to 1).
 * @throws RangeError when the two have different lengths.
 */
export function populationStabilityIndex(
  expected: readonly number[],
  actual: readonly number[],
  epsilon = PSI_EPSILON,
): number {
  if (expected.length !== actual.length) {
    throw new RangeError(`PSI needs the same bins on both sides: ${expected.length} and ${actual.length}.`);
  }
  let sum = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.max(expected[i]!, epsilon);
    const a = Math.max(actual[i]!, epsilon);
    sum += (a - e) * Math.log(a / e);
  }
  return sum;
}

/** Counts as proportions of their total (all zeros when the total is 0). */
export function proportions(counts: readonly number[]): number[] {
  const total = counts.reduce((sum, c) => sum + c, 0);
  return counts.map((c) => (total === 0 ? 0 : c / total));
}
