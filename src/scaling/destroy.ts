/**
 * Teardown of an endpoint's scaling, before the endpoint itself: the policies and scheduled actions modelship
 * named, then each scalable target of the endpoint's variants. Found by listing, so it works from a new process
 * and after a variant was renamed, and safe to run twice: with nothing left, it is one step with nothing to do.
 *
 * SageMaker deregisters the targets of an endpoint it deletes only when the caller may call
 * `DeregisterScalableTarget`; doing it here first makes a missing permission fail the destroy before anything is
 * gone, rather than leave targets behind. The CloudWatch alarm of an async endpoint's scale-from-zero policy is
 * not Application Auto Scaling's and outlives the target: it is removed here too.
 */
import type { AwsContext } from '../aws/context.js';
import type { PlanStep } from '../deploy/plan.js';
import { ScalingApi } from './api.js';
import { destroyBacklogAlarm } from './scale-from-zero-alarm.js';
import { SCALE_FROM_ZERO_POLICY } from './scale-from-zero-policy.js';
import { MODELSHIP_PREFIX } from './settings.js';
import { putAgain, readState, refOf, restoreState, type ScalingState, scheduleAgain } from './state.js';
import { removeStep } from './step-shapes.js';

/** What {@link destroyScaling} removes. */
export interface ScalingDestroyInput {
  readonly endpointName: string;
  /** What the steps wait for. Default: nothing. The endpoint's delete step must depend on every step returned. */
  readonly dependsOn?: readonly string[];
  /**
   * Look for the scale-from-zero alarm even when no variant has the policy it triggers (an async endpoint with
   * scale-from-zero in its settings: the target may be gone already). It is looked for anyway when one has it.
   * @defaultValue false
   */
  readonly scaleFromZeroAlarm?: boolean;
}

/**
 * The steps that remove every scalable target of the endpoint's variants: `delete-scaling-<variant>-policy-<key>`
 * and `delete-scaling-<variant>-schedule-<key>` for what modelship named, then `delete-scaling-<variant>`
 * (DeregisterScalableTarget, which also removes any other policy or action), and
 * `delete-scaling-alarm-backlog-without-capacity` for the scale-from-zero alarm. One `delete-scaling` step with
 * action `none` when the endpoint has no scaling. Each undo puts back what it removed.
 */
export async function destroyScaling(
  aws: AwsContext,
  input: ScalingDestroyInput,
  signal?: AbortSignal,
): Promise<PlanStep[]> {
  const api = new ScalingApi(aws);
  const prefix = `endpoint/${input.endpointName}/variant/`;
  const targets = await api.listTargets(prefix, signal);
  const states = await Promise.all(targets.map((target) => readState(api, refOf(target), signal)));
  const dependsOn = input.dependsOn ?? [];
  const steps: PlanStep[] = [];
  for (const state of states) {
    const variant = state.ref.resourceId.slice(prefix.length);
    steps.push(...targetSteps(api, state, variant, dependsOn));
  }
  const policyFound = states.some((state) => state.policies.some((p) => p.PolicyName === SCALE_FROM_ZERO_POLICY));
  if (input.scaleFromZeroAlarm === true || policyFound) {
    steps.push(...(await destroyBacklogAlarm(aws, { endpointName: input.endpointName, dependsOn })));
  }
  if (steps.length === 0) {
    return [
      {
        id: 'delete-scaling',
        resource: { kind: 'Application Auto Scaling scalable target', name: `${prefix}*` },
        action: 'none',
        reason: `no variant of endpoint ${input.endpointName} is a scalable target`,
        dependsOn,
      },
    ];
  }
  return steps;
}

function targetSteps(api: ScalingApi, state: ScalingState, variant: string, dependsOn: readonly string[]): PlanStep[] {
  const { ref } = state;
  const id = `delete-scaling-${variant}`;
  const steps: PlanStep[] = [];
  for (const policy of state.policies) {
    const name = policy.PolicyName;
    if (name === undefined || !name.startsWith(MODELSHIP_PREFIX)) continue;
    steps.push(
      removeStep({
        id: `${id}-policy-${name.slice(MODELSHIP_PREFIX.length)}`,
        resource: { kind: 'Application Auto Scaling scaling policy', name, arn: policy.PolicyARN },
        dependsOn,
        reason: `removes scaling policy ${name} of ${ref.resourceId}`,
        remove: (signal) => api.deletePolicy(ref, name, signal),
        putBack: async (signal) => {
          await api.putPolicy(putAgain(policy), signal);
        },
      }),
    );
  }
  for (const action of state.schedules) {
    const name = action.ScheduledActionName;
    if (name === undefined || !name.startsWith(MODELSHIP_PREFIX)) continue;
    steps.push(
      removeStep({
        id: `${id}-schedule-${name.slice(MODELSHIP_PREFIX.length)}`,
        resource: { kind: 'Application Auto Scaling scheduled action', name, arn: action.ScheduledActionARN },
        dependsOn,
        reason: `removes scheduled action ${name} of ${ref.resourceId}`,
        remove: (signal) => api.deleteSchedule(ref, name, signal),
        putBack: (signal) => api.putSchedule(scheduleAgain(action), signal),
      }),
    );
  }
  steps.push(
    removeStep({
      id,
      resource: {
        kind: 'Application Auto Scaling scalable target',
        name: ref.resourceId,
        arn: state.target?.ScalableTargetARN,
      },
      dependsOn: [...dependsOn, ...steps.map((step) => step.id)],
      reason: `deregisters ${ref.resourceId} before its endpoint is deleted`,
      remove: (signal) => api.deregister(ref, signal),
      putBack: (signal) => restoreState(api, state, signal),
    }),
  );
  return steps;
}
