/**
 * Pearson's chi-square test of homogeneity for a categorical feature: do the baseline and the current data come
 * from the same category frequencies? With a 2×k table of counts (baseline and current rows, k categories seen in
 * either), expected counts Eᵣc = rowᵣ · colc / N, statistic χ² = Σ (Oᵣc − Eᵣc)² / Eᵣc, and k − 1 degrees of
 * freedom; the p-value is the chi-square survival function, the regularized upper incomplete gamma function
 * Q(df/2, χ²/2), evaluated by its series or continued fraction (Press et al., *Numerical Recipes*, 3rd ed., §6.2).
 */

/** The test of two count vectors over the same categories. */
export function chiSquareHomogeneity(
  baseline: readonly number[],
  current: readonly number[],
): { statistic: number; df: number; pValue: number } {
  const totalA = baseline.reduce((s, c) => s + c, 0);
  const totalB = current.reduce((s, c) => s + c, 0);
  const total = totalA + totalB;
  if (totalA === 0 || totalB === 0) return { statistic: Number.NaN, df: 0, pValue: Number.NaN };
  let statistic = 0;
  let categories = 0;
  for (let i = 0; i < baseline.length; i++) {
    const column = baseline[i]! + current[i]!;
    if (column === 0) continue; // a category neither side has adds nothing and no degree of freedom
    categories++;
    const expectedA = (totalA * column) / total;
    const expectedB = (totalB * column) / total;
    statistic += (baseline[i]! - expectedA) ** 2 / expectedA + (current[i]! - expectedB) ** 2 / expectedB;
  }
  const df = categories - 1;
  return { statistic, df, pValue: df < 1 ? 1 : chiSquareSurvival(statistic, df) };
}

/** P(X > x) for X ~ χ²(df). */
export function chiSquareSurvival(x: number, df: number): number {
  if (x <= 0) return 1;
  return upperGamma(df / 2, x / 2);
}

/** The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a). */
function upperGamma(a: number, x: number): number {
  if (x < a + 1) return 1 - lowerSeries(a, x);
  return upperFraction(a, x);
}

// P(a, x) by its power series, for x < a + 1.
function lowerSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < 1000; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

// Q(a, x) by its continued fraction (modified Lentz), for x ≥ a + 1.
function upperFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

// ln Γ(z) by the Lanczos approximation (g = 7, 9 coefficients), accurate to about 15 digits for z > 0.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

function logGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  const x = z - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}
