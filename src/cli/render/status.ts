/**
 * `modelship status` for people: where the deployment is, what it is made of, and small charts of its traffic.
 */
import type { EndpointMetrics } from '../../monitor/metrics.js';
import type { DeploymentStatus } from '../../targets/target.js';
import type { CliIO } from '../io.js';
import { fitLine } from './chart.js';
import { type Palette, paletteFor } from './colors.js';
import { metricCharts } from './metric-charts.js';
import { alignRows } from './table.js';

const SMALL_CHART_HEIGHT = 3;

function health(status: DeploymentStatus, palette: Palette): string {
  if (status.healthy) return palette.green('✓ healthy');
  if (!status.deployed) return palette.dim('not deployed');
  return palette.red('✗ unhealthy');
}

/** `2026-11-25 14:02 UTC`: the date matters as much as the time for "when did this last change". */
function utcMinute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function details(status: DeploymentStatus, palette: Palette): string[] {
  const rows: string[][] = [];
  if (status.modelVersion !== undefined) rows.push(['model', status.modelVersion]);
  if (status.url !== undefined) rows.push(['url', status.url]);
  if (status.updatedAt !== undefined) rows.push(['updated', utcMinute(status.updatedAt)]);
  if (status.failureReason !== undefined) rows.push(['failure', palette.red(status.failureReason)]);
  return alignRows(rows.map(([key, value]) => [palette.dim(key!), value!]));
}

// The window the metrics cover: from the first datapoint to the end of the last period, over every series.
function metricsWindow(metrics: EndpointMetrics): { since: Date; until: Date } | undefined {
  const series = [
    metrics.invocations,
    metrics.errors4xx,
    metrics.errors5xx,
    metrics.latencyMs.p50,
    metrics.latencyMs.p99,
  ];
  const times = series.flatMap((s) => s.timestamps.map((time) => time.getTime()));
  if (times.length === 0) return undefined;
  return { since: new Date(Math.min(...times)), until: new Date(Math.max(...times) + metrics.periodS * 1000) };
}

/**
 * A deployment's status: a headline (`churn  sagemaker-realtime  InService  ✓ healthy`), the served model version,
 * URL and when it last changed, the failure reason when there is one, its resources as aligned rows (kind, name,
 * status, detail) and, when `metrics` are given, small charts of invocations, latency p50/p99 and errors with their
 * last values. Colour only when `io.color` (without it there is no escape code at all); no trailing newline.
 */
export function renderStatus(
  status: DeploymentStatus,
  io: Pick<CliIO, 'color' | 'width'>,
  metrics?: EndpointMetrics,
): string {
  const palette = paletteFor(io);
  const headline = `${palette.bold(status.name)}  ${status.target}  ${status.state}  ${health(status, palette)}`;
  const lines = [headline, ...details(status, palette).map((line) => `  ${line}`)];
  if (status.resources.length > 0) {
    const rows = status.resources.map((resource) => [
      resource.kind,
      resource.name,
      resource.status ?? '',
      palette.dim(resource.detail ?? ''),
    ]);
    lines.push('', palette.bold('Resources'), ...alignRows(rows).map((line) => `  ${line}`));
  }
  if (metrics !== undefined) {
    const window = metricsWindow(metrics);
    lines.push('', palette.bold('Traffic'));
    if (window === undefined) lines.push(`  ${fitLine('no datapoints yet (a new endpoint has none)', io.width - 2)}`);
    else lines.push(metricCharts(metrics, io, { ...window, height: SMALL_CHART_HEIGHT }));
  }
  return lines.join('\n');
}
