/**
 * Durations for people, short enough for a task list or a log prefix: `850ms`, `12.3s`, `6m12s`, `1h02m`.
 */
import { InvalidArgumentError } from '../../errors.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Formats a duration in milliseconds: under a second in whole milliseconds, under a minute in seconds with one
 * decimal, under an hour in minutes and seconds, beyond in hours and minutes (the coarser unit is enough there).
 *
 * @throws {@link InvalidArgumentError} when `ms` is negative or not a finite number.
 * @example
 * ```ts
 * formatDuration(372_000); // '6m12s'
 * ```
 */
export function formatDuration(ms: number): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
    throw new InvalidArgumentError('ms', `A duration must be a finite number of milliseconds ≥ 0, not ${String(ms)}.`);
  }
  if (ms < 999.5) return `${Math.round(ms)}ms`;
  // 59.96 s would round up to "60.0s": from there on it is a minute.
  if (ms < MINUTE - 50) return `${(ms / SECOND).toFixed(1)}s`;
  if (ms < HOUR - 500) {
    const seconds = Math.round(ms / SECOND);
    return `${Math.floor(seconds / 60)}m${pad(seconds % 60)}s`;
  }
  const minutes = Math.round(ms / MINUTE);
  return `${Math.floor(minutes / 60)}h${pad(minutes % 60)}m`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
