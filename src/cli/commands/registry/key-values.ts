/**
 * `--metric key=value` and `--meta key=value`: repeatable flags that become the objects `Registry.register` takes.
 * Parsed here only as far as the flag's shape goes; the registry checks keys and values against its own limits.
 */
import { InvalidArgumentError } from '../../../errors.js';

/** Appends each use of a repeatable option (commander's option processor). */
export function collect(value: string, previous: readonly string[] = []): string[] {
  return [...previous, value];
}

/**
 * `['auc=0.91', 'f1=0.84']` → `{ auc: 0.91, f1: 0.84 }`.
 * @throws {@link InvalidArgumentError} for an entry without `=`, a repeated key or a value that is not a number.
 */
export function parseMetrics(values: readonly string[]): Record<string, number> {
  return Object.fromEntries(
    pairs('metric', values).map(([key, text]) => {
      const value = Number(text);
      // Number('') is 0 and Number('0x1f') is 31: only plain decimal numbers are what a person meant.
      if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) || !Number.isFinite(value)) {
        throw new InvalidArgumentError(
          `metrics.${key}`,
          `--metric ${key}=${text}: the value must be a number, e.g. --metric ${key}=0.91.`,
        );
      }
      return [key, value];
    }),
  );
}

/**
 * `['owner=ml-team']` → `{ owner: 'ml-team' }`.
 * @throws {@link InvalidArgumentError} for an entry without `=` or a repeated key.
 */
export function parseMetadata(values: readonly string[]): Record<string, string> {
  return Object.fromEntries(pairs('meta', values));
}

function pairs(flag: string, values: readonly string[]): [string, string][] {
  const seen = new Set<string>();
  return values.map((entry) => {
    const at = entry.indexOf('=');
    const key = at === -1 ? '' : entry.slice(0, at).trim();
    if (key === '') {
      throw new InvalidArgumentError(flag, `--${flag} ${entry}: write key=value, e.g. --${flag} ${example(flag)}.`);
    }
    if (seen.has(key)) {
      throw new InvalidArgumentError(flag, `--${flag} ${key} is given twice; give each key once.`);
    }
    seen.add(key);
    return [key, entry.slice(at + 1).trim()];
  });
}

function example(flag: string): string {
  return flag === 'metric' ? 'auc=0.91' : 'owner=ml-team';
}
