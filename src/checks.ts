/**
 * Checks of option values shared by every piece, so each option's error says the same kind of thing: which option,
 * what it was, and what is allowed.
 */
import { InvalidArgumentError } from './errors.js';

/**
 * `value` when it is a whole number from `min` to `max`, `fallback` when it is `undefined`.
 * @throws {@link InvalidArgumentError} naming `argument` and the allowed range otherwise.
 */
export function integerOption(argument: string, value: unknown, min: number, max: number, fallback: number): number;
export function integerOption(argument: string, value: unknown, min: number, max: number): number | undefined;
export function integerOption(
  argument: string,
  value: unknown,
  min: number,
  max: number,
  fallback?: number,
): number | undefined {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    throw new InvalidArgumentError(argument, `${argument} is ${String(value)}; it must be a whole number ${range}.`);
  }
  return value;
}

/**
 * `value` when it is a string matching `pattern`, `undefined` when it is `undefined`.
 * @param what - what is allowed, for the message: `an IAM role ARN such as arn:aws:iam::123456789012:role/name`.
 * @throws {@link InvalidArgumentError} otherwise.
 */
export function stringOption(argument: string, value: unknown, pattern: RegExp, what: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new InvalidArgumentError(argument, `${argument} is ${JSON.stringify(value)}; it must be ${what}.`);
  }
  return value;
}

/**
 * `value` as an array of 1 to `max` strings, each matching `pattern` (`itemWhat` says what one must be).
 * @throws {@link InvalidArgumentError} otherwise.
 */
export function stringListOption(
  argument: string,
  value: unknown,
  pattern: RegExp,
  itemWhat: string,
  max: number,
): readonly string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0 || value.length > max) {
    throw new InvalidArgumentError(argument, `${argument} must be a list of 1 to ${max} items, each ${itemWhat}.`);
  }
  value.forEach((item, index) => {
    stringOption(`${argument}[${index}]`, item, pattern, itemWhat);
  });
  return [...value];
}

/**
 * Asserts that `value` is an object (not `null`, not an array).
 * @param example - a valid value, for the message: `{ subnets: ['subnet-…'], securityGroupIds: ['sg-…'] }`.
 * @throws {@link InvalidArgumentError} naming `argument` otherwise.
 */
export function objectOption(argument: string, value: unknown, example: string): asserts value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidArgumentError(argument, `${argument} must be an object, e.g. ${example}.`);
  }
}
