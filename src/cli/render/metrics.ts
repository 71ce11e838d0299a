/**
 * `modelship metrics` for people: line charts of an endpoint's invocations, latency and errors over a window.
 */
import { InvalidArgumentError } from '../../errors.js';
import type { EndpointMetrics } from '../../monitor/metrics.js';
import type { CliIO } from '../io.js';
import { utcClock } from './chart.js';
import { paletteFor } from './colors.js';
import { metricCharts, periodLabel } from './metric-charts.js';

/** The window {@link renderMetrics} charts: what the metrics were read for. */
export interface MetricsWindow {
  readonly since: Date;
  readonly until: Date;
}

const CHART_HEIGHT = 8;

function checkWindow(window: MetricsWindow): void {
  for (const key of ['since', 'until'] as const) {
    const value: unknown = window?.[key];
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
      throw new InvalidArgumentError(key, `${key} must be a valid Date (the window the metrics were read for).`);
    }
  }
  if (window.since.getTime() >= window.until.getTime()) {
    throw new InvalidArgumentError(
      'since',
      `since (${window.since.toISOString()}) must be before until (${window.until.toISOString()}).`,
    );
  }
}

/**
 * Line charts of invocations per period, model latency p50 and p99 (one chart, two series, with a legend) and
 * 4xx/5xx errors, each with a heading, its min/max/last values and a `HH:MM UTC` time axis; no line wider than
 * `io.width`. A series without datapoints (a new endpoint has none) says so instead of a chart, and a `partial`
 * answer from CloudWatch is noted. Colour only when `io.color`; no trailing newline.
 *
 * @throws {@link InvalidArgumentError} when `since`/`until` are not valid dates in order.
 */
export function renderMetrics(
  metrics: EndpointMetrics,
  io: Pick<CliIO, 'color' | 'width'>,
  options: MetricsWindow,
): string {
  checkWindow(options);
  const palette = paletteFor(io);
  const lines = [
    palette.dim(`${utcClock(options.since)} to ${utcClock(options.until)}, per ${periodLabel(metrics.periodS)}`),
  ];
  if (metrics.partial) {
    lines.push(palette.yellow('partial data: charts may have gaps'));
  }
  lines.push('', metricCharts(metrics, io, { ...options, height: CHART_HEIGHT }));
  return lines.join('\n');
}
