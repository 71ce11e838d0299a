/**
 * An endpoint variant's metrics as typed time series, from one `GetMetricData` query (every page of it):
 * invocations, 4xx and 5xx errors, latency percentiles in milliseconds and, where published, CPU and memory use.
 */
import type { MetricDataQuery, MetricDataResult } from '@aws-sdk/client-cloudwatch';
import type { AwsContext } from '../aws/context.js';
import { integerOption } from '../checks.js';
import { AccessDeniedError, InvalidArgumentError, ServiceError } from '../errors.js';
import { ENDPOINT_INSTANCE_NAMESPACE, SAGEMAKER_NAMESPACE, variantDimensions } from './alarm-specs.js';
import { CloudWatchApi } from './cloudwatch-api.js';

/**
 * One metric over time: `values[i]` was measured over the period starting at `timestamps[i]`, oldest first.
 *
 * @example
 * ```ts
 * const { invocations } = await deployment.metrics({ since: new Date(Date.now() - 3_600_000) });
 * invocations.timestamps.forEach((at, i) => console.log(at.toISOString(), invocations.values[i]));
 * ```
 */
export interface MetricSeries {
  /** The start of each period, oldest first. */
  readonly timestamps: Date[];
  /** The value measured over each period. */
  readonly values: number[];
}

/**
 * What `Deployment.metrics()` returns: a variant's traffic, errors and latency over time.
 *
 * @example
 * ```ts
 * const metrics = await deployment.metrics({ since: new Date(Date.now() - 24 * 3_600_000), periodS: 300 });
 * const worstP99 = Math.max(...metrics.latencyMs.p99.values);
 * const errors = metrics.errors5xx.values.reduce((a, b) => a + b, 0);
 * ```
 */
export interface EndpointMetrics {
  /** The period of each datapoint, in seconds. */
  readonly periodS: number;
  /** Invocations per period (`Sum`). */
  readonly invocations: MetricSeries;
  /** Invocations that ended in a 4xx error, per period (`Sum`). */
  readonly errors4xx: MetricSeries;
  /** Invocations that ended in a 5xx error, per period (`Sum`). */
  readonly errors5xx: MetricSeries;
  /** Model latency percentiles per period, in milliseconds (SageMaker publishes microseconds). */
  readonly latencyMs: {
    /** The median. */
    readonly p50: MetricSeries;
    /** The 90th percentile. */
    readonly p90: MetricSeries;
    /** The 99th percentile. */
    readonly p99: MetricSeries;
  };
  /** CPU use per period, in percent (100 per vCPU); absent when not asked for. Real-time endpoints only. */
  readonly cpuPercent?: MetricSeries;
  /** Memory use per period, in percent; absent when not asked for. */
  readonly memoryPercent?: MetricSeries;
  /** True when CloudWatch said some series are incomplete (`PartialData`). */
  readonly partial: boolean;
}

/** What {@link endpointMetrics} reads. */
export interface EndpointMetricsQuery {
  readonly endpointName: string;
  readonly variantName: string;
  /** The start of the time range. */
  readonly since: Date;
  /** @default now */
  readonly until?: Date;
  /**
   * The period of each datapoint, in seconds (a multiple of 60). By default the shortest CloudWatch keeps for data
   * that old (60 s up to 15 days, 300 s up to 63 days, 3600 s beyond), lengthened to stay under 1440 points.
   */
  readonly periodS?: number;
  /** Which statistics to read. */
  readonly stats?: {
    /**
     * The statistic of CPU and memory use, or `false` to leave them out (serverless endpoints publish no CPU).
     * @default 'Average'
     */
    readonly utilization?: 'Average' | 'Maximum' | 'Minimum' | false;
  };
}

const DAY_MS = 86_400_000;
const MAX_POINTS = 1440;
// What each query id stands for, and how its values are converted.
const QUERIES = [
  { id: 'invocations', namespace: SAGEMAKER_NAMESPACE, metric: 'Invocations', stat: 'Sum' },
  { id: 'errors4xx', namespace: SAGEMAKER_NAMESPACE, metric: 'Invocation4XXErrors', stat: 'Sum' },
  { id: 'errors5xx', namespace: SAGEMAKER_NAMESPACE, metric: 'Invocation5XXErrors', stat: 'Sum' },
  { id: 'p50', namespace: SAGEMAKER_NAMESPACE, metric: 'ModelLatency', stat: 'p50' },
  { id: 'p90', namespace: SAGEMAKER_NAMESPACE, metric: 'ModelLatency', stat: 'p90' },
  { id: 'p99', namespace: SAGEMAKER_NAMESPACE, metric: 'ModelLatency', stat: 'p99' },
] as const;

/**
 * Reads a variant's metrics between `since` and `until`, sorted oldest first.
 *
 * @throws {@link InvalidArgumentError} when the range or period is not allowed (before any call).
 * @throws {@link AccessDeniedError} when CloudWatch refuses the query (`cloudwatch:GetMetricData`).
 * @example
 * ```ts
 * const m = await endpointMetrics(aws, {
 *   endpointName: 'churn',
 *   variantName: 'AllTraffic',
 *   since: new Date(Date.now() - 3_600_000),
 * });
 * m.latencyMs.p99.values; // [12.5, 13.1, …]
 * ```
 */
export async function endpointMetrics(aws: AwsContext, query: EndpointMetricsQuery): Promise<EndpointMetrics> {
  const { since, until, periodS } = checkRange(query);
  const utilization = query.stats?.utilization ?? 'Average';
  const dimensions = variantDimensions(query.endpointName, query.variantName);
  const plan = [
    ...QUERIES,
    ...(utilization === false
      ? []
      : ([
          { id: 'cpu', namespace: ENDPOINT_INSTANCE_NAMESPACE, metric: 'CPUUtilization', stat: utilization },
          { id: 'memory', namespace: ENDPOINT_INSTANCE_NAMESPACE, metric: 'MemoryUtilization', stat: utilization },
        ] as const)),
  ];
  const MetricDataQueries: MetricDataQuery[] = plan.map((item) => ({
    Id: item.id,
    MetricStat: {
      Metric: { Namespace: item.namespace, MetricName: item.metric, Dimensions: dimensions },
      Period: periodS,
      Stat: item.stat,
    },
    ReturnData: true,
  }));
  const results = await new CloudWatchApi(aws).metricData({
    MetricDataQueries,
    StartTime: since,
    EndTime: until,
    ScanBy: 'TimestampAscending',
  });
  const byId = new Map(results.map((result) => [result.Id ?? '', result]));
  const series = (id: string, scale = 1) => toSeries(byId.get(id), scale);
  return {
    periodS,
    invocations: series('invocations'),
    errors4xx: series('errors4xx'),
    errors5xx: series('errors5xx'),
    latencyMs: { p50: series('p50', 1 / 1000), p90: series('p90', 1 / 1000), p99: series('p99', 1 / 1000) },
    ...(utilization === false ? {} : { cpuPercent: series('cpu'), memoryPercent: series('memory') }),
    partial: results.some((result) => result.StatusCode === 'PartialData'),
  };
}

function toSeries(result: MetricDataResult | undefined, scale: number): MetricSeries {
  if (result?.StatusCode === 'Forbidden') {
    throw new AccessDeniedError(
      `CloudWatch refused to read ${result.Label ?? result.Id}: ${messages(result)}. Allow cloudwatch:GetMetricData.`,
      { action: 'cloudwatch:GetMetricData' },
    );
  }
  if (result?.StatusCode === 'InternalError') {
    throw new ServiceError(`CloudWatch failed to read ${result.Label ?? result.Id}: ${messages(result)}.`);
  }
  const timestamps = result?.Timestamps ?? [];
  const values = result?.Values ?? [];
  const points = timestamps.map((time, index) => ({ time: new Date(time), value: (values[index] ?? 0) * scale }));
  // Pages and ScanBy already order the points; sorting again costs little and makes the promise unconditional.
  points.sort((a, b) => a.time.getTime() - b.time.getTime());
  return { timestamps: points.map((p) => p.time), values: points.map((p) => p.value) };
}

function messages(result: MetricDataResult): string {
  return (result.Messages ?? []).map((m) => m.Value ?? m.Code).join('; ') || 'no reason given';
}

function checkRange(query: EndpointMetricsQuery): { since: Date; until: Date; periodS: number } {
  for (const key of ['endpointName', 'variantName'] as const) {
    if (typeof query[key] !== 'string' || query[key] === '') {
      throw new InvalidArgumentError(key, `${key} must be a non-empty string.`);
    }
  }
  const since = validDate('since', query.since);
  const until = query.until === undefined ? new Date() : validDate('until', query.until);
  if (since.getTime() >= until.getTime()) {
    throw new InvalidArgumentError(
      'since',
      `since (${since.toISOString()}) must be before until (${until.toISOString()}).`,
    );
  }
  const floor = retentionFloor(since);
  const periodS = integerOption('periodS', query.periodS, 60, 604_800) ?? defaultPeriod(since, until, floor);
  if (periodS % floor !== 0) {
    throw new InvalidArgumentError(
      'periodS',
      `periodS is ${periodS}; it must be a multiple of ${floor}` +
        (floor === 60 ? '.' : `, as CloudWatch keeps data from ${since.toISOString()} at that resolution only.`),
    );
  }
  return { since, until, periodS };
}

// CloudWatch keeps 1-minute data for 15 days, 5-minute data for 63 days, hourly data for 455 days; GetMetricData
// takes only periods that are multiples of what it still keeps for the start time.
function retentionFloor(since: Date): number {
  const age = Date.now() - since.getTime();
  return age <= 15 * DAY_MS ? 60 : age <= 63 * DAY_MS ? 300 : 3600;
}

function defaultPeriod(since: Date, until: Date, floor: number): number {
  const spanS = (until.getTime() - since.getTime()) / 1000;
  return Math.max(floor, Math.ceil(spanS / MAX_POINTS / floor) * floor);
}

function validDate(argument: string, value: unknown): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new InvalidArgumentError(argument, `${argument} must be a valid Date.`);
  }
  return value;
}
