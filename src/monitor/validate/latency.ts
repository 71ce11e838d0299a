/**
 * Latency percentiles by the nearest-rank method: the p-th percentile of n sorted values is the value at rank
 * ⌈p/100 · n⌉ (1-based). Every reported percentile is a latency that was actually measured, never an
 * interpolation between two, so a p99 of 150 samples is the second slowest request.
 */

/**
 * Latency of the measured requests, in milliseconds.
 *
 * @example
 * ```ts
 * const { latency } = await validatePredictor(predictor, { samples });
 * console.log(`p50 ${latency.p50Ms} ms, p99 ${latency.p99Ms} ms over ${latency.samples} requests`);
 * ```
 */
export interface LatencySummary {
  /** The median latency. */
  readonly p50Ms: number;
  /** The 90th percentile latency. */
  readonly p90Ms: number;
  /** The 99th percentile latency. */
  readonly p99Ms: number;
  /** The mean latency. */
  readonly meanMs: number;
  /** How many requests were measured (the successful ones). */
  readonly samples: number;
}

/** The nearest-rank `p`-th percentile (0 < p ≤ 100) of ascending `sorted`; NaN when it is empty. */
export function nearestRank(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

/** Summarizes latencies in milliseconds; every statistic is NaN when there are none. */
export function summarizeLatency(latenciesMs: readonly number[]): LatencySummary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const sum = sorted.reduce((total, x) => total + x, 0);
  return {
    p50Ms: nearestRank(sorted, 50),
    p90Ms: nearestRank(sorted, 90),
    p99Ms: nearestRank(sorted, 99),
    meanMs: sorted.length === 0 ? Number.NaN : sum / sorted.length,
    samples: sorted.length,
  };
}
