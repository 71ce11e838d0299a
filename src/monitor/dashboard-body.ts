/**
 * The body of an endpoint's CloudWatch dashboard (the `PutDashboard` JSON): invocations, errors, latency
 * percentiles in milliseconds and, for real-time endpoints, CPU and memory use, one line per variant. Pure.
 */
import { ENDPOINT_INSTANCE_NAMESPACE, SAGEMAKER_NAMESPACE } from './alarm-specs.js';

/** What the dashboard shows. */
export interface DashboardSubject {
  readonly endpointName: string;
  readonly variantNames: readonly string[];
  readonly kind: 'realtime' | 'serverless';
  readonly region: string;
  /** The deployment that owns the dashboard: written in its header, and how a later plan knows it is its own. */
  readonly deployment: string;
  /**
   * The period of each datapoint, in seconds.
   * @default 60
   */
  readonly periodS?: number;
}

/** A metric widget line: `[namespace, metric, dimension, value, …, { options }]` or `[{ expression options }]`. */
type MetricLine = (string | Record<string, unknown>)[];

interface Widget {
  readonly type: 'metric' | 'text';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly properties: Record<string, unknown>;
}

const PERCENTILES = ['p50', 'p90', 'p99'] as const;

/** The name of the dashboard of an endpoint: `modelship-<endpoint>`. */
export function dashboardName(endpointName: string): string {
  return `modelship-${endpointName}`;
}

/** The marker a dashboard's header carries for the deployment that owns it. */
export function ownerMarker(deployment: string): string {
  return `modelship:deployment=${deployment}`;
}

/** The dashboard body, as the JSON text `PutDashboard` takes. */
export function dashboardBody(subject: DashboardSubject): string {
  const period = subject.periodS ?? 60;
  const widgets: Widget[] = [
    {
      type: 'text',
      x: 0,
      y: 0,
      width: 24,
      height: 2,
      properties: {
        markdown:
          `# SageMaker endpoint ${subject.endpointName}\n` +
          `Made by modelship (${ownerMarker(subject.deployment)}); changes made here are replaced on the next deploy.`,
      },
    },
  ];
  const charts: { title: string; metrics: MetricLine[]; label: string; stat: string }[] = [
    {
      title: 'Invocations',
      metrics: lines(subject, SAGEMAKER_NAMESPACE, ['Invocations']),
      label: 'Count',
      stat: 'Sum',
    },
    {
      title: 'Errors',
      metrics: lines(subject, SAGEMAKER_NAMESPACE, ['Invocation4XXErrors', 'Invocation5XXErrors']),
      label: 'Count',
      stat: 'Sum',
    },
    { title: 'Model latency (ms)', metrics: latencyLines(subject), label: 'ms', stat: 'Average' },
  ];
  if (subject.kind === 'realtime') {
    charts.push({
      title: 'CPU and memory use (%)',
      metrics: lines(subject, ENDPOINT_INSTANCE_NAMESPACE, ['CPUUtilization', 'MemoryUtilization']),
      label: '%',
      stat: 'Average',
    });
  }
  charts.forEach((chart, index) => {
    widgets.push({
      type: 'metric',
      x: (index % 2) * 12,
      y: 2 + Math.floor(index / 2) * 6,
      width: 12,
      height: 6,
      properties: {
        title: chart.title,
        view: 'timeSeries',
        stacked: false,
        region: subject.region,
        period,
        stat: chart.stat,
        metrics: chart.metrics,
        yAxis: { left: { label: chart.label, showUnits: false, min: 0 } },
      },
    });
  });
  return JSON.stringify({ widgets });
}

function lines(subject: DashboardSubject, namespace: string, metricNames: readonly string[]): MetricLine[] {
  return metricNames.flatMap((metric) =>
    subject.variantNames.map((variant) => [
      namespace,
      metric,
      'EndpointName',
      subject.endpointName,
      'VariantName',
      variant,
      { label: `${metric} ${variant}` },
    ]),
  );
}

// ModelLatency is published in microseconds: each percentile is queried hidden, and shown divided by 1000.
function latencyLines(subject: DashboardSubject): MetricLine[] {
  return subject.variantNames.flatMap((variant, v) =>
    PERCENTILES.flatMap((stat) => [
      [
        SAGEMAKER_NAMESPACE,
        'ModelLatency',
        'EndpointName',
        subject.endpointName,
        'VariantName',
        variant,
        { stat, id: `${stat}v${v}`, visible: false },
      ],
      [{ expression: `${stat}v${v} / 1000`, label: `${stat} ${variant} (ms)`, id: `ms${stat}v${v}` }],
    ]),
  );
}
