/**
 * The Smithy constraint traits: length, range, pattern and enum values.
 * Each check returns a message saying what was wrong and what is allowed, or `undefined` when the value passes.
 */
import { type Bounds, localName, type Shape, TRAIT, type Traits } from './ast.js';
import { codePointLength, describeValue, enumValues, formatBounds, formatList } from './describe.js';
import { smithyPattern } from './patterns.js';

function outside(n: number | bigint, bounds: Bounds): boolean {
  const v = Number(n);
  return (
    Number.isNaN(v) || (bounds.min !== undefined && v < bounds.min) || (bounds.max !== undefined && v > bounds.max)
  );
}

/**
 * `smithy.api#length`: code points of a string, items of a list, entries of a map, bytes of a blob.
 * `measured` is the already computed size (it depends on the type).
 */
export function checkLength(measured: number, unit: string, traits: Traits): string | undefined {
  const bounds = traits[TRAIT.length] as Bounds | undefined;
  if (!bounds || !outside(measured, bounds)) return undefined;
  return `has ${measured} ${unit}; allowed ${formatBounds(bounds)} ${unit}`;
}

/** `smithy.api#range` on a number. */
export function checkRange(value: number | bigint, traits: Traits): string | undefined {
  const bounds = traits[TRAIT.range] as Bounds | undefined;
  if (!bounds || !outside(value, bounds)) return undefined;
  return `${typeof value === 'bigint' ? `${value}n` : value} is out of range; allowed ${formatBounds(bounds)}`;
}

/** `smithy.api#pattern` on a string: matched anywhere in the value, as Smithy specifies. */
export function checkPattern(value: string, traits: Traits, shapeId: string): string | undefined {
  const pattern = traits[TRAIT.pattern] as string | undefined;
  if (pattern === undefined) return undefined;
  const re = smithyPattern(pattern);
  // The model test proves every pattern in ../shared/aws-models compiles, so this only skips patterns of
  // models added later that use syntax JavaScript cannot express.
  if (!re || re.test(value)) return undefined;
  return `${describeValue(value)} does not match the pattern of ${localName(shapeId)}: ${pattern}`;
}

/** Enum membership for `enum`/`intEnum` shapes and strings with the `smithy.api#enum` trait. */
export function checkEnum(value: string | number, shape: Shape, traits: Traits, shapeId: string): string | undefined {
  const values = enumValues(shape, traits);
  if (!values || values.includes(value)) return undefined;
  return `${describeValue(value)} is not an allowed value of ${localName(shapeId)}; allowed: ${formatList(values.map(String))}`;
}

/** Code point length of a string, for {@link checkLength}. */
export const stringLength = codePointLength;
