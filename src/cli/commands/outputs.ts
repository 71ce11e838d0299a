/**
 * Step outputs as JSON: plain data kept, everything else (handles, functions, cycles) dropped, so `--json`
 * always prints a document.
 */
export function outputsToJSON(outputs: ReadonlyMap<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [id, value] of outputs) {
    const plain = plainData(value, new Set());
    if (plain !== undefined) result[id] = plain;
  }
  return result;
}

function plainData(value: unknown, seen: Set<object>): unknown {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'object' || seen.has(value)) return undefined;
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => plainData(item, seen) ?? null);
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return undefined;
    const entries = Object.entries(value)
      .map(([key, item]) => [key, plainData(item, seen)] as const)
      .filter(([, item]) => item !== undefined);
    return Object.fromEntries(entries);
  } finally {
    seen.delete(value);
  }
}
