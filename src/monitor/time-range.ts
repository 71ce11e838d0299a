/**
 * The time ranges users give to read what a deployment recorded (metrics, logs), checked the same way everywhere:
 * real dates, the start before the end.
 */
import { InvalidArgumentError } from '../errors.js';

/**
 * `value` when it is a valid `Date`.
 * @throws {@link InvalidArgumentError} naming `argument` otherwise.
 */
export function validDate(argument: string, value: unknown): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new InvalidArgumentError(
      argument,
      `${argument} must be a valid Date, such as new Date(Date.now() - 3_600_000).`,
    );
  }
  return value;
}

/**
 * The range from `since` to `until` (now when left out), checked.
 * @throws {@link InvalidArgumentError} when either is not a valid Date or `since` is not before `until`.
 */
export function timeRange(since: unknown, until: unknown): { since: Date; until: Date } {
  const start = validDate('since', since);
  const end = until === undefined ? new Date() : validDate('until', until);
  if (start.getTime() >= end.getTime()) {
    throw new InvalidArgumentError(
      'since',
      `since (${start.toISOString()}) must be before until (${end.toISOString()}).`,
    );
  }
  return { since: start, until: end };
}
