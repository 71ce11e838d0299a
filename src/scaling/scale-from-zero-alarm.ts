/**
 * The CloudWatch alarm that triggers an async endpoint's scale-from-zero policy: `HasBacklogWithoutCapacity`, which
 * SageMaker sets to 1 while requests wait and no instance runs. Planned with monitoring's alarm steps
 * (describe before create, update only what differs, undo, ownership by the `modelship:deployment` tag).
 *
 * The alarm's action is the policy's ARN, which Application Auto Scaling makes up when the policy is first put:
 * when the policy does not exist at plan time, the alarm step waits for the policy step and reads the ARN from
 * its output.
 */
import type { AwsContext } from '../aws/context.js';
import { type AwsTag, MODELSHIP_TAG_PREFIX } from '../aws/tags.js';
import type { PlanStep } from '../deploy/plan.js';
import { ServiceError } from '../errors.js';
import { type AlarmDefinition, alarmPrefix, SAGEMAKER_NAMESPACE } from '../monitor/alarm-specs.js';
import {
  type AlarmStepSpec,
  alarmStep,
  checkOwned,
  deleteAlarmStep,
  type ExistingAlarm,
  findAlarm,
} from '../monitor/alarm-step.js';
import { CloudWatchApi } from '../monitor/cloudwatch-api.js';
import type { ScalingStepOutput } from './step-shapes.js';

/** The id of the alarm's step in a deploy plan. */
export const BACKLOG_ALARM_STEP = 'scaling-alarm-backlog-without-capacity';
/** The id of the alarm's step in a destroy plan. */
export const DELETE_BACKLOG_ALARM_STEP = 'delete-scaling-alarm-backlog-without-capacity';

const DEPLOYMENT_TAG = `${MODELSHIP_TAG_PREFIX}deployment`;
// Stands for the policy ARN in the plan-time definition until the policy step has answered; never sent to AWS.
const PENDING_POLICY_ARN = '(the scale-from-zero policy, once put)';

/** `modelship-<endpoint>-backlog-without-capacity`: under the endpoint's alarm prefix, beside monitoring's. */
export function backlogAlarmName(endpointName: string): string {
  return `${alarmPrefix(endpointName)}backlog-without-capacity`;
}

/** The alarm's definition: in ALARM from the first minute with a backlog and no instance. */
export function backlogAlarmDefinition(endpointName: string, policyArn: string): AlarmDefinition {
  return {
    AlarmName: backlogAlarmName(endpointName),
    AlarmDescription:
      `modelship: requests wait for async endpoint ${endpointName} and no instance runs; ` +
      'triggers its scale-from-zero policy.',
    ActionsEnabled: true,
    AlarmActions: [policyArn],
    Namespace: SAGEMAKER_NAMESPACE,
    MetricName: 'HasBacklogWithoutCapacity',
    // Published per endpoint, like the backlog the target-tracking policy follows.
    Dimensions: [{ Name: 'EndpointName', Value: endpointName }],
    Statistic: 'Maximum',
    Period: 60,
    EvaluationPeriods: 1,
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    // No data means no backlog reported: an idle endpoint must not add an instance.
    TreatMissingData: 'notBreaching',
  };
}

/** What {@link planBacklogAlarm} needs. */
export interface BacklogAlarmInput {
  readonly endpointName: string;
  /** The alarm is this deployment's when its `modelship:deployment` tag says so. */
  readonly deployment: string;
  /** The tags of a new alarm, `modelship:deployment` among them. */
  readonly tags: readonly AwsTag[];
  /**
   * The scale-from-zero policy the alarm triggers: the id of its step, and its ARN when it exists at plan time.
   * `undefined` when the settings no longer ask for it: then this deployment's alarm is removed.
   */
  readonly policy: { readonly stepId: string; readonly arn: string | undefined } | undefined;
  /** What a removal waits for. */
  readonly removeAfter: readonly string[];
}

/**
 * The step that makes the alarm (`scaling-alarm-backlog-without-capacity`, create, update or none), or the one
 * that removes it, or none. One DescribeAlarms and, when it exists, one ListTagsForResource.
 * @throws {@link ConflictError} when an alarm of that name exists but belongs to another deployment.
 */
export async function planBacklogAlarm(aws: AwsContext, input: BacklogAlarmInput): Promise<PlanStep[]> {
  const api = new CloudWatchApi(aws);
  const existing = await findAlarm(api, backlogAlarmName(input.endpointName));
  const owned = existing?.tags[DEPLOYMENT_TAG] === input.deployment;
  if (input.policy === undefined) {
    if (existing === undefined || !owned) return [];
    return [
      deleteAlarmStep(api, {
        id: BACKLOG_ALARM_STEP,
        existing,
        dependsOn: input.removeAfter,
        why: 'is no longer asked for (no scale-from-zero in the autoscaling settings)',
      }),
    ];
  }
  checkOwned(existing, owned, `the modelship deployment "${input.deployment}"`);
  return [wantedStep(api, existing, input, input.policy)];
}

function wantedStep(
  api: CloudWatchApi,
  existing: ExistingAlarm | undefined,
  input: BacklogAlarmInput,
  policy: { readonly stepId: string; readonly arn: string | undefined },
): PlanStep {
  const specFor = (policyArn: string): AlarmStepSpec => ({
    id: BACKLOG_ALARM_STEP,
    definition: backlogAlarmDefinition(input.endpointName, policyArn),
    tags: input.tags,
    existing,
    dependsOn: [policy.stepId],
    what: 'adds the first instance when requests wait and none runs',
  });
  const planned = alarmStep(api, specFor(policy.arn ?? PENDING_POLICY_ARN));
  if (policy.arn !== undefined) return planned;
  return {
    ...planned,
    async apply(ctx) {
      const arn = ctx.output<ScalingStepOutput>(policy.stepId).arn;
      if (arn === undefined) {
        throw new ServiceError(
          `PutScalingPolicy did not answer the ARN of ${policy.stepId}: the alarm cannot name it.`,
          {
            retryable: false,
          },
        );
      }
      // The same step, now with the real action: create or update as planned (or nothing, if a retry already did).
      const step = alarmStep(api, specFor(arn));
      return step.apply === undefined ? step.existingOutput : step.apply(ctx);
    },
  };
}

/**
 * The step that removes the alarm with the endpoint's scaling (`delete-scaling-alarm-backlog-without-capacity`),
 * or none when there is no such alarm made by modelship. Without a deployment name, any modelship deployment's
 * alarm of this endpoint's name goes: it can only trigger a policy of this endpoint, which is being removed.
 */
export async function destroyBacklogAlarm(
  aws: AwsContext,
  input: { readonly endpointName: string; readonly deployment?: string; readonly dependsOn: readonly string[] },
): Promise<PlanStep[]> {
  const api = new CloudWatchApi(aws);
  const existing = await findAlarm(api, backlogAlarmName(input.endpointName));
  const tag = existing?.tags[DEPLOYMENT_TAG];
  if (existing === undefined || tag === undefined || (input.deployment !== undefined && tag !== input.deployment)) {
    return [];
  }
  return [
    deleteAlarmStep(api, {
      id: DELETE_BACKLOG_ALARM_STEP,
      existing,
      dependsOn: input.dependsOn,
      why: `is removed with the scaling of endpoint ${input.endpointName}`,
    }),
  ];
}
