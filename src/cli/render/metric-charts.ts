/**
 * The three charts every metrics view shows (invocations, latency p50/p99, errors 4xx/5xx), shared by `metrics`
 * (tall charts) and `status` (small ones).
 */
import type { EndpointMetrics, MetricSeries } from '../../monitor/metrics.js';
import type { CliIO } from '../io.js';
import { formatValue, lineChart } from './chart.js';

/** A CloudWatch period for people: `1m`, `5m`, `1h`, `90s`. */
export function periodLabel(periodS: number): string {
  if (periodS % 3600 === 0) return `${periodS / 3600}h`;
  if (periodS % 60 === 0) return `${periodS / 60}m`;
  return `${periodS}s`;
}

/**
 * The sum of two series point by point, matched on timestamps: CloudWatch leaves out periods without data, so the
 * two need not have the same points. Oldest first.
 */
export function sumByTime(a: MetricSeries, b: MetricSeries): MetricSeries {
  const sums = new Map<number, number>();
  for (const series of [a, b]) {
    series.timestamps.forEach((time, index) => {
      sums.set(time.getTime(), (sums.get(time.getTime()) ?? 0) + (series.values[index] ?? 0));
    });
  }
  const times = [...sums.keys()].sort((x, y) => x - y);
  return { timestamps: times.map((time) => new Date(time)), values: times.map((time) => sums.get(time)!) };
}

function lastOf(series: MetricSeries): string {
  const last = series.values[series.values.length - 1];
  return last === undefined ? '–' : formatValue(last);
}

/** The charts of `metrics`, `height` rows each, separated by a blank line. */
export function metricCharts(
  metrics: EndpointMetrics,
  io: Pick<CliIO, 'color' | 'width'>,
  window: { readonly since: Date; readonly until: Date; readonly height: number },
): string {
  const per = periodLabel(metrics.periodS);
  const common = { since: window.since, until: window.until, height: window.height };
  const charts = [
    lineChart(
      {
        ...common,
        heading: `Invocations per ${per}`,
        series: [{ name: 'invocations', values: metrics.invocations.values, colour: 'cyan' }],
      },
      io,
    ),
    lineChart(
      {
        ...common,
        heading: 'Model latency',
        ordered: true,
        unit: ' ms',
        series: [
          { name: 'p50', values: metrics.latencyMs.p50.values, colour: 'green' },
          { name: 'p99', values: metrics.latencyMs.p99.values, colour: 'yellow' },
        ],
      },
      io,
    ),
    lineChart(
      {
        ...common,
        heading: `Errors (4xx+5xx) per ${per}`,
        series: [{ name: 'errors', values: sumByTime(metrics.errors4xx, metrics.errors5xx).values, colour: 'red' }],
        note: `4xx ${lastOf(metrics.errors4xx)}  5xx ${lastOf(metrics.errors5xx)} (last)`,
      },
      io,
    ),
  ];
  return charts.join('\n\n');
}
