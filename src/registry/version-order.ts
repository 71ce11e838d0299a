/**
 * The order in which versions are listed: registry numbers ascending (`2` before `10`), then semantic versions by
 * semver precedence (`1.0.0-rc.1` before `1.0.0` before `1.10.0`). Numbers come first because a model is usually
 * numbered by the registry or versioned by hand, rarely both; mixing them keeps each group in its own order.
 */
import { isNumericVersion, SEMVER_PATTERN } from './names.js';

/**
 * Compares two valid version strings for sorting.
 * @returns a negative number when `a` comes first, positive when `b` does, 0 only when they are equal.
 * @example
 * ```ts
 * ['10', '2', '1.0.0', '1.0.0-rc.1'].sort(compareVersions); // ['2', '10', '1.0.0-rc.1', '1.0.0']
 * ```
 */
export function compareVersions(a: string, b: string): number {
  const aNumeric = isNumericVersion(a);
  const bNumeric = isNumericVersion(b);
  if (aNumeric && bNumeric) return Number(a) - Number(b);
  if (aNumeric !== bNumeric) return aNumeric ? -1 : 1;
  // Build metadata (`+…`) does not count in semver precedence; the plain string order keeps the sort total.
  return compareSemver(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** A copy of `versions` in listing order. */
export function sortVersions(versions: readonly string[]): string[] {
  return [...versions].sort(compareVersions);
}

function compareSemver(a: string, b: string): number {
  const pa = SEMVER_PATTERN.exec(a);
  const pb = SEMVER_PATTERN.exec(b);
  if (pa === null || pb === null) return 0;
  for (let i = 1; i <= 3; i++) {
    const diff = compareNumbers(pa[i] ?? '0', pb[i] ?? '0');
    if (diff !== 0) return diff;
  }
  return comparePrerelease(pa[4], pb[4]);
}

// Semver 2.0.0 §11: a version without a pre-release comes after one with; identifiers compare one by one, numbers
// numerically and below words, and a longer list wins when all shared identifiers are equal.
function comparePrerelease(a: string | undefined, b: string | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  const ia = a.split('.');
  const ib = b.split('.');
  for (let i = 0; i < Math.min(ia.length, ib.length); i++) {
    const x = ia[i] ?? '';
    const y = ib[i] ?? '';
    const xNumber = /^[0-9]+$/.test(x);
    const yNumber = /^[0-9]+$/.test(y);
    let diff: number;
    if (xNumber && yNumber) diff = compareNumbers(x, y);
    else if (xNumber !== yNumber) diff = xNumber ? -1 : 1;
    else diff = x < y ? -1 : x > y ? 1 : 0;
    if (diff !== 0) return diff;
  }
  return ia.length - ib.length;
}

// Semver numbers have no length limit: compare them as digit strings (no leading zeros, so longer is larger).
function compareNumbers(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
