/**
 * The alarm definitions `.monitor(...)` asks for, as `PutMetricAlarm` inputs: which metric, in which namespace, with
 * which dimensions, statistic and threshold. Pure: no AWS call, so the definitions can be checked exactly in tests.
 *
 * SageMaker publishes its invocation metrics in `AWS/SageMaker` and its instance metrics in
 * `/aws/sagemaker/Endpoints`, both per variant (dimensions `EndpointName` and `VariantName`). An endpoint with one
 * variant gets plain metric alarms; with several, one metric math alarm per concern covers them all (the slowest
 * variant's latency, the errors of all variants over all their invocations), so alarm names do not depend on
 * variant names and stay valid as rollback alarms across updates.
 */
import type { Dimension, MetricDataQuery, PutMetricAlarmInput } from '@aws-sdk/client-cloudwatch';
import { InvalidArgumentError } from '../errors.js';
import type { MonitorSettings } from './options.js';

/** What an alarm watches; the last part of its name. */
export type AlarmKind = 'p99-latency' | 'error-rate' | '4xx-rate' | 'cpu' | 'memory' | 'disk' | 'idle';

/** Every alarm kind, in plan order. */
export const ALARM_KINDS: readonly AlarmKind[] = [
  'p99-latency',
  'error-rate',
  '4xx-rate',
  'cpu',
  'memory',
  'disk',
  'idle',
];

/** An alarm's whole definition, as `PutMetricAlarm` takes it, without tags (CloudWatch only sets those on create). */
export type AlarmDefinition = Omit<PutMetricAlarmInput, 'Tags'> & { readonly AlarmName: string };

/** The endpoint an alarm watches. */
export interface AlarmSubject {
  readonly endpointName: string;
  /** The endpoint's production variants (at least one). */
  readonly variantNames: readonly string[];
}

/** The namespace of SageMaker's invocation metrics. */
export const SAGEMAKER_NAMESPACE = 'AWS/SageMaker';
/** The namespace of SageMaker's instance metrics (CPU, memory, disk use). */
export const ENDPOINT_INSTANCE_NAMESPACE = '/aws/sagemaker/Endpoints';
/** The most metrics (`MetricStat` queries) one metric math alarm may reference: a hard CloudWatch limit. */
export const MAX_ALARM_METRICS = 10;
/** The most variants the alarms can cover: an error rate needs two metrics per variant (errors, invocations). */
export const MAX_MONITORED_VARIANTS = Math.floor(MAX_ALARM_METRICS / 2);

/** The prefix of every alarm modelship makes for an endpoint: `modelship-<endpoint>-`. */
export function alarmPrefix(endpointName: string): string {
  return `modelship-${endpointName}-`;
}

/** The name of the alarm of one kind: `modelship-<endpoint>-<kind>`, e.g. `modelship-churn-p99-latency`. */
export function alarmName(endpointName: string, kind: AlarmKind): string {
  return `${alarmPrefix(endpointName)}${kind}`;
}

/**
 * The names of the alarms that should roll back a blue/green update of the endpoint (SageMaker's
 * `AutoRollbackConfiguration`): the latency and error-rate alarms the settings ask for.
 */
export function rollbackAlarmNames(endpointName: string, settings: MonitorSettings): string[] {
  const kinds: AlarmKind[] = [];
  if (settings.p99LatencyMs !== undefined) kinds.push('p99-latency');
  if (settings.maxErrorRate !== undefined) kinds.push('error-rate');
  return kinds.map((kind) => alarmName(endpointName, kind));
}

/**
 * The alarms the settings ask for, by kind, in {@link ALARM_KINDS} order.
 * @throws {@link InvalidArgumentError} (`argument: 'variants'`) when there is no variant, or more than
 * {@link MAX_MONITORED_VARIANTS}.
 */
export function alarmDefinitions(subject: AlarmSubject, settings: MonitorSettings): Map<AlarmKind, AlarmDefinition> {
  const { endpointName, variantNames } = subject;
  if (variantNames.length === 0 || variantNames.length > MAX_MONITORED_VARIANTS) {
    throw new InvalidArgumentError(
      'variants',
      `Monitoring covers 1 to ${MAX_MONITORED_VARIANTS} production variants (CloudWatch allows ${MAX_ALARM_METRICS} ` +
        `metrics in one alarm); endpoint ${endpointName} has ${variantNames.length}.`,
    );
  }
  const common = commonFields(settings);
  const window = `${settings.evaluationPeriods} periods of ${settings.periodS} s`;
  const owner = `Made by modelship for SageMaker endpoint ${endpointName}.`;
  const out = new Map<AlarmKind, AlarmDefinition>();
  const put = (kind: AlarmKind, fields: Omit<AlarmDefinition, 'AlarmName'>) =>
    out.set(kind, { AlarmName: alarmName(endpointName, kind), ...fields });

  if (settings.p99LatencyMs !== undefined) {
    // ModelLatency is published in microseconds: the threshold is converted, whole microseconds.
    const micros = Math.round(settings.p99LatencyMs * 1000);
    put('p99-latency', {
      AlarmDescription: `p99 ModelLatency above ${settings.p99LatencyMs} ms (${micros} µs) for ${window}. ${owner}`,
      ...common,
      ...perVariant(subject, SAGEMAKER_NAMESPACE, 'ModelLatency', 'p99', 'MAX', settings.periodS),
      Threshold: micros,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    });
  }
  for (const [kind, metric, rate] of [
    ['error-rate', 'Invocation5XXErrors', settings.maxErrorRate],
    ['4xx-rate', 'Invocation4XXErrors', settings.max4xxRate],
  ] as const) {
    if (rate === undefined) continue;
    put(kind, {
      AlarmDescription: `${metric} / Invocations above ${rate} (${round(rate * 100)} %) for ${window}. ${owner}`,
      ...common,
      Metrics: errorRateQueries(subject, metric, settings.periodS),
      Threshold: rate,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    });
  }
  for (const [kind, metric, percent] of [
    ['cpu', 'CPUUtilization', settings.cpuPercent],
    ['memory', 'MemoryUtilization', settings.memoryPercent],
    ['disk', 'DiskUtilization', settings.diskPercent],
  ] as const) {
    if (percent === undefined) continue;
    put(kind, {
      AlarmDescription: `Average ${metric} above ${percent} % for ${window}. ${owner}`,
      ...common,
      ...perVariant(subject, ENDPOINT_INSTANCE_NAMESPACE, metric, 'Average', 'MAX', settings.periodS),
      Threshold: percent,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    });
  }
  if (settings.idleHours !== undefined) {
    put('idle', {
      AlarmDescription: `No invocation for ${settings.idleHours} h: the endpoint may be forgotten and still billing. ${owner}`,
      ...common,
      ...perVariant(subject, SAGEMAKER_NAMESPACE, 'Invocations', 'Sum', 'SUM', 3600),
      EvaluationPeriods: settings.idleHours,
      DatapointsToAlarm: settings.idleHours,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      // SageMaker publishes no Invocations datapoint for an hour without calls: no data is what idle looks like.
      TreatMissingData: 'breaching',
    });
  }
  return out;
}

/** The `EndpointName` and `VariantName` dimensions of one variant. */
export function variantDimensions(endpointName: string, variantName: string): Dimension[] {
  return [
    { Name: 'EndpointName', Value: endpointName },
    { Name: 'VariantName', Value: variantName },
  ];
}

function commonFields(settings: MonitorSettings) {
  return {
    ActionsEnabled: true,
    AlarmActions: [...settings.notify],
    OKActions: [...settings.notify],
    EvaluationPeriods: settings.evaluationPeriods,
    DatapointsToAlarm: settings.evaluationPeriods,
  };
}

// Unit is left out on purpose: CloudWatch advises against it, as a unit the metric is not published with leaves
// the alarm stuck in INSUFFICIENT_DATA. Thresholds are converted to the published unit instead.
function perVariant(
  subject: AlarmSubject,
  namespace: string,
  metricName: string,
  stat: string,
  combine: 'MAX' | 'SUM',
  period: number,
): Partial<AlarmDefinition> {
  const { endpointName, variantNames } = subject;
  if (variantNames.length === 1) {
    const statistic = /^p\d/.test(stat) ? { ExtendedStatistic: stat } : { Statistic: stat as 'Sum' | 'Average' };
    return {
      Namespace: namespace,
      MetricName: metricName,
      Dimensions: variantDimensions(endpointName, variantNames[0] as string),
      ...statistic,
      Period: period,
    };
  }
  const queries = variantNames.map((variant, index) =>
    metricQuery(`m${index + 1}`, namespace, metricName, stat, period, endpointName, variant),
  );
  const ids = queries.map((query) => (combine === 'SUM' ? `FILL(${query.Id}, 0)` : query.Id));
  const expression = combine === 'SUM' ? ids.join(' + ') : `MAX([${ids.join(', ')}])`;
  const label = `${combine === 'MAX' ? 'highest' : 'total'} ${metricName} (${stat}) of ${variantNames.join(', ')}`;
  return { Metrics: [...queries, { Id: 'watched', Expression: expression, Label: label, ReturnData: true }] };
}

function errorRateQueries(subject: AlarmSubject, metricName: string, period: number): MetricDataQuery[] {
  const { endpointName, variantNames } = subject;
  const errors = variantNames.map((variant, index) =>
    metricQuery(`e${index + 1}`, SAGEMAKER_NAMESPACE, metricName, 'Sum', period, endpointName, variant),
  );
  const calls = variantNames.map((variant, index) =>
    metricQuery(`i${index + 1}`, SAGEMAKER_NAMESPACE, 'Invocations', 'Sum', period, endpointName, variant),
  );
  const sum = (queries: MetricDataQuery[]) => queries.map((query) => `FILL(${query.Id}, 0)`).join(' + ');
  // A period without invocations has no rate: it counts as 0 rather than a division by zero.
  const expression = `IF((${sum(calls)}) > 0, (${sum(errors)}) / (${sum(calls)}), 0)`;
  return [
    ...errors,
    ...calls,
    { Id: 'rate', Expression: expression, Label: `${metricName} / Invocations`, ReturnData: true },
  ];
}

function metricQuery(
  id: string,
  namespace: string,
  metricName: string,
  stat: string,
  period: number,
  endpointName: string,
  variantName: string,
): MetricDataQuery {
  return {
    Id: id,
    MetricStat: {
      Metric: {
        Namespace: namespace,
        MetricName: metricName,
        Dimensions: variantDimensions(endpointName, variantName),
      },
      Period: period,
      Stat: stat,
    },
    ReturnData: false,
  };
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
