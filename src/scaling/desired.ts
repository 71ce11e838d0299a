/**
 * The Application Auto Scaling requests that set up checked settings on one variant, and how what exists differs
 * from them (for the plan's reasons, and to tell `update` from `none`).
 */
import type {
  MetricDimension,
  PutScalingPolicyRequest,
  PutScheduledActionRequest,
  RegisterScalableTargetRequest,
  ScalableTarget,
  ScalingPolicy,
  ScheduledAction,
  TargetTrackingScalingPolicyConfiguration,
} from '@aws-sdk/client-application-auto-scaling';
import { NAMESPACE, type TargetRef } from './api.js';
import { SCALE_FROM_ZERO_KEY, scaleFromZeroRequest, stepPolicyChanges } from './scale-from-zero-policy.js';
import { MODELSHIP_PREFIX, type PolicySettings, type ScalingSettings, type ScheduleSettings } from './settings.js';

/** The endpoint and variant the settings apply to, for the metric dimensions that name them. */
export interface VariantRef {
  readonly endpointName: string;
  readonly variantName: string;
}

/** Scaling on, in every direction: modelship's targets are never left suspended. */
const RESUMED = {
  DynamicScalingInSuspended: false,
  DynamicScalingOutSuspended: false,
  ScheduledScalingSuspended: false,
};

export function targetRequest(
  ref: TargetRef,
  settings: ScalingSettings,
  tags?: Readonly<Record<string, string>>,
): RegisterScalableTargetRequest {
  return {
    ServiceNamespace: NAMESPACE,
    ResourceId: ref.resourceId,
    ScalableDimension: ref.dimension,
    MinCapacity: settings.min,
    MaxCapacity: settings.max,
    SuspendedState: RESUMED,
    ...(tags === undefined || Object.keys(tags).length === 0 ? {} : { Tags: { ...tags } }),
  };
}

/**
 * How `current` differs from the settings, for people; `[]` when it matches. Bounds a scheduled action of the
 * settings would have set count as matching: the deploy must not undo tonight's schedule until tomorrow's.
 */
export function targetChanges(current: ScalableTarget, settings: ScalingSettings): string[] {
  const [min, max] = [current.MinCapacity, current.MaxCapacity];
  const changes: string[] = [];
  const bySchedule = settings.schedules.some(
    (s) => (s.min ?? min) === min && (s.max ?? max) === max && (s.min !== undefined || s.max !== undefined),
  );
  if (!bySchedule && (min !== settings.min || max !== settings.max)) {
    changes.push(`capacity ${min}–${max} → ${settings.min}–${settings.max}`);
  }
  const suspended = Object.entries(current.SuspendedState ?? {}).filter(([, on]) => on === true);
  if (suspended.length > 0) changes.push(`resumes ${suspended.map(([name]) => name).join(', ')}`);
  return changes;
}

export function policyName(policy: PolicySettings): string {
  return `${MODELSHIP_PREFIX}${policy.key}`;
}

export function scheduleName(schedule: ScheduleSettings): string {
  return `${MODELSHIP_PREFIX}${schedule.key}`;
}

export function policyRequest(ref: TargetRef, variant: VariantRef, policy: PolicySettings): PutScalingPolicyRequest {
  return {
    PolicyName: policyName(policy),
    ServiceNamespace: NAMESPACE,
    ResourceId: ref.resourceId,
    ScalableDimension: ref.dimension,
    PolicyType: 'TargetTrackingScaling',
    TargetTrackingScalingPolicyConfiguration: {
      TargetValue: policy.target,
      ...metricSpecification(variant, policy),
      ScaleInCooldown: policy.scaleInCooldownS,
      ScaleOutCooldown: policy.scaleOutCooldownS,
      DisableScaleIn: policy.disableScaleIn,
    },
  };
}

/** One scaling policy the settings ask for: its key (the step is `scaling-policy-<key>`), request, and purpose. */
export interface WantedPolicy {
  readonly key: string;
  readonly request: PutScalingPolicyRequest;
  /** What it does, for the plan: `keeps backlog at 5`. */
  readonly what: string;
}

/** Every policy the settings ask for: the target-tracking ones, then the scale-from-zero step policy. */
export function wantedPolicies(ref: TargetRef, variant: VariantRef, settings: ScalingSettings): WantedPolicy[] {
  const tracking = settings.policies.map((policy) => ({
    key: policy.key,
    request: policyRequest(ref, variant, policy),
    what: `keeps ${policy.key} at ${policy.target}`,
  }));
  if (settings.scaleFromZero === undefined) return tracking;
  return [
    ...tracking,
    {
      key: SCALE_FROM_ZERO_KEY,
      request: scaleFromZeroRequest(ref, settings.scaleFromZero),
      what: 'adds an instance when requests wait and none is running',
    },
  ];
}

type MetricSpecification = Pick<
  TargetTrackingScalingPolicyConfiguration,
  'PredefinedMetricSpecification' | 'CustomizedMetricSpecification'
>;

function metricSpecification(variant: VariantRef, policy: PolicySettings): MetricSpecification {
  const own = { EndpointName: variant.endpointName, VariantName: variant.variantName };
  const metric = policy.metric;
  switch (metric.kind) {
    case 'predefined':
      return { PredefinedMetricSpecification: { PredefinedMetricType: metric.type } };
    case 'cpu':
      // SageMaker's instance metrics are in /aws/sagemaker/Endpoints, per endpoint and variant.
      return {
        CustomizedMetricSpecification: {
          MetricName: 'CPUUtilization',
          Namespace: '/aws/sagemaker/Endpoints',
          Dimensions: dimensionList(own),
          Statistic: 'Average',
          Unit: 'Percent',
        },
      };
    case 'backlog':
      // SageMaker publishes an async endpoint's queue metrics per endpoint, without a VariantName dimension.
      return {
        CustomizedMetricSpecification: {
          MetricName: 'ApproximateBacklogSizePerInstance',
          Namespace: 'AWS/SageMaker',
          Dimensions: dimensionList({ EndpointName: variant.endpointName }),
          Statistic: 'Average',
        },
      };
    case 'custom':
      return {
        CustomizedMetricSpecification: {
          MetricName: metric.name,
          Namespace: metric.namespace,
          Dimensions: dimensionList(metric.dimensions ?? own),
          Statistic: metric.statistic,
          ...(metric.unit === undefined ? {} : { Unit: metric.unit }),
        },
      };
  }
}

function dimensionList(dimensions: Readonly<Record<string, string>>): MetricDimension[] {
  return Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value }));
}

/** How `current` differs from `desired`, for people; `[]` when it matches. */
export function policyChanges(current: ScalingPolicy, desired: PutScalingPolicyRequest): string[] {
  if (current.PolicyType !== desired.PolicyType) return [`type ${current.PolicyType} → ${desired.PolicyType}`];
  if (desired.PolicyType === 'StepScaling') return stepPolicyChanges(current, desired);
  const now = current.TargetTrackingScalingPolicyConfiguration;
  const want = desired.TargetTrackingScalingPolicyConfiguration;
  if (now === undefined || want === undefined) return ['configuration replaced'];
  const changes: string[] = [];
  const compare = (what: string, a: unknown, b: unknown) => {
    if (a !== b) changes.push(`${what} ${String(a)} → ${String(b)}`);
  };
  compare('target', now.TargetValue, want.TargetValue);
  compare('scale-in cooldown', now.ScaleInCooldown, want.ScaleInCooldown);
  compare('scale-out cooldown', now.ScaleOutCooldown, want.ScaleOutCooldown);
  compare('disable scale-in', now.DisableScaleIn ?? false, want.DisableScaleIn);
  if (metricKey(now) !== metricKey(want)) changes.push('metric changed');
  return changes;
}

/** A canonical form of the metric a configuration tracks (dimension order does not matter to CloudWatch). */
function metricKey(config: TargetTrackingScalingPolicyConfiguration): string {
  const predefined = config.PredefinedMetricSpecification;
  if (predefined !== undefined)
    return JSON.stringify(['predefined', predefined.PredefinedMetricType, predefined.ResourceLabel]);
  const custom = config.CustomizedMetricSpecification;
  const dimensions = [...(custom?.Dimensions ?? [])].map((d) => `${d.Name}=${d.Value}`).sort();
  return JSON.stringify([
    'custom',
    custom?.Namespace,
    custom?.MetricName,
    custom?.Statistic,
    custom?.Unit,
    dimensions,
    custom?.Metrics,
  ]);
}

export function scheduleRequest(ref: TargetRef, schedule: ScheduleSettings): PutScheduledActionRequest {
  return {
    ServiceNamespace: NAMESPACE,
    ScheduledActionName: scheduleName(schedule),
    ResourceId: ref.resourceId,
    ScalableDimension: ref.dimension,
    Schedule: schedule.expression,
    ...(schedule.timezone === undefined ? {} : { Timezone: schedule.timezone }),
    ScalableTargetAction: {
      ...(schedule.min === undefined ? {} : { MinCapacity: schedule.min }),
      ...(schedule.max === undefined ? {} : { MaxCapacity: schedule.max }),
    },
  };
}

/** How `current` differs from `desired`, for people; `[]` when it matches. */
export function scheduleChanges(current: ScheduledAction, desired: PutScheduledActionRequest): string[] {
  const changes: string[] = [];
  const compare = (what: string, a: unknown, b: unknown) => {
    if (a !== b) changes.push(`${what} ${String(a)} → ${String(b)}`);
  };
  compare('schedule', current.Schedule, desired.Schedule);
  compare('time zone', utc(current.Timezone), utc(desired.Timezone));
  compare('min', current.ScalableTargetAction?.MinCapacity, desired.ScalableTargetAction?.MinCapacity);
  compare('max', current.ScalableTargetAction?.MaxCapacity, desired.ScalableTargetAction?.MaxCapacity);
  return changes;
}

/** Absent, `UTC` and `Etc/UTC` are the same zone to Application Auto Scaling. */
function utc(timezone: string | undefined): string {
  return timezone === undefined || timezone === 'Etc/UTC' ? 'UTC' : timezone;
}
