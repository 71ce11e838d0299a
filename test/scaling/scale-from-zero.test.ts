/**
 * Async endpoint scaling against the fake Application Auto Scaling and the fake CloudWatch: target tracking on the
 * queue's backlog down to zero instances, and scale-from-zero (a step scaling policy and the
 * `HasBacklogWithoutCapacity` alarm that names its ARN). What a first deploy asks for, to the request; that a
 * second plans nothing; that dropping the option, turning scaling off, a rollback and a destroy remove the alarm
 * with the rest. Every request is checked against the AWS models.
 */
import { PutScalingPolicyCommand, RegisterScalableTargetCommand } from '@aws-sdk/client-application-auto-scaling';
import { PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AwsContext } from '../../src/aws/context.js';
import { ConflictError } from '../../src/errors.js';
import { checkAutoscaling } from '../../src/scaling/check.js';
import { destroyScaling } from '../../src/scaling/destroy.js';
import type { AsyncAutoscalingOptions } from '../../src/scaling/options.js';
import { planScaling, type ScalingPlanInput } from '../../src/scaling/steps.js';
import { FakeCloudWatch } from '../monitor/support/fake-cloudwatch.js';
import { FakeAutoScaling, scalingError } from './support/fake-auto-scaling.js';
import { actions, awsContext, ENDPOINT, failingAfter, RESOURCE_ID, run } from './support/run.js';

const BASE: AsyncAutoscalingOptions = { min: 0, max: 4, targetBacklogPerInstance: 5, scaleOutCooldownS: 120 };
const ALARM = `modelship-${ENDPOINT}-backlog-without-capacity`;
const KEY = `${RESOURCE_ID}|sagemaker:variant:DesiredInstanceCount`;
const POLICY_ARN =
  'arn:aws:application-autoscaling:eu-west-1:123456789012:scalingPolicy:' +
  `${RESOURCE_ID}:policyName/modelship-scale-from-zero`;

let scaling: FakeAutoScaling;
let cloudwatch: FakeCloudWatch;
beforeEach(() => {
  scaling = new FakeAutoScaling();
  cloudwatch = new FakeCloudWatch();
});

/** Plans the async scaling of the test variant; `undefined` options turn autoscaling off. */
function plan(aws: AwsContext, options: AsyncAutoscalingOptions | undefined, extra: Partial<ScalingPlanInput> = {}) {
  return planScaling(aws, {
    endpointName: ENDPOINT,
    variantName: 'AllTraffic',
    settings: options === undefined ? undefined : checkAutoscaling(options, { kind: 'async' }),
    deployment: 'churn',
    tags: [{ Key: 'team', Value: 'ml' }],
    after: 'endpoint',
    ...extra,
  });
}

const policyNames = () => [...(scaling.policies.get(KEY)?.keys() ?? [])].sort();

describe('async endpoint scaling', () => {
  it('tracks the backlog down to zero and adds the first instance back through a step policy and its alarm', async () => {
    const aws = awsContext();
    const steps = await plan(aws, BASE);
    expect(actions(steps)).toEqual({
      'scaling-target': 'create',
      'scaling-policy-backlog': 'create',
      'scaling-policy-scale-from-zero': 'create',
      'scaling-alarm-backlog-without-capacity': 'create',
    });
    // The alarm names the policy's ARN, which only PutScalingPolicy tells.
    expect(steps.at(-1)?.dependsOn).toEqual(['scaling-policy-scale-from-zero']);

    await run(steps);
    expect(scaling.stub.commandCalls(RegisterScalableTargetCommand)[0]?.args[0].input).toMatchObject({
      MinCapacity: 0,
      MaxCapacity: 4,
    });
    const [backlog, fromZero] = scaling.stub.commandCalls(PutScalingPolicyCommand).map((call) => call.args[0].input);
    expect(backlog).toEqual({
      PolicyName: 'modelship-backlog',
      ServiceNamespace: 'sagemaker',
      ResourceId: RESOURCE_ID,
      ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: 5,
        CustomizedMetricSpecification: {
          MetricName: 'ApproximateBacklogSizePerInstance',
          Namespace: 'AWS/SageMaker',
          Dimensions: [{ Name: 'EndpointName', Value: ENDPOINT }],
          Statistic: 'Average',
        },
        ScaleInCooldown: 300,
        ScaleOutCooldown: 120,
        DisableScaleIn: false,
      },
    });
    expect(fromZero).toEqual({
      PolicyName: 'modelship-scale-from-zero',
      ServiceNamespace: 'sagemaker',
      ResourceId: RESOURCE_ID,
      ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      PolicyType: 'StepScaling',
      StepScalingPolicyConfiguration: {
        AdjustmentType: 'ChangeInCapacity',
        MetricAggregationType: 'Average',
        Cooldown: 120,
        StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }],
      },
    });
    expect(cloudwatch.stub.commandCalls(PutMetricAlarmCommand)[0]?.args[0].input).toEqual({
      AlarmName: ALARM,
      AlarmDescription: `modelship: requests wait for async endpoint ${ENDPOINT} and no instance runs; triggers its scale-from-zero policy.`,
      ActionsEnabled: true,
      AlarmActions: [POLICY_ARN],
      Namespace: 'AWS/SageMaker',
      MetricName: 'HasBacklogWithoutCapacity',
      Dimensions: [{ Name: 'EndpointName', Value: ENDPOINT }],
      Statistic: 'Maximum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      Tags: [
        { Key: 'team', Value: 'ml' },
        { Key: 'modelship:deployment', Value: 'churn' },
      ],
    });

    const again = await plan(aws, BASE);
    expect(new Set(again.map((step) => step.action))).toEqual(new Set(['none']));
  });

  it('updates only the step policy when the cooldown changes, and the alarm keeps its action', async () => {
    const aws = awsContext();
    await run(await plan(aws, BASE));
    const steps = await plan(aws, { ...BASE, scaleOutCooldownS: 60 });
    expect(actions(steps)).toMatchObject({
      'scaling-policy-scale-from-zero': 'update',
      'scaling-alarm-backlog-without-capacity': 'none',
    });
    expect(steps.find((s) => s.id === 'scaling-policy-scale-from-zero')?.reason).toMatch(/cooldown 120 → 60/);
  });

  it('removes the step policy and the alarm when scaleFromZero is dropped, and puts them back on rollback', async () => {
    const aws = awsContext();
    await run(await plan(aws, BASE));
    const steps = await plan(aws, { ...BASE, min: 1, scaleFromZero: false });
    expect(actions(steps)).toMatchObject({
      'scaling-policy-scale-from-zero': 'delete',
      'scaling-alarm-backlog-without-capacity': 'delete',
    });
    await expect(run(steps, [failingAfter(steps)])).rejects.toThrow();
    expect(policyNames()).toEqual(['modelship-backlog', 'modelship-scale-from-zero']);
    expect(cloudwatch.tags(ALARM)['modelship:deployment']).toBe('churn');

    await run(await plan(aws, { ...BASE, min: 1, scaleFromZero: false }));
    expect(policyNames()).toEqual(['modelship-backlog']);
    expect(cloudwatch.names()).toEqual([]);
  });

  it('removes the alarm with the target when autoscaling is turned off', async () => {
    const aws = awsContext();
    await run(await plan(aws, BASE));
    const steps = await plan(aws, undefined);
    expect(actions(steps)).toEqual({
      'scaling-target': 'delete',
      'scaling-alarm-backlog-without-capacity': 'delete',
    });
    await run(steps);
    expect(scaling.targets.size).toBe(0);
    expect(cloudwatch.names()).toEqual([]);
  });

  it('undoes a first deploy completely, alarm included, when a later step fails', async () => {
    const aws = awsContext();
    const steps = await plan(aws, BASE);
    await expect(run(steps, [failingAfter(steps)])).rejects.toThrow();
    expect(scaling.targets.size).toBe(0);
    expect(cloudwatch.names()).toEqual([]);
  });

  it('converges when PutScalingPolicy carried out the policy but answered with a 500', async () => {
    const aws = awsContext();
    scaling.fail('PutScalingPolicy', () => scalingError('InternalServiceException', 'oops', 500, 'server'), 2, 'after');
    await run(await plan(aws, BASE));
    expect(policyNames()).toEqual(['modelship-backlog', 'modelship-scale-from-zero']);
    expect(cloudwatch.definition(ALARM)?.AlarmActions).toEqual([POLICY_ARN]);
  });

  it('points the alarm at the new policy when the policy is gone but the alarm is not', async () => {
    const aws = awsContext();
    await run(await plan(aws, BASE));
    scaling.policies.get(KEY)?.delete('modelship-scale-from-zero');
    const stale = `${POLICY_ARN}-old`;
    const definition = cloudwatch.definition(ALARM);
    if (definition) definition.AlarmActions = [stale];
    const steps = await plan(aws, BASE);
    expect(actions(steps)).toMatchObject({
      'scaling-policy-scale-from-zero': 'create',
      'scaling-alarm-backlog-without-capacity': 'update',
    });
    await run(steps);
    expect(cloudwatch.definition(ALARM)?.AlarmActions).toEqual([POLICY_ARN]);
  });

  it("refuses to take over another deployment's alarm of the same name", async () => {
    const aws = awsContext();
    await run(await plan(aws, BASE, { deployment: 'other' }));
    await expect(plan(aws, BASE)).rejects.toBeInstanceOf(ConflictError);
  });

  it('destroy removes the policies, the target and the alarm', async () => {
    const aws = awsContext();
    await run(await plan(aws, BASE));
    const steps = await destroyScaling(aws, { endpointName: ENDPOINT, dependsOn: ['endpoint'] });
    expect(actions(steps)).toEqual({
      'delete-scaling-AllTraffic-policy-backlog': 'delete',
      'delete-scaling-AllTraffic-policy-scale-from-zero': 'delete',
      'delete-scaling-AllTraffic': 'delete',
      'delete-scaling-alarm-backlog-without-capacity': 'delete',
    });
    await run(steps);
    expect(scaling.targets.size).toBe(0);
    expect(cloudwatch.names()).toEqual([]);
    // Nothing left: the alarm is looked for when asked, and the destroy is one step with nothing to do.
    expect(actions(await destroyScaling(aws, { endpointName: ENDPOINT, scaleFromZeroAlarm: true }))).toEqual({
      'delete-scaling': 'none',
    });
  });
});
