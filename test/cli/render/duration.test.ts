import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../src/cli/render/duration.js';
import { InvalidArgumentError } from '../../../src/errors.js';

describe('formatDuration', () => {
  it.each([
    [0, '0ms'],
    [850, '850ms'],
    [999.4, '999ms'],
    [999.6, '1.0s'],
    [12_345, '12.3s'],
    [59_940, '59.9s'],
    [59_960, '1m00s'],
    [372_000, '6m12s'],
    [3_599_400, '59m59s'],
    [3_599_600, '1h00m'],
    [3_720_000, '1h02m'],
    [90_000_000, '25h00m'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses %d with a typed error saying what is allowed', (ms) => {
    expect(() => formatDuration(ms)).toThrow(InvalidArgumentError);
    expect(() => formatDuration(ms)).toThrow(/finite number of milliseconds ≥ 0/);
  });
});
