/**
 * What scaling a variant has now (its scalable target, policies and scheduled actions), read in one go and put
 * back in one go: the memory every `undo` restores from, and what a step that removes scaling must be able to
 * recreate exactly.
 */
import type {
  PutScalingPolicyRequest,
  PutScheduledActionRequest,
  RegisterScalableTargetRequest,
  ScalableTarget,
  ScalingPolicy,
  ScheduledAction,
} from '@aws-sdk/client-application-auto-scaling';
import { NAMESPACE, type ScalingApi, type TargetRef } from './api.js';
import type { SageMakerScalableDimension } from './settings.js';

/** The scaling of one variant as found. */
export interface ScalingState {
  readonly ref: TargetRef;
  /** `undefined` when the variant is not a scalable target (then it has no policies or actions either). */
  readonly target: ScalableTarget | undefined;
  readonly policies: readonly ScalingPolicy[];
  readonly schedules: readonly ScheduledAction[];
}

/** Reads the scaling at `ref`: three describes, or one when there is no target. */
export async function readState(api: ScalingApi, ref: TargetRef, signal?: AbortSignal): Promise<ScalingState> {
  const target = await api.describeTarget(ref, signal);
  if (target === undefined) return { ref, target, policies: [], schedules: [] };
  const [policies, schedules] = await Promise.all([
    api.describePolicies(ref, signal),
    api.describeSchedules(ref, signal),
  ]);
  return { ref, target, policies, schedules };
}

/** The ref of a target as described. */
export function refOf(target: ScalableTarget): TargetRef {
  return { resourceId: target.ResourceId ?? '', dimension: target.ScalableDimension as SageMakerScalableDimension };
}

/** The request that registers `target` again with the bounds and suspended state it had. */
export function registerAgain(target: ScalableTarget): RegisterScalableTargetRequest {
  return {
    ServiceNamespace: NAMESPACE,
    ResourceId: target.ResourceId,
    ScalableDimension: target.ScalableDimension,
    MinCapacity: target.MinCapacity,
    MaxCapacity: target.MaxCapacity,
    ...(target.SuspendedState === undefined ? {} : { SuspendedState: target.SuspendedState }),
  };
}

/** The request that puts `policy` back as it was described. */
export function putAgain(policy: ScalingPolicy): PutScalingPolicyRequest {
  return {
    PolicyName: policy.PolicyName,
    ServiceNamespace: NAMESPACE,
    ResourceId: policy.ResourceId,
    ScalableDimension: policy.ScalableDimension,
    PolicyType: policy.PolicyType,
    ...(policy.TargetTrackingScalingPolicyConfiguration === undefined
      ? {}
      : { TargetTrackingScalingPolicyConfiguration: policy.TargetTrackingScalingPolicyConfiguration }),
    ...(policy.StepScalingPolicyConfiguration === undefined
      ? {}
      : { StepScalingPolicyConfiguration: policy.StepScalingPolicyConfiguration }),
    ...(policy.PredictiveScalingPolicyConfiguration === undefined
      ? {}
      : { PredictiveScalingPolicyConfiguration: policy.PredictiveScalingPolicyConfiguration }),
  };
}

/** The request that puts `action` back as it was described. */
export function scheduleAgain(action: ScheduledAction): PutScheduledActionRequest {
  const optional = {
    Timezone: action.Timezone,
    StartTime: action.StartTime,
    EndTime: action.EndTime,
    ScalableTargetAction: action.ScalableTargetAction,
  };
  return {
    ServiceNamespace: NAMESPACE,
    ScheduledActionName: action.ScheduledActionName,
    ResourceId: action.ResourceId,
    ScalableDimension: action.ScalableDimension,
    Schedule: action.Schedule,
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
  };
}

/** Puts back the scaling `state` describes: the target first (policies and actions need it), then the rest. */
export async function restoreState(api: ScalingApi, state: ScalingState, signal?: AbortSignal): Promise<void> {
  if (state.target === undefined) return;
  await api.register(registerAgain(state.target), signal);
  for (const policy of state.policies) await api.putPolicy(putAgain(policy), signal);
  for (const action of state.schedules) await api.putSchedule(scheduleAgain(action), signal);
}
