/**
 * `--set key=value`: overrides of a plain config by dotted path, applied before the schema check so a mistyped
 * key is told like one in the file. Values that parse as JSON are JSON (`10`, `true`, `["a"]`), others are strings.
 */
import { InvalidArgumentError } from '../../errors.js';

/** One `--set`: the path's keys and the value. */
export interface SetOverride {
  readonly path: readonly string[];
  readonly value: unknown;
}

/**
 * The overrides of `--set` arguments.
 * @throws {@link InvalidArgumentError} (`argument: 'set'`) for an argument that is not `key=value`.
 */
export function parseSets(entries: readonly string[]): SetOverride[] {
  return entries.map((entry) => {
    const equals = entry.indexOf('=');
    const key = equals < 0 ? '' : entry.slice(0, equals);
    const path = key.split('.');
    if (equals < 0 || path.some((part) => part.trim() === '')) {
      throw new InvalidArgumentError(
        'set',
        `--set ${JSON.stringify(entry)} is not key=value: give a dotted path and a value, e.g. --set target.instanceType=ml.c5.xlarge.`,
      );
    }
    return { path, value: parseValue(entry.slice(equals + 1)) };
  });
}

/**
 * A copy of `config` with the overrides applied (objects on the way are created when missing; the rest of the
 * config is shared, not copied).
 * @throws {@link InvalidArgumentError} when a path goes through a value that is not an object.
 */
export function applySets(config: Readonly<Record<string, unknown>>, sets: readonly SetOverride[]) {
  let result: Record<string, unknown> = { ...config };
  for (const set of sets) result = setPath(result, set.path, set.value, []);
  return result;
}

function setPath(
  object: Readonly<Record<string, unknown>>,
  path: readonly string[],
  value: unknown,
  done: readonly string[],
): Record<string, unknown> {
  const [key, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) return { ...object, [key]: value };
  const inner = object[key] ?? {};
  if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) {
    const at = [...done, key].join('.');
    throw new InvalidArgumentError(
      'set',
      `--set ${[...done, ...path].join('.')}: ${at} is ${JSON.stringify(inner)}, not an object with keys to set.`,
    );
  }
  return { ...object, [key]: setPath(inner as Record<string, unknown>, rest, value, [...done, key]) };
}

function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
