/**
 * Binning of a numeric feature for the PSI: bin edges at the baseline's quantiles (so each bin holds about the
 * same share of the training data), and a bounded sorted sample of the baseline for the KS test.
 */

/**
 * The `q`-quantile (0 ≤ q ≤ 1) of ascending `sorted` by linear interpolation between order statistics
 * (Hyndman & Fan's type 7, the default of R's `quantile` and NumPy's `quantile`).
 */
export function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, sorted.length - 1);
  const fraction = position - lower;
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * fraction;
}

/**
 * The inner edges of `bins` quantile bins of ascending `sorted`: the quantiles at 1/bins, 2/bins, …, with
 * repeated edges removed (many equal values, e.g. a mostly-zero feature, make fewer, wider bins). Values up to
 * and including an edge fall in the bin below it; the outer bins are open, so any value has a bin.
 */
export function quantileEdges(sorted: readonly number[], bins: number): number[] {
  const edges: number[] = [];
  for (let i = 1; i < bins; i++) {
    const edge = quantile(sorted, i / bins);
    if (edges.length === 0 || edge > edges[edges.length - 1]!) edges.push(edge);
  }
  // An edge at the maximum would leave the last bin empty by construction.
  if (edges.length > 0 && edges[edges.length - 1]! >= sorted[sorted.length - 1]!) edges.pop();
  return edges;
}

/** The bin of `x`: how many edges lie strictly below it (binary search). */
export function binOf(edges: readonly number[], x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many of `values` fall in each of the `edges.length + 1` bins. */
export function binCounts(edges: readonly number[], values: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const x of values) counts[binOf(edges, x)]!++;
  return counts;
}

/**
 * At most `size` values of ascending `sorted` that keep its distribution: all of them when there are few
 * enough, else the values at evenly spaced ranks (the midpoints of `size` equal slices).
 */
export function sortedSample(sorted: readonly number[], size: number): number[] {
  if (sorted.length <= size) return [...sorted];
  return Array.from({ length: size }, (_, i) => sorted[Math.floor(((i + 0.5) * sorted.length) / size)]!);
}
