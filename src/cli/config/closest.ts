/**
 * The allowed key a misspelt one was most likely meant to be (`instanceTyp` → `instanceType`), for "did you mean"
 * in schema errors: the nearest by edit distance, when it is near enough to be a typo rather than another word.
 */
export function closestKey(key: string, allowed: readonly string[]): string | undefined {
  let best: { readonly key: string; readonly distance: number } | undefined;
  for (const candidate of allowed) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (best === undefined || distance < best.distance) best = { key: candidate, distance };
  }
  // Two edits, or a quarter of the word for long ones: `instanceCuont` is a typo, `region` for `role` is not.
  const limit = Math.max(2, Math.floor(key.length / 4));
  return best !== undefined && best.key !== key && best.distance <= limit ? best.key : undefined;
}

/** Levenshtein distance with transpositions counted as one edit (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j += 1) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    const row = rows[i] as number[];
    const previous = rows[i - 1] as number[];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}
