import { describe, expect, it } from 'vitest';
import { visibleLength } from '../../../src/cli/render/colors.js';
import { renderMetrics } from '../../../src/cli/render/metrics.js';
import { InvalidArgumentError } from '../../../src/errors.js';
import { ESCAPE } from './events.js';
import { busyMetrics, EMPTY, emptyMetrics, SINCE, series, UNTIL } from './metrics-fixture.js';

const WINDOW = { since: SINCE, until: UNTIL };

function chartOf(text: string, heading: string): string[] {
  const blocks = text.split('\n\n');
  const block = blocks.find((b) => b.startsWith(heading));
  if (!block) throw new Error(`no chart headed "${heading}" in:\n${text}`);
  return block.split('\n');
}

describe('renderMetrics', () => {
  it('heads each chart with the real min, max and last values', () => {
    const text = renderMetrics(busyMetrics(), { color: false, width: 100 }, WINDOW);
    expect(chartOf(text, 'Invocations')[0]).toBe('Invocations per 1m  min 40  max 120  last 87');
    const latency = chartOf(text, 'Model latency');
    expect(latency.slice(0, 3)).toEqual([
      'Model latency  ── p50 (lower line)  ── p99 (upper line)',
      '  p50  min 14 ms  max 22 ms  last 18.7 ms',
      '  p99  min 50 ms  max 412.5 ms  last 73.5 ms',
    ]);
    const errors = chartOf(text, 'Errors');
    expect(errors.slice(0, 2)).toEqual(['Errors (4xx+5xx) per 1m  min 0  max 6  last 0', '  4xx 0  5xx 0 (last)']);
  });

  it('draws the chart between the series’ extremes, over a time axis of the window', () => {
    const text = renderMetrics(busyMetrics(), { color: false, width: 100 }, WINDOW);
    const latency = chartOf(text, 'Model latency');
    const plot = latency.slice(3, -1);
    // Eight rows of height and the row of the minimum.
    expect(plot).toHaveLength(9);
    expect(plot[0]).toMatch(/^412\.5 ┼ +╭╮$/);
    expect(plot.at(-1)).toMatch(/^ +14 ┼─+$/);
    expect(latency.at(-1)).toMatch(/^ +09:00 UTC +12:00 UTC$/);
    expect(text.split('\n')[0]).toBe('09:00 UTC to 12:00 UTC, per 1m');
  });

  it.each([40, 80, 160])('keeps every line within %d columns', (width) => {
    for (const color of [false, true]) {
      const text = renderMetrics(busyMetrics(), { color, width }, WINDOW);
      const longest = Math.max(...text.split('\n').map(visibleLength));
      expect(longest).toBeLessThanOrEqual(width);
      // The plot uses the room it has: a 180-point series fills a wide terminal.
      if (width >= 160) expect(longest).toBeGreaterThan(width - 10);
    }
  });

  it('has no escape code at all without colour, and colours the series with it', () => {
    expect(renderMetrics(busyMetrics(), { color: false, width: 80 }, WINDOW)).not.toMatch(ESCAPE);
    const coloured = renderMetrics(busyMetrics(), { color: true, width: 80 }, WINDOW);
    expect(coloured).toContain('\u001b[32m');
    expect(coloured).toContain('\u001b[33m');
  });

  it('says so instead of drawing when a window has no datapoints (a new endpoint)', () => {
    const text = renderMetrics(emptyMetrics(), { color: false, width: 80 }, WINDOW);
    expect(text.split('\n\n').slice(1)).toEqual([
      'Invocations per 1m\n  no datapoints in this window',
      'Model latency\n  no datapoints in this window',
      'Errors (4xx+5xx) per 1m\n  no datapoints in this window',
    ]);
  });

  it('says which series of a chart has no datapoints when the other has', () => {
    const metrics = { ...busyMetrics(), latencyMs: { p50: series([12, 14]), p90: EMPTY, p99: EMPTY } };
    const latency = chartOf(renderMetrics(metrics, { color: false, width: 80 }, WINDOW), 'Model latency');
    expect(latency.slice(1, 3)).toEqual([
      '  p50  min 12 ms  max 14 ms  last 14 ms',
      '  p99  no datapoints in this window',
    ]);
  });

  it('draws a flat line for a series that never moves (no errors at all), and a single point', () => {
    const quiet = { ...busyMetrics(), errors4xx: series([0, 0, 0, 0]), errors5xx: series([0, 0, 0, 0]) };
    const errors = chartOf(renderMetrics(quiet, { color: false, width: 80 }, WINDOW), 'Errors');
    expect(errors.slice(0, 2)).toEqual(['Errors (4xx+5xx) per 1m  min 0  max 0  last 0', '  4xx 0  5xx 0 (last)']);
    expect(errors.slice(2, -1)).toEqual(['0 ┼───']);

    const once = { ...busyMetrics(), invocations: series([7]) };
    const invocations = chartOf(renderMetrics(once, { color: false, width: 80 }, WINDOW), 'Invocations');
    expect(invocations[0]).toBe('Invocations per 1m  min 7  max 7  last 7');
    expect(invocations.slice(1, -1)).toEqual(['7 ┼']);
  });

  it('notes a partial answer from CloudWatch', () => {
    const text = renderMetrics({ ...busyMetrics(), partial: true }, { color: false, width: 80 }, WINDOW);
    expect(text.split('\n')[1]).toBe('partial data: charts may have gaps');
    expect(renderMetrics(busyMetrics(), { color: false, width: 80 }, WINDOW)).not.toContain('partial');
  });

  it('refuses a window that is not two dates in order, with a typed error', () => {
    const io = { color: false, width: 80 };
    expect(() => renderMetrics(busyMetrics(), io, { since: UNTIL, until: SINCE })).toThrow(InvalidArgumentError);
    expect(() => renderMetrics(busyMetrics(), io, { since: new Date(Number.NaN), until: UNTIL })).toThrow(
      /since must be a valid Date/,
    );
  });
});
