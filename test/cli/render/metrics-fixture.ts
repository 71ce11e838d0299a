/**
 * Endpoint metrics as `endpointMetrics` returns them, for chart tests.
 */
import type { EndpointMetrics, MetricSeries } from '../../../src/monitor/metrics.js';

export const SINCE = new Date('2026-11-25T09:00:00Z');
export const UNTIL = new Date('2026-11-25T12:00:00Z');

/** A series with one point a minute from `SINCE`. */
export function series(values: readonly number[], start = SINCE): MetricSeries {
  return { timestamps: values.map((_, i) => new Date(start.getTime() + i * 60_000)), values: [...values] };
}

export const EMPTY: MetricSeries = { timestamps: [], values: [] };

/** Three hours a minute apart: a morning ramp of traffic, latency following it, a burst of 5xx at 10:30. */
export function busyMetrics(): EndpointMetrics {
  const minutes = 180;
  const invocations = Array.from(
    { length: minutes },
    (_, i) => 40 + Math.round(80 * Math.sin((i / minutes) * Math.PI)),
  );
  invocations[minutes - 1] = 87;
  const p50 = invocations.map((n) => 10 + n / 10);
  const p99 = invocations.map((n, i) => (i === 95 ? 412.5 : 30 + n / 2));
  const errors5xx = invocations.map((_, i) => (i >= 90 && i < 95 ? 6 : 0));
  const errors4xx = invocations.map((_, i) => (i % 60 === 0 ? 2 : 0));
  return {
    periodS: 60,
    invocations: series(invocations),
    errors4xx: series(errors4xx),
    errors5xx: series(errors5xx),
    latencyMs: { p50: series(p50), p90: series(p50), p99: series(p99) },
    partial: false,
  };
}

/** A new endpoint: CloudWatch has nothing yet. */
export function emptyMetrics(): EndpointMetrics {
  return {
    periodS: 60,
    invocations: EMPTY,
    errors4xx: EMPTY,
    errors5xx: EMPTY,
    latencyMs: { p50: EMPTY, p90: EMPTY, p99: EMPTY },
    partial: false,
  };
}
