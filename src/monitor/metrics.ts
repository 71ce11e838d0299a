/**
 * An endpoint variant's metrics as typed time series, from one `GetMetricData` query (every page of it):
 * invocations, 4xx and 5xx errors, latency percentiles in milliseconds and, where published, CPU and memory use.
 */
import type { AwsContext } from '../aws/context.js';
import { InvalidArgumentError } from '../errors.js';
import { ENDPOINT_INSTANCE_NAMESPACE, SAGEMAKER_NAMESPACE, variantDimensions } from './alarm-specs.js';
import { type MetricRange, type MetricStatSpec, readMetrics } from './metric-reader.js';

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
 * A deployment's metrics, as `endpointMetrics` (SageMaker) and `functionMetrics` (Lambda) return them, so one
 * chart or check works for both.
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
  /**
   * Invocations that ended in a 4xx error, per period (`Sum`). Always empty on Lambda: its metrics do not tell a
   * caller's mistake from a failure.
   */
  readonly errors4xx: MetricSeries;
  /** Invocations that ended in a 5xx error (on Lambda: in a function error, `Errors`), per period (`Sum`). */
  readonly errors5xx: MetricSeries;
  /**
   * Latency percentiles per period, in milliseconds: the model's (`ModelLatency`, published in microseconds) on
   * SageMaker, the function's run time (`Duration`) on Lambda.
   */
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
export interface EndpointMetricsQuery extends MetricRange {
  readonly endpointName: string;
  readonly variantName: string;
  /** Which statistics to read. */
  readonly stats?: {
    /**
     * The statistic of CPU and memory use, or `false` to leave them out (serverless endpoints publish no CPU).
     * @default 'Average'
     */
    readonly utilization?: 'Average' | 'Maximum' | 'Minimum' | false;
  };
}

// What each query id stands for; SageMaker publishes latency in microseconds.
const QUERIES = [
  { id: 'invocations', metric: 'Invocations', stat: 'Sum' },
  { id: 'errors4xx', metric: 'Invocation4XXErrors', stat: 'Sum' },
  { id: 'errors5xx', metric: 'Invocation5XXErrors', stat: 'Sum' },
  { id: 'p50', metric: 'ModelLatency', stat: 'p50', scale: 1 / 1000 },
  { id: 'p90', metric: 'ModelLatency', stat: 'p90', scale: 1 / 1000 },
  { id: 'p99', metric: 'ModelLatency', stat: 'p99', scale: 1 / 1000 },
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
  for (const key of ['endpointName', 'variantName'] as const) {
    if (typeof query[key] !== 'string' || query[key] === '') {
      throw new InvalidArgumentError(key, `${key} must be a non-empty string.`);
    }
  }
  const utilization = query.stats?.utilization ?? 'Average';
  const dimensions = variantDimensions(query.endpointName, query.variantName);
  const specs: MetricStatSpec[] = [
    ...QUERIES.map((item) => ({ ...item, namespace: SAGEMAKER_NAMESPACE, dimensions })),
    ...(utilization === false
      ? []
      : [
          { id: 'cpu', metric: 'CPUUtilization' },
          { id: 'memory', metric: 'MemoryUtilization' },
        ].map((item) => ({ ...item, namespace: ENDPOINT_INSTANCE_NAMESPACE, stat: utilization, dimensions }))),
  ];
  const { periodS, series, partial } = await readMetrics(aws, query, specs);
  return {
    periodS,
    invocations: series('invocations'),
    errors4xx: series('errors4xx'),
    errors5xx: series('errors5xx'),
    latencyMs: { p50: series('p50'), p90: series('p90'), p99: series('p99') },
    ...(utilization === false ? {} : { cpuPercent: series('cpu'), memoryPercent: series('memory') }),
    partial,
  };
}
