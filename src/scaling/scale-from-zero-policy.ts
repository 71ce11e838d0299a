/**
 * The step scaling policy that brings an async endpoint back from zero instances. Target tracking on
 * `ApproximateBacklogSizePerInstance` cannot: with no instance there is no per-instance backlog to track. This
 * policy adds one instance each time the `HasBacklogWithoutCapacity` alarm (see `scale-from-zero-alarm.ts`) fires;
 * from there target tracking takes over.
 */
import type {
  PutScalingPolicyRequest,
  ScalingPolicy,
  StepScalingPolicyConfiguration,
} from '@aws-sdk/client-application-auto-scaling';
import { NAMESPACE, type TargetRef } from './api.js';
import { MODELSHIP_PREFIX, type ScaleFromZeroSettings } from './settings.js';

/** The key of the policy: its step is `scaling-policy-scale-from-zero`. */
export const SCALE_FROM_ZERO_KEY = 'scale-from-zero';
/** The policy's name on the scalable target. */
export const SCALE_FROM_ZERO_POLICY = `${MODELSHIP_PREFIX}${SCALE_FROM_ZERO_KEY}`;

/** The PutScalingPolicy request: +1 instance whenever its alarm is in ALARM, at most once per cooldown. */
export function scaleFromZeroRequest(ref: TargetRef, settings: ScaleFromZeroSettings): PutScalingPolicyRequest {
  return {
    PolicyName: SCALE_FROM_ZERO_POLICY,
    ServiceNamespace: NAMESPACE,
    ResourceId: ref.resourceId,
    ScalableDimension: ref.dimension,
    PolicyType: 'StepScaling',
    StepScalingPolicyConfiguration: {
      AdjustmentType: 'ChangeInCapacity',
      MetricAggregationType: 'Average',
      Cooldown: settings.cooldownS,
      // One step from the alarm's threshold up: any backlog without capacity adds exactly one instance.
      StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }],
    },
  };
}

/** How a step scaling policy as described differs from `desired`, for people; `[]` when it matches. */
export function stepPolicyChanges(current: ScalingPolicy, desired: PutScalingPolicyRequest): string[] {
  const now = current.StepScalingPolicyConfiguration;
  const want = desired.StepScalingPolicyConfiguration;
  if (now === undefined || want === undefined) return ['configuration replaced'];
  const changes: string[] = [];
  const compare = (what: string, a: unknown, b: unknown) => {
    if (a !== b) changes.push(`${what} ${String(a)} → ${String(b)}`);
  };
  compare('adjustment type', now.AdjustmentType, want.AdjustmentType);
  // Application Auto Scaling reads an absent aggregation as Average and an absent cooldown as 300 s.
  compare('aggregation', now.MetricAggregationType ?? 'Average', want.MetricAggregationType ?? 'Average');
  compare('cooldown', now.Cooldown ?? 300, want.Cooldown ?? 300);
  compare('minimum adjustment', now.MinAdjustmentMagnitude, want.MinAdjustmentMagnitude);
  if (stepsKey(now) !== stepsKey(want)) changes.push('steps changed');
  return changes;
}

function stepsKey(config: StepScalingPolicyConfiguration): string {
  return JSON.stringify(
    (config.StepAdjustments ?? []).map((s) => [
      s.MetricIntervalLowerBound,
      s.MetricIntervalUpperBound,
      s.ScalingAdjustment,
    ]),
  );
}
