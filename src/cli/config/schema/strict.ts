/**
 * The building blocks every part of the config schema uses, so every object rejects unknown keys the same way
 * (listing the keys allowed there: what a person fixing a typo needs to see) and every union of forms says which
 * forms it takes when none fits.
 */
import * as z from 'zod';

/** A zod object that rejects keys it does not know, with a message listing the allowed ones. */
export function strict<Shape extends z.ZodRawShape>(shape: Shape) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `allowed: ${allowed}` : undefined),
  });
}

/** A union of forms whose message, when no form fits the value (or several fit it equally badly), is `forms`. */
export function oneOf<const Options extends readonly [z.core.SomeType, ...z.core.SomeType[]]>(
  options: Options,
  forms: string,
) {
  return z.union(options, { error: (issue) => (issue.code === 'invalid_union' ? `expected ${forms}` : undefined) });
}

/** A string map, as tags and environment variables are. */
export const stringMap = z.record(z.string(), z.string());

/** A path to a file or folder; relative ones are taken from the config file's folder. */
export const path = z.string().min(1);

/** A number of seconds, milliseconds, megabytes…: the target checks the range, the schema only that it is a number. */
export const number = z.number();
