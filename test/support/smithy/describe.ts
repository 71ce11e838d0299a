/**
 * Human-readable descriptions of values ("what was sent") and shapes ("what is allowed") for violation messages.
 */
import { type Bounds, type EnumDefinition, localName, type Shape, TRAIT, type Traits } from './ast.js';
import type { ServiceModel } from './models.js';

const MAX_STRING = 60;
const MAX_LISTED = 20;

/** A short description of a JavaScript value: `string "ml.foo"`, `number 0`, `array (3 items)`, `null`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Date) return `Date ${Number.isNaN(value.getTime()) ? '(invalid)' : value.toISOString()}`;
  if (value instanceof Uint8Array) return `${value.constructor.name} (${value.byteLength} bytes)`;
  if (Array.isArray(value)) return `array (${value.length} item${value.length === 1 ? '' : 's'})`;
  switch (typeof value) {
    case 'string': {
      const points = [...value.slice(0, MAX_STRING + 1)];
      return points.length > MAX_STRING
        ? `string ${JSON.stringify(points.slice(0, MAX_STRING).join(''))}… (${codePointLength(value)} characters)`
        : `string ${JSON.stringify(value)}`;
    }
    case 'bigint':
      return `bigint ${value}n`;
    case 'object': {
      const keys = Object.keys(value);
      const shown = keys.slice(0, 5).join(', ');
      const name = (value as object).constructor?.name;
      const kind = name && name !== 'Object' ? name : 'object';
      return keys.length === 0 ? `${kind} {}` : `${kind} { ${shown}${keys.length > 5 ? ', …' : ''} }`;
    }
    default:
      return `${typeof value} ${String(value)}`;
  }
}

/** The number of Unicode code points in `value`: what Smithy's length trait counts for strings. */
export function codePointLength(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    // A high surrogate followed by a low one is a single code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) {
      const d = value.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** `1..63`, `at least 1`, `at most 100`. */
export function formatBounds(bounds: Bounds): string {
  if (bounds.max === undefined) return `at least ${bounds.min ?? 0}`;
  if (bounds.min === undefined) return `at most ${bounds.max}`;
  return `${bounds.min}..${bounds.max}`;
}

/** A list of allowed values, cut after {@link MAX_LISTED} entries. */
export function formatList(values: readonly string[]): string {
  if (values.length <= MAX_LISTED) return values.join(', ');
  return `${values.slice(0, MAX_LISTED).join(', ')}, … (${values.length - MAX_LISTED} more)`;
}

/** The allowed values of an `enum`/`intEnum` shape or of a string with the `smithy.api#enum` trait. */
export function enumValues(shape: Shape, traits: Traits): (string | number)[] | undefined {
  if (shape.type === 'enum' || shape.type === 'intEnum') {
    return Object.entries(shape.members ?? {}).map(([name, member]) => {
      const value = member.traits?.[TRAIT.enumValue];
      // An enum member without enumValue has its member name as value.
      return typeof value === 'string' || typeof value === 'number' ? value : name;
    });
  }
  const legacy = traits[TRAIT.enum] as readonly EnumDefinition[] | undefined;
  return legacy?.map((entry) => entry.value);
}

/** What a member of shape `target` accepts, e.g. `string of length 1..63 matching /^[a-z]+$/`. */
export function describeShape(model: ServiceModel, target: string, memberTraits: Traits = {}, depth = 0): string {
  const shape = model.shape(target);
  if (!shape) return `shape ${target}`;
  const traits: Traits = { ...shape.traits, ...memberTraits };
  const name = localName(target);
  const length = traits[TRAIT.length] as Bounds | undefined;
  const range = traits[TRAIT.range] as Bounds | undefined;
  const pattern = traits[TRAIT.pattern] as string | undefined;
  const values = enumValues(shape, traits);
  const parts: string[] = [];
  switch (shape.type) {
    case 'structure':
    case 'union':
      return `${shape.type} ${name}`;
    case 'list':
    case 'set':
      parts.push(
        depth > 1 || !shape.member ? 'list' : `list of ${describeShape(model, shape.member.target, {}, depth + 1)}`,
      );
      if (length) parts.push(`with ${formatBounds(length)} items`);
      return parts.join(' ');
    case 'map':
      parts.push(
        depth > 1 || !shape.value
          ? 'map'
          : `map of string to ${describeShape(model, shape.value.target, {}, depth + 1)}`,
      );
      if (length) parts.push(`with ${formatBounds(length)} entries`);
      return parts.join(' ');
    case 'blob':
      parts.push('blob (Uint8Array, Buffer, string or stream)');
      if (length) parts.push(`of ${formatBounds(length)} bytes`);
      return parts.join(' ');
    case 'timestamp':
      return 'timestamp (a valid Date)';
    case 'document':
      return 'document (any JSON value)';
    case 'boolean':
      return 'boolean';
    default:
      break;
  }
  if (values)
    return `${shape.type === 'intEnum' ? 'integer' : 'string'} ${name}, one of ${formatList(values.map(String))}`;
  parts.push(shape.type);
  if (length) parts.push(`of length ${formatBounds(length)}`);
  if (range) parts.push(`(${formatBounds(range)})`);
  if (pattern) parts.push(`matching /${pattern}/`);
  return parts.join(' ');
}
