/**
 * The two-sample Kolmogorov–Smirnov test: the statistic D = supₓ |F₁(x) − F₂(x)|, the largest gap between the
 * two empirical distribution functions, and its p-value from the asymptotic Kolmogorov distribution,
 *
 *   Q_KS(λ) = 2 Σⱼ₌₁^∞ (−1)^(j−1) e^(−2j²λ²),   λ = (√nₑ + 0.12 + 0.11/√nₑ) · D,   nₑ = n·m / (n + m)
 *
 * (Press et al., *Numerical Recipes*, 3rd ed., §14.3.3, with Stephens' (1970) small-sample correction of λ;
 * the same as SciPy's `ks_2samp` asymptotic method before SciPy 1.5). It is accurate for nₑ of a few dozen or
 * more; with large samples the test detects even tiny shifts, which is why the PSI is reported next to it.
 */

/** D of two ascending samples; ties are stepped over together, so equal samples give 0. */
export function ksStatistic(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return Number.NaN;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const x = Math.min(a[i]!, b[j]!);
    while (i < n && a[i]! <= x) i++;
    while (j < m && b[j]! <= x) j++;
    d = Math.max(d, Math.abs(i / n - j / m));
  }
  return d;
}

/**
 * Q_KS(λ) = P(K > λ) for the Kolmogorov distribution. Below λ = 1.18 the alternating series converges slowly,
 * so the equivalent theta-function form 1 − (√(2π)/λ) Σⱼ e^(−(2j−1)²π²/(8λ²)) is summed instead.
 */
export function kolmogorovSurvival(lambda: number): number {
  if (Number.isNaN(lambda)) return Number.NaN;
  if (lambda <= 0) return 1;
  if (lambda < 1.18) {
    let sum = 0;
    for (let j = 1; j < 100; j++) {
      const term = Math.exp((-((2 * j - 1) ** 2) * Math.PI ** 2) / (8 * lambda * lambda));
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    return Math.min(1, Math.max(0, 1 - (Math.sqrt(2 * Math.PI) / lambda) * sum));
  }
  let sum = 0;
  for (let j = 1; j < 100; j++) {
    const term = Math.exp(-2 * j * j * lambda * lambda);
    sum += j % 2 === 1 ? term : -term;
    if (term < 1e-17) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/** The two-sample KS test of ascending samples `a` (n values) and `b` (m values). */
export function ksTest(a: readonly number[], b: readonly number[]): { statistic: number; pValue: number } {
  const statistic = ksStatistic(a, b);
  const en = Math.sqrt((a.length * b.length) / (a.length + b.length));
  return { statistic, pValue: kolmogorovSurvival((en + 0.12 + 0.11 / en) * statistic) };
}
