/**
 * Comparing an alarm as CloudWatch describes it with the definition modelship wants, so a second plan of the same
 * options changes nothing, and the definition an alarm had before, so an update can be undone exactly.
 */
import type { Dimension, MetricAlarm, MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { AwsTag } from '../aws/tags.js';
import { MODELSHIP_TAG_PREFIX } from '../aws/tags.js';
import type { AlarmDefinition } from './alarm-specs.js';

// The fields of a definition that are compared. Anything CloudWatch adds on its own (state, ARN, timestamps) is not.
const FIELDS = [
  'AlarmDescription',
  'ActionsEnabled',
  'OKActions',
  'AlarmActions',
  'InsufficientDataActions',
  'MetricName',
  'Namespace',
  'Statistic',
  'ExtendedStatistic',
  'Dimensions',
  'Period',
  'Unit',
  'EvaluationPeriods',
  'DatapointsToAlarm',
  'Threshold',
  'ComparisonOperator',
  'TreatMissingData',
  'EvaluateLowSampleCountPercentile',
  'Metrics',
  'ThresholdMetricId',
] as const satisfies readonly (keyof AlarmDefinition & keyof MetricAlarm)[];

// A tag that changes with every modelship release: a new release alone is no reason to update an alarm.
const VERSION_TAG = `${MODELSHIP_TAG_PREFIX}version`;

/** The definition of an existing alarm, as `PutMetricAlarm` would take it to make the alarm again. */
export function definitionOf(alarm: MetricAlarm): AlarmDefinition {
  const definition: Record<string, unknown> = { AlarmName: alarm.AlarmName ?? '' };
  for (const field of FIELDS) {
    const value = alarm[field];
    if (value !== undefined) definition[field] = value;
  }
  return definition as AlarmDefinition;
}

/** The names of the fields in which `existing` differs from `desired`, after CloudWatch's defaults are applied. */
export function changedFields(existing: AlarmDefinition, desired: AlarmDefinition): string[] {
  const a = normalize(existing);
  const b = normalize(desired);
  return FIELDS.filter((field) => JSON.stringify(a[field]) !== JSON.stringify(b[field]));
}

/**
 * What to change on an alarm's tags to reach `desired`: the tags to set and the keys to remove. `modelship:version`
 * is ignored, and tags of AWS's own (`aws:`) are never removed.
 */
export function tagChanges(
  existing: Readonly<Record<string, string>>,
  desired: readonly AwsTag[],
): { set: AwsTag[]; remove: string[] } {
  const wanted = new Map(desired.map((tag) => [tag.Key, tag.Value]));
  const set = desired.filter((tag) => tag.Key !== VERSION_TAG && existing[tag.Key] !== tag.Value);
  const remove = Object.keys(existing).filter(
    (key) => !wanted.has(key) && key !== VERSION_TAG && !key.toLowerCase().startsWith('aws:'),
  );
  return { set, remove };
}

type Normalized = Record<(typeof FIELDS)[number], unknown>;

function normalize(definition: AlarmDefinition): Normalized {
  const evaluationPeriods = definition.EvaluationPeriods;
  return {
    AlarmDescription: definition.AlarmDescription ?? '',
    ActionsEnabled: definition.ActionsEnabled ?? true,
    OKActions: sorted(definition.OKActions),
    AlarmActions: sorted(definition.AlarmActions),
    InsufficientDataActions: sorted(definition.InsufficientDataActions),
    MetricName: definition.MetricName,
    Namespace: definition.Namespace,
    Statistic: definition.Statistic,
    ExtendedStatistic: definition.ExtendedStatistic,
    Dimensions: dimensions(definition.Dimensions),
    Period: definition.Period,
    Unit: definition.Unit,
    EvaluationPeriods: evaluationPeriods,
    // CloudWatch treats an unset DatapointsToAlarm as "every evaluation period".
    DatapointsToAlarm: definition.DatapointsToAlarm ?? evaluationPeriods,
    Threshold: definition.Threshold,
    ComparisonOperator: definition.ComparisonOperator,
    TreatMissingData: definition.TreatMissingData ?? 'missing',
    EvaluateLowSampleCountPercentile: definition.EvaluateLowSampleCountPercentile,
    Metrics: (definition.Metrics ?? []).map(query),
    ThresholdMetricId: definition.ThresholdMetricId,
  };
}

function query(item: MetricDataQuery) {
  const stat = item.MetricStat;
  return {
    Id: item.Id,
    Expression: item.Expression,
    Label: item.Label,
    ReturnData: item.ReturnData ?? true,
    Period: item.Period,
    AccountId: item.AccountId,
    MetricStat:
      stat === undefined
        ? undefined
        : {
            Namespace: stat.Metric?.Namespace,
            MetricName: stat.Metric?.MetricName,
            Dimensions: dimensions(stat.Metric?.Dimensions),
            Period: stat.Period,
            Stat: stat.Stat,
            Unit: stat.Unit,
          },
  };
}

function sorted(list: readonly string[] | undefined): string[] {
  return [...(list ?? [])].sort();
}

function dimensions(list: readonly Dimension[] | undefined): string[] {
  return (list ?? []).map((d) => `${d.Name}=${d.Value}`).sort();
}
