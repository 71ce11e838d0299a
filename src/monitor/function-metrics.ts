/**
 * A Lambda alias's metrics as the same typed time series as an endpoint's ({@link EndpointMetrics}), so charts and
 * checks need not care which target served: invocations, errors and run-time percentiles of the calls made
 * through the alias (CloudWatch's `FunctionName` + `Resource` dimensions).
 */
import type { AwsContext } from '../aws/context.js';
import { InvalidArgumentError } from '../errors.js';
import { type MetricRange, type MetricStatSpec, readMetrics } from './metric-reader.js';
import type { EndpointMetrics } from './metrics.js';

/** What {@link functionMetrics} reads. */
export interface FunctionMetricsQuery extends MetricRange {
  readonly functionName: string;
  /** The alias whose calls are counted, e.g. `live`. */
  readonly alias: string;
}

const LAMBDA_NAMESPACE = 'AWS/Lambda';

// Lambda publishes Duration in milliseconds already.
const QUERIES = [
  { id: 'invocations', metric: 'Invocations', stat: 'Sum' },
  { id: 'errors5xx', metric: 'Errors', stat: 'Sum' },
  { id: 'p50', metric: 'Duration', stat: 'p50' },
  { id: 'p90', metric: 'Duration', stat: 'p90' },
  { id: 'p99', metric: 'Duration', stat: 'p99' },
] as const;

/**
 * Reads the metrics of the calls made through a function's alias between `since` and `until`, oldest first.
 * `errors5xx` is Lambda's `Errors` (the function failed or timed out); `errors4xx` is always empty, as Lambda's
 * metrics do not tell a caller's mistake from a failure; `latencyMs` is the function's run time (`Duration`). There
 * is no CPU or memory series.
 *
 * @throws {@link InvalidArgumentError} when a name, the range or the period is not allowed (before any call).
 * @throws {@link AccessDeniedError} when CloudWatch refuses the query (`cloudwatch:GetMetricData`).
 * @example
 * ```ts
 * const m = await functionMetrics(aws, { functionName: 'churn', alias: 'live', since: new Date(Date.now() - 3_600_000) });
 * m.invocations.values; // [120, 98, …]
 * ```
 */
export async function functionMetrics(aws: AwsContext, query: FunctionMetricsQuery): Promise<EndpointMetrics> {
  for (const key of ['functionName', 'alias'] as const) {
    if (typeof query[key] !== 'string' || query[key] === '') {
      throw new InvalidArgumentError(key, `${key} must be a non-empty string.`);
    }
  }
  const dimensions = [
    { Name: 'FunctionName', Value: query.functionName },
    { Name: 'Resource', Value: `${query.functionName}:${query.alias}` },
  ];
  const specs: MetricStatSpec[] = QUERIES.map((item) => ({ ...item, namespace: LAMBDA_NAMESPACE, dimensions }));
  const { periodS, series, partial } = await readMetrics(aws, query, specs);
  return {
    periodS,
    invocations: series('invocations'),
    errors4xx: { timestamps: [], values: [] },
    errors5xx: series('errors5xx'),
    latencyMs: { p50: series('p50'), p90: series('p90'), p99: series('p99') },
    partial,
  };
}
