/**
 * Scaling as part of a deployment plan: the scalable target, its target-tracking policies and scheduled actions
 * for one SageMaker variant, planned by describing what exists first, so a second deploy of the same settings
 * plans nothing and a changed setting becomes an update of just that piece.
 *
 * Application Auto Scaling only registers a variant that is `InService`, so every step that sets scaling up
 * waits for the step the caller names in `after` (the endpoint). And SageMaker refuses an `UpdateEndpoint` that
 * removes a scaled variant or changes its instance type, so the variants named in `release` are deregistered
 * by `scaling-release-<variant>` steps that the endpoint step must depend on.
 */
import type { ScalableTarget } from '@aws-sdk/client-application-auto-scaling';
import type { AwsContext } from '../aws/context.js';
import { type AwsTag, MODELSHIP_TAG_PREFIX } from '../aws/tags.js';
import type { PlanStep, ResourceRef } from '../deploy/plan.js';
import { ScalingApi, type TargetRef, variantResourceId } from './api.js';
import {
  policyChanges,
  scheduleChanges,
  scheduleName,
  scheduleRequest,
  targetChanges,
  targetRequest,
  type VariantRef,
  wantedPolicies,
} from './desired.js';
import { planBacklogAlarm } from './scale-from-zero-alarm.js';
import { SCALE_FROM_ZERO_KEY, SCALE_FROM_ZERO_POLICY } from './scale-from-zero-policy.js';
import { MODELSHIP_PREFIX, type ScalingSettings } from './settings.js';
import { putAgain, readState, refOf, registerAgain, restoreState, type ScalingState, scheduleAgain } from './state.js';
import { removeStep, upsertStep } from './step-shapes.js';

/** The id prefix of the steps that must run before the endpoint update: add their ids to its `dependsOn`. */
export const RELEASE_STEP_PREFIX = 'scaling-release-';

/** What {@link planScaling} plans for. */
export interface ScalingPlanInput {
  readonly endpointName: string;
  /** The variant to scale. */
  readonly variantName: string;
  /**
   * From {@link checkAutoscaling}; `undefined` when the deployment no longer asks for autoscaling: then the
   * modelship-named policies and actions are removed, and the target too when this deployment registered it.
   */
  readonly settings: ScalingSettings | undefined;
  /** The deployment's name: registered targets are tagged `modelship:deployment=<deployment>`. */
  readonly deployment: string;
  /** Tags for a newly registered target (`buildTags(…)`); an existing target's tags are left as they are. */
  readonly tags?: readonly AwsTag[];
  /** The step that leaves the variant `InService`, e.g. `endpoint`: every step that sets scaling up waits for it. */
  readonly after: string;
  /**
   * Variants whose scaling must be removed before the endpoint update: variants the update removes or renames,
   * and variants whose instance type changes (SageMaker refuses that update while they are scalable targets).
   * `variantName` may be among them: it is then registered again after the update.
   */
  readonly release?: readonly string[];
  /** What the `scaling-release-*` steps wait for. Default: nothing. */
  readonly releaseAfter?: readonly string[];
}

const TARGET_KIND = 'Application Auto Scaling scalable target';
const POLICY_KIND = 'Application Auto Scaling scaling policy';
const SCHEDULE_KIND = 'Application Auto Scaling scheduled action';
const DEPLOYMENT_TAG = `${MODELSHIP_TAG_PREFIX}deployment`;

/**
 * The steps that make the scaling of `input.variantName` what `input.settings` says, in plan order:
 * `scaling-release-<variant>` (before the endpoint update), `scaling-target`, `scaling-policy-<key>` (key
 * `invocations`, `cpu`, `custom`, `provisioned-concurrency`, `backlog` or `scale-from-zero`),
 * `scaling-schedule-<name>` and, for an async endpoint's scale-from-zero, the CloudWatch alarm step
 * `scaling-alarm-backlog-without-capacity`; policies, actions and that alarm that the settings no longer have get a
 * `delete` step under the same ids.
 * Makes only describe calls (and `ListTagsForResource` when scaling is being turned off, or for the alarm).
 * @throws {@link ConflictError} when the scale-from-zero alarm's name is taken by another deployment's alarm.
 */
export async function planScaling(aws: AwsContext, input: ScalingPlanInput, signal?: AbortSignal): Promise<PlanStep[]> {
  const api = new ScalingApi(aws);
  const variantId = variantResourceId(input.endpointName, input.variantName);
  const released = [...new Set(input.release ?? [])];
  const ids = [variantId, ...released.map((v) => variantResourceId(input.endpointName, v))];
  const found = await api.describeTargets([...new Set(ids)], signal);
  const releaseSteps: PlanStep[] = [];
  for (const variant of released) {
    const targets = found.filter((t) => t.ResourceId === variantResourceId(input.endpointName, variant));
    for (const target of targets) {
      releaseSteps.push(releaseStep(api, await readState(api, refOf(target), signal), variant, input));
    }
  }
  const current = found.find(
    (t) =>
      t.ResourceId === variantId && (input.settings === undefined || t.ScalableDimension === input.settings.dimension),
  );
  if (input.settings === undefined) {
    // A variant released above is already gone after the update: nothing more to remove.
    if (current === undefined || released.includes(input.variantName)) return releaseSteps;
    const state = await readState(api, refOf(current), signal);
    return [
      ...releaseSteps,
      ...(await turnOff(api, state, input, signal)),
      ...(hasScaleFromZero(state) ? await backlogAlarmSteps(aws, state, input) : []),
    ];
  }
  const ref: TargetRef = { resourceId: variantId, dimension: input.settings.dimension };
  const reRegistered = released.includes(input.variantName);
  const state: ScalingState =
    current === undefined || reRegistered
      ? { ref, target: undefined, policies: [], schedules: [] }
      : await readState(api, ref, signal);
  const targetDependsOn = [input.after, ...releaseSteps.map((step) => step.id)];
  // Only async endpoints (or scaling that had scale-from-zero) look at CloudWatch: the others need no permission there.
  const alarm =
    input.settings.kind === 'async' || hasScaleFromZero(state) ? await backlogAlarmSteps(aws, state, input) : [];
  return [...releaseSteps, ...setUp(api, state, input.settings, input, targetDependsOn), ...alarm];
}

function hasScaleFromZero(state: ScalingState): boolean {
  return state.policies.some((policy) => policy.PolicyName === SCALE_FROM_ZERO_POLICY);
}

/** The scale-from-zero alarm's step: made when the settings ask for scale-from-zero, removed otherwise. */
function backlogAlarmSteps(aws: AwsContext, state: ScalingState, input: ScalingPlanInput): Promise<PlanStep[]> {
  const wanted = input.settings?.scaleFromZero !== undefined;
  const arn = state.policies.find((policy) => policy.PolicyName === SCALE_FROM_ZERO_POLICY)?.PolicyARN;
  return planBacklogAlarm(aws, {
    endpointName: input.endpointName,
    deployment: input.deployment,
    tags: Object.entries(tagsFor(input)).map(([Key, Value]) => ({ Key, Value })),
    policy: wanted ? { stepId: `scaling-policy-${SCALE_FROM_ZERO_KEY}`, arn } : undefined,
    removeAfter: [input.after],
  });
}

/** The upserts that set `settings` up, and the removals of what modelship made that they no longer have. */
function setUp(
  api: ScalingApi,
  state: ScalingState,
  settings: ScalingSettings,
  input: ScalingPlanInput,
  targetDependsOn: readonly string[],
): PlanStep[] {
  const { ref } = state;
  const variant: VariantRef = input;
  const previous = state.target;
  const steps: PlanStep[] = [
    upsertStep({
      id: 'scaling-target',
      resource: targetResource(ref, previous),
      dependsOn: targetDependsOn,
      exists: previous !== undefined,
      changes: previous === undefined ? [] : targetChanges(previous, settings),
      what: `scales ${input.variantName} of ${input.endpointName} between ${settings.min} and ${settings.max}`,
      put: (signal) => api.register(targetRequest(ref, settings, previous ? undefined : tagsFor(input)), signal),
      remove: (signal) => api.deregister(ref, signal),
      putBack: async (signal) => {
        if (previous !== undefined) await api.register(registerAgain(previous), signal);
      },
    }),
  ];
  const after = ['scaling-target'];
  for (const { key, request: desired, what } of wantedPolicies(ref, variant, settings)) {
    const name = desired.PolicyName ?? '';
    const existing = state.policies.find((p) => p.PolicyName === name);
    steps.push(
      upsertStep({
        id: `scaling-policy-${key}`,
        resource: { kind: POLICY_KIND, name, arn: existing?.PolicyARN },
        dependsOn: after,
        exists: existing !== undefined,
        changes: existing === undefined ? [] : policyChanges(existing, desired),
        what,
        put: (signal) => api.putPolicy(desired, signal),
        remove: (signal) => api.deletePolicy(ref, name, signal),
        putBack: async (signal) => {
          if (existing !== undefined) await api.putPolicy(putAgain(existing), signal);
        },
      }),
    );
  }
  for (const schedule of settings.schedules) {
    const name = scheduleName(schedule);
    const desired = scheduleRequest(ref, schedule);
    const existing = state.schedules.find((s) => s.ScheduledActionName === name);
    const bounds = [
      schedule.min === undefined ? '' : `min ${schedule.min}`,
      schedule.max === undefined ? '' : `max ${schedule.max}`,
    ];
    steps.push(
      upsertStep({
        id: `scaling-schedule-${schedule.key}`,
        resource: { kind: SCHEDULE_KIND, name, arn: existing?.ScheduledActionARN },
        dependsOn: after,
        exists: existing !== undefined,
        changes: existing === undefined ? [] : scheduleChanges(existing, desired),
        what: `sets ${bounds.filter(Boolean).join(', ')} at ${schedule.expression}`,
        put: (signal) => api.putSchedule(desired, signal).then(() => undefined),
        remove: (signal) => api.deleteSchedule(ref, name, signal),
        putBack: async (signal) => {
          if (existing !== undefined) await api.putSchedule(scheduleAgain(existing), signal);
        },
      }),
    );
  }
  const wanted = new Set(steps.map((step) => step.resource.name));
  steps.push(...obsoleteSteps(api, state, (name) => !wanted.has(name), after));
  return steps;
}

/** Removal steps for the modelship-named policies and actions of `state` that `obsolete` picks. */
function obsoleteSteps(
  api: ScalingApi,
  state: ScalingState,
  obsolete: (name: string) => boolean,
  dependsOn: readonly string[],
): PlanStep[] {
  const ours = (name: string | undefined): name is string =>
    name?.startsWith(MODELSHIP_PREFIX) === true && obsolete(name);
  const steps: PlanStep[] = [];
  for (const policy of state.policies) {
    const name = policy.PolicyName;
    if (!ours(name)) continue;
    steps.push(
      removeStep({
        id: `scaling-policy-${name.slice(MODELSHIP_PREFIX.length)}`,
        resource: { kind: POLICY_KIND, name, arn: policy.PolicyARN },
        dependsOn,
        reason: `scaling policy ${name} is no longer in the autoscaling settings`,
        remove: (signal) => api.deletePolicy(state.ref, name, signal),
        putBack: async (signal) => {
          await api.putPolicy(putAgain(policy), signal);
        },
      }),
    );
  }
  for (const action of state.schedules) {
    const name = action.ScheduledActionName;
    if (!ours(name)) continue;
    steps.push(
      removeStep({
        id: `scaling-schedule-${name.slice(MODELSHIP_PREFIX.length)}`,
        resource: { kind: SCHEDULE_KIND, name, arn: action.ScheduledActionARN },
        dependsOn,
        reason: `scheduled action ${name} is no longer in the autoscaling settings`,
        remove: (signal) => api.deleteSchedule(state.ref, name, signal),
        putBack: (signal) => api.putSchedule(scheduleAgain(action), signal),
      }),
    );
  }
  return steps;
}

/**
 * Autoscaling turned off: the whole target goes when this deployment registered it (its tag says so);
 * otherwise only what modelship named is removed, and the target someone else registered stays.
 */
async function turnOff(
  api: ScalingApi,
  state: ScalingState,
  input: ScalingPlanInput,
  signal?: AbortSignal,
): Promise<PlanStep[]> {
  const arn = state.target?.ScalableTargetARN;
  const owned = arn !== undefined && (await api.tagsOf(arn, signal))[DEPLOYMENT_TAG] === input.deployment;
  if (!owned) return obsoleteSteps(api, state, () => true, [input.after]);
  return [
    removeStep({
      id: 'scaling-target',
      resource: targetResource(state.ref, state.target),
      dependsOn: [input.after],
      reason: `autoscaling is no longer asked for: deregisters ${state.ref.resourceId} with its policies and scheduled actions`,
      remove: (s) => api.deregister(state.ref, s),
      putBack: (s) => restoreState(api, state, s),
    }),
  ];
}

/** The step that deregisters a variant's scaling before the endpoint update, and restores it on rollback. */
function releaseStep(api: ScalingApi, state: ScalingState, variant: string, input: ScalingPlanInput): PlanStep {
  return removeStep({
    id: `${RELEASE_STEP_PREFIX}${variant}`,
    resource: targetResource(state.ref, state.target),
    dependsOn: input.releaseAfter ?? [],
    reason:
      `SageMaker does not update an endpoint that removes variant ${variant} or changes its instance type while ` +
      'it is a scalable target: deregisters it first',
    remove: (signal) => api.deregister(state.ref, signal),
    putBack: (signal) => restoreState(api, state, signal),
  });
}

function targetResource(ref: TargetRef, target: ScalableTarget | undefined): ResourceRef {
  return { kind: TARGET_KIND, name: ref.resourceId, arn: target?.ScalableTargetARN };
}

function tagsFor(input: ScalingPlanInput): Record<string, string> {
  const tags = Object.fromEntries((input.tags ?? []).map((tag) => [tag.Key, tag.Value]));
  return { ...tags, [DEPLOYMENT_TAG]: input.deployment };
}
