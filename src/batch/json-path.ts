/**
 * The JSONPath subset of SageMaker batch transform's `InputFilter` and `OutputFilter`, for the Local runner:
 * `$` (the whole record), `.name` and `['name']` (a member), `['a','b']` (several members, as an object),
 * `[2]` and `[-1]` (an element), `[0,2]` (several elements, as an array), `[1:]`, `[:3]`, `[1:-1]` (a slice, as
 * an array) and `.*` / `[*]` (every member or element). Filters, recursive descent (`..`) and scripts are not
 * supported: SageMaker documents none of them for batch transform.
 */
import { InvalidArgumentError } from '../errors.js';

type Segment =
  | { readonly kind: 'names'; readonly names: readonly string[] }
  | { readonly kind: 'items'; readonly parts: readonly ItemPart[] }
  | { readonly kind: 'all' };

/** One part of a bracket over an array: an index, or a slice. */
type ItemPart = { readonly index: number } | { readonly start: number | undefined; readonly end: number | undefined };

/** A parsed JSONPath of the supported subset. */
export interface JsonPath {
  /** As the user wrote it: what SageMaker is sent. */
  readonly text: string;
  readonly segments: readonly Segment[];
}

const NAME = /^\.([A-Za-z_$][\w$-]*)/;
const BRACKET = /^\[([^\]]*)\]/;
const QUOTED = /^'([^']*)'$/;
const INT = /^-?\d+$/;
const SLICE = /^(-?\d+)?:(-?\d+)?$/;

/**
 * Parses `text`.
 * @throws {@link InvalidArgumentError} naming `argument` for anything outside the subset.
 */
export function parseJsonPath(text: string, argument: string): JsonPath {
  const fail = (why: string): never => {
    throw new InvalidArgumentError(
      argument,
      `${argument} ${JSON.stringify(text)} is not a supported JSONPath: ${why}. Use $, $.name, $['name'], $[0,2], $[1:] or $.*.`,
    );
  };
  if (!text.startsWith('$')) fail('it must start with $');
  const segments: Segment[] = [];
  let rest = text.slice(1);
  while (rest !== '') {
    if (rest.startsWith('.*') || rest.startsWith('[*]')) {
      segments.push({ kind: 'all' });
      rest = rest.slice(rest.startsWith('.*') ? 2 : 3);
      continue;
    }
    const name = NAME.exec(rest);
    if (name) {
      segments.push({ kind: 'names', names: [name[1] as string] });
      rest = rest.slice(name[0].length);
      continue;
    }
    const bracket = BRACKET.exec(rest);
    if (!bracket) return fail(`cannot read ${JSON.stringify(rest)}`);
    segments.push(bracketSegment((bracket[1] as string).trim(), fail));
    rest = rest.slice(bracket[0].length);
  }
  return { text, segments };
}

function bracketSegment(inner: string, fail: (why: string) => never): Segment {
  const parts = inner.split(',').map((part) => part.trim());
  if (parts.every((part) => QUOTED.test(part))) {
    return { kind: 'names', names: parts.map((part) => (QUOTED.exec(part) as RegExpExecArray)[1] as string) };
  }
  // Indices and slices mix in one union, as in SageMaker's own example `$[0,5:]`.
  const items = parts.map((part): ItemPart => {
    if (INT.test(part)) return { index: Number(part) };
    const slice = SLICE.exec(part);
    if (!slice) return fail(`[${inner}] is neither names, indices nor slices`);
    const bound = (value: string | undefined) => (value === undefined ? undefined : Number(value));
    return { start: bound(slice[1]), end: bound(slice[2]) };
  });
  return { kind: 'items', parts: items };
}

/** True when `path` is `$`: the whole record, so filtering can be skipped. */
export function isWholeRecord(path: JsonPath | undefined): boolean {
  return path === undefined || path.segments.length === 0;
}

/**
 * What `path` selects of `value`. A segment that selects one thing gives it; one that selects several (a union, a
 * slice, `*`) gives an array, and the segments after it apply to each of its items.
 * @throws {@link InvalidArgumentError} (as `argument`) when the record has no such member or element.
 */
export function selectJsonPath(path: JsonPath, value: unknown, argument = 'filter'): unknown {
  return select(path.segments, value, (why) => {
    throw new InvalidArgumentError(argument, `${argument} ${path.text} does not apply to the record: ${why}.`);
  });
}

function select(segments: readonly Segment[], value: unknown, fail: (why: string) => never): unknown {
  const [segment, ...rest] = segments;
  if (segment === undefined) return value;
  const many = (items: readonly unknown[]) => items.map((item) => select(rest, item, fail));
  switch (segment.kind) {
    case 'all':
      if (Array.isArray(value)) return many(value);
      if (isObject(value)) return many(Object.values(value));
      return fail('* needs an array or an object');
    case 'names': {
      if (!isObject(value)) return fail(`${JSON.stringify(segment.names[0])} needs an object`);
      const member = (name: string) => (name in value ? value[name] : fail(`it has no member ${JSON.stringify(name)}`));
      if (segment.names.length === 1) return select(rest, member(segment.names[0] as string), fail);
      return Object.fromEntries(segment.names.map((name) => [name, select(rest, member(name), fail)]));
    }
    case 'items': {
      if (!Array.isArray(value)) return fail('[…] needs an array');
      const element = (index: number) => {
        const at = index < 0 ? value.length + index : index;
        return at >= 0 && at < value.length ? value[at] : fail(`it has ${value.length} elements, no [${index}]`);
      };
      const [first] = segment.parts;
      if (segment.parts.length === 1 && first !== undefined && 'index' in first) {
        return select(rest, element(first.index), fail);
      }
      return many(
        segment.parts.flatMap((part) => ('index' in part ? [element(part.index)] : value.slice(part.start, part.end))),
      );
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
