/**
 * Summary statistics for benchmark samples. Percentiles use the nearest-rank method on a sorted copy, so p99 of
 * 500 samples is the 495th value, an observed latency rather than an interpolated one.
 */

/** The nearest-rank percentile `p` (0–100) of `samples`; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/**
 * The median (the mean of the two middle values for an even count): the summary used across rounds, so one noisy
 * round cannot move the result.
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface LatencySummary {
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
  readonly count: number;
}

export function summarize(latenciesMs: readonly number[]): LatencySummary {
  const sum = latenciesMs.reduce((a, b) => a + b, 0);
  return {
    p50: percentile(latenciesMs, 50),
    p99: percentile(latenciesMs, 99),
    mean: latenciesMs.length === 0 ? Number.NaN : sum / latenciesMs.length,
    count: latenciesMs.length,
  };
}
