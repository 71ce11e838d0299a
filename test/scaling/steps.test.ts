/**
 * `planScaling` against a stateful fake Application Auto Scaling: what a first deploy asks for (to the request),
 * that a second one plans nothing, that each change touches only its piece, that a rollback puts back what was
 * there, and that retries after a hidden success converge. Every request is checked against the AWS model.
 */
import {
  ApplicationAutoScalingClient,
  PutScalingPolicyCommand,
  PutScheduledActionCommand,
  RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkAutoscaling } from '../../src/scaling/check.js';
import type { RealtimeAutoscalingOptions } from '../../src/scaling/options.js';
import { planScaling } from '../../src/scaling/steps.js';
import { FakeAutoScaling, scalingError } from './support/fake-auto-scaling.js';
import { actions, awsContext, ENDPOINT, failingAfter, plan, RESOURCE_ID, run, VARIANT } from './support/run.js';

const BASE: RealtimeAutoscalingOptions = {
  min: 1,
  max: 4,
  targetInvocationsPerInstance: 100,
  scaleInCooldownS: 600,
  scaleOutCooldownS: 60,
  schedule: [{ name: 'night', expression: 'cron(0 22 * * ? *)', timezone: 'Europe/Paris', max: 1 }],
};

let fake: FakeAutoScaling;
beforeEach(() => {
  fake = new FakeAutoScaling();
});

describe('planScaling', () => {
  it('registers the target, then puts the policy and the scheduled action, with the requests AWS documents', async () => {
    const aws = awsContext();
    const steps = await plan(aws, BASE, { tags: [{ Key: 'team', Value: 'ml' }] });
    expect(actions(steps)).toEqual({
      'scaling-target': 'create',
      'scaling-policy-invocations': 'create',
      'scaling-schedule-night': 'create',
    });
    expect(steps[0]?.dependsOn).toEqual(['endpoint']);
    expect(steps[1]?.dependsOn).toEqual(['scaling-target']);
    expect(fake.log).toEqual([]);

    await run(steps);
    expect(fake.stub.commandCalls(RegisterScalableTargetCommand)[0]?.args[0].input).toEqual({
      ServiceNamespace: 'sagemaker',
      ResourceId: RESOURCE_ID,
      ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      MinCapacity: 1,
      MaxCapacity: 4,
      SuspendedState: {
        DynamicScalingInSuspended: false,
        DynamicScalingOutSuspended: false,
        ScheduledScalingSuspended: false,
      },
      Tags: { team: 'ml', 'modelship:deployment': 'churn' },
    });
    expect(fake.stub.commandCalls(PutScalingPolicyCommand)[0]?.args[0].input).toEqual({
      PolicyName: 'modelship-invocations',
      ServiceNamespace: 'sagemaker',
      ResourceId: RESOURCE_ID,
      ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: 100,
        PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
        ScaleInCooldown: 600,
        ScaleOutCooldown: 60,
        DisableScaleIn: false,
      },
    });
    expect(fake.stub.commandCalls(PutScheduledActionCommand)[0]?.args[0].input).toEqual({
      ServiceNamespace: 'sagemaker',
      ScheduledActionName: 'modelship-night',
      ResourceId: RESOURCE_ID,
      ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      Schedule: 'cron(0 22 * * ? *)',
      Timezone: 'Europe/Paris',
      ScalableTargetAction: { MaxCapacity: 1 },
    });
    expect(fake.log).toEqual([
      `RegisterScalableTarget ${RESOURCE_ID}`,
      'PutScalingPolicy modelship-invocations',
      'PutScheduledAction modelship-night',
    ]);
  });

  it('tracks CPU and a custom metric with customized metric specifications', async () => {
    const aws = awsContext();
    const options = {
      min: 1,
      max: 2,
      targetCpuPercent: 60,
      customMetric: {
        namespace: 'MyApp',
        name: 'QueueDepth',
        target: 10,
        statistic: 'Maximum' as const,
        unit: 'Count',
      },
      disableScaleIn: true,
    };
    await run(await plan(aws, options));
    const configs = fake.stub
      .commandCalls(PutScalingPolicyCommand)
      .map((c) => c.args[0].input.TargetTrackingScalingPolicyConfiguration);
    const variantDimensions = [
      { Name: 'EndpointName', Value: ENDPOINT },
      { Name: 'VariantName', Value: VARIANT },
    ];
    expect(configs).toEqual([
      {
        TargetValue: 60,
        CustomizedMetricSpecification: {
          MetricName: 'CPUUtilization',
          Namespace: '/aws/sagemaker/Endpoints',
          Dimensions: variantDimensions,
          Statistic: 'Average',
          Unit: 'Percent',
        },
        ScaleInCooldown: 300,
        ScaleOutCooldown: 300,
        DisableScaleIn: true,
      },
      {
        TargetValue: 10,
        CustomizedMetricSpecification: {
          MetricName: 'QueueDepth',
          Namespace: 'MyApp',
          Dimensions: variantDimensions,
          Statistic: 'Maximum',
          Unit: 'Count',
        },
        ScaleInCooldown: 300,
        ScaleOutCooldown: 300,
        DisableScaleIn: true,
      },
    ]);
    // Three policies, more than a describe page of the fake: the second plan still finds them all.
    await run(await plan(aws, { ...options, targetInvocationsPerInstance: 5 }));
    expect(actions(await plan(aws, { ...options, targetInvocationsPerInstance: 5 }))).toEqual({
      'scaling-target': 'none',
      'scaling-policy-invocations': 'none',
      'scaling-policy-cpu': 'none',
      'scaling-policy-custom': 'none',
    });
  });

  it('plans nothing when the settings are already in place', async () => {
    const aws = awsContext();
    await run(await plan(aws, BASE));
    const again = await plan(aws, BASE);
    expect(Object.values(actions(again))).toEqual(['none', 'none', 'none']);
    const calls = fake.log.length;
    await run(again);
    expect(fake.log.length).toBe(calls);
  });

  it('updates only the target when max changes, and only the policy when its target changes', async () => {
    const aws = awsContext();
    await run(await plan(aws, BASE));
    const wider = await plan(aws, { ...BASE, max: 8 });
    expect(actions(wider)).toEqual({
      'scaling-target': 'update',
      'scaling-policy-invocations': 'none',
      'scaling-schedule-night': 'none',
    });
    expect(wider[0]?.reason).toContain('capacity 1–4 → 1–8');
    await run(wider);
    expect(fake.snapshot()[0]).toMatchObject({ min: 1, max: 8 });

    const busier = await plan(aws, { ...BASE, max: 8, targetInvocationsPerInstance: 150 });
    expect(actions(busier)['scaling-policy-invocations']).toBe('update');
    expect(busier.find((s) => s.id === 'scaling-policy-invocations')?.reason).toContain('target 100 → 150');
  });

  it('takes bounds a scheduled action set for its own, so a deploy at night keeps the night bounds', async () => {
    const aws = awsContext();
    await run(await plan(aws, BASE));
    const [entry] = [...fake.targets.values()];
    if (entry) entry.target = { ...entry.target, MaxCapacity: 1 }; // the night action fired
    expect(actions(await plan(aws, BASE))['scaling-target']).toBe('none');
  });

  it('deletes a removed schedule and a removed policy, and leaves what modelship did not name', async () => {
    const aws = awsContext();
    await run(await plan(aws, { ...BASE, targetCpuPercent: 50 }));
    await aws.client(ApplicationAutoScalingClient).send(
      new PutScheduledActionCommand({
        ServiceNamespace: 'sagemaker',
        ScheduledActionName: 'by-hand',
        ResourceId: RESOURCE_ID,
        ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
        Schedule: 'rate(1 day)',
        ScalableTargetAction: { MinCapacity: 2 },
      }),
    );
    const steps = await plan(aws, { ...BASE, schedule: [] });
    expect(actions(steps)).toEqual({
      'scaling-target': 'none',
      'scaling-policy-invocations': 'none',
      'scaling-policy-cpu': 'delete',
      'scaling-schedule-night': 'delete',
    });
    await run(steps);
    expect(Object.keys(fake.snapshot()[0]?.schedules ?? {})).toEqual(['by-hand']);
    expect(Object.keys(fake.snapshot()[0]?.policies ?? {})).toEqual(['modelship-invocations']);
  });

  it('undoes a first deploy completely when a later step fails', async () => {
    const aws = awsContext();
    const steps = await plan(aws, BASE);
    await expect(run(steps, [failingAfter(steps)])).rejects.toThrow();
    expect(fake.snapshot()).toEqual([]);
  });

  it('puts back the previous bounds, policy and schedule when an update is rolled back', async () => {
    const aws = awsContext();
    await run(await plan(aws, { ...BASE, targetCpuPercent: 50 }));
    const before = fake.snapshot();
    const steps = await plan(aws, {
      ...BASE,
      max: 9,
      targetInvocationsPerInstance: 30,
      schedule: [{ name: 'night', expression: 'cron(0 23 * * ? *)', max: 2 }],
    });
    expect(actions(steps)).toEqual({
      'scaling-target': 'update',
      'scaling-policy-invocations': 'update',
      'scaling-schedule-night': 'update',
      'scaling-policy-cpu': 'delete',
    });
    await expect(run(steps, [failingAfter(steps)])).rejects.toThrow();
    expect(fake.snapshot()).toEqual(before);
  });

  it('converges when a change AWS carried out was answered with a 500', async () => {
    const aws = awsContext();
    const steps = await plan(aws, BASE);
    const internal = () => scalingError('InternalServiceException', 'Internal failure', 500, 'server');
    fake.fail('RegisterScalableTarget', internal, 1, 'after');
    fake.fail('PutScalingPolicy', internal, 1, 'after');
    fake.fail('PutScheduledAction', internal, 1, 'before');
    await run(steps);
    expect(actions(await plan(aws, BASE))).toEqual({
      'scaling-target': 'none',
      'scaling-policy-invocations': 'none',
      'scaling-schedule-night': 'none',
    });
  });

  it('deregisters a renamed variant before the endpoint update and registers the new one after it', async () => {
    const aws = awsContext();
    await run(await plan(aws, BASE));
    const before = fake.snapshot();
    const steps = await planScaling(aws, {
      endpointName: ENDPOINT,
      variantName: 'Blue',
      settings: checkAutoscaling(BASE, { kind: 'realtime' }),
      deployment: 'churn',
      after: 'endpoint',
      release: [VARIANT],
    });
    expect(actions(steps)).toEqual({
      [`scaling-release-${VARIANT}`]: 'delete',
      'scaling-target': 'create',
      'scaling-policy-invocations': 'create',
      'scaling-schedule-night': 'create',
    });
    expect(steps[0]?.dependsOn).toEqual([]);
    expect(steps[1]?.dependsOn).toEqual(['endpoint', `scaling-release-${VARIANT}`]);

    // Rolled back: the old variant's scaling is back as it was, and the new one is gone.
    await expect(run(steps, [failingAfter(steps)])).rejects.toThrow();
    expect(fake.snapshot()).toEqual(before);

    await run(steps);
    expect(fake.snapshot().map((t) => t.resourceId)).toEqual([`endpoint/${ENDPOINT}/variant/Blue`]);
  });

  it('registers a released variant again after an instance type change', async () => {
    const aws = awsContext();
    await run(await plan(aws, BASE));
    const steps = await plan(aws, BASE, { release: [VARIANT] });
    expect(Object.values(actions(steps))).toEqual(['delete', 'create', 'create', 'create']);
    await run(steps);
    expect(fake.log.slice(-4)).toEqual([
      `DeregisterScalableTarget ${RESOURCE_ID}`,
      `RegisterScalableTarget ${RESOURCE_ID}`,
      'PutScalingPolicy modelship-invocations',
      'PutScheduledAction modelship-night',
    ]);
  });

  it('turns scaling off: deregisters a target this deployment registered, keeps one someone else did', async () => {
    const aws = awsContext();
    expect(await plan(aws, undefined)).toEqual([]);
    await run(await plan(aws, BASE));
    const off = await plan(aws, undefined);
    expect(actions(off)).toEqual({ 'scaling-target': 'delete' });
    await expect(run(off, [failingAfter(off)])).rejects.toThrow();
    expect(fake.snapshot()).toHaveLength(1);
    await run(off);
    expect(fake.snapshot()).toEqual([]);

    await run(await plan(aws, BASE, { deployment: 'someone-else' }));
    expect(actions(await plan(aws, undefined))).toEqual({
      'scaling-policy-invocations': 'delete',
      'scaling-schedule-night': 'delete',
    });
  });

  it('scales a serverless variant on its provisioned concurrency', async () => {
    const aws = awsContext();
    const settings = checkAutoscaling(
      { provisionedConcurrency: { min: 2, max: 10, targetUtilization: 0.5 } },
      { kind: 'serverless', maxConcurrency: 20 },
    );
    const steps = await planScaling(aws, {
      endpointName: ENDPOINT,
      variantName: VARIANT,
      settings,
      deployment: 'churn',
      after: 'endpoint',
    });
    expect(actions(steps)).toEqual({ 'scaling-target': 'create', 'scaling-policy-provisioned-concurrency': 'create' });
    await run(steps);
    const register = fake.stub.commandCalls(RegisterScalableTargetCommand)[0]?.args[0].input;
    expect(register).toMatchObject({
      ScalableDimension: 'sagemaker:variant:DesiredProvisionedConcurrency',
      MinCapacity: 2,
      MaxCapacity: 10,
    });
    expect(fake.stub.commandCalls(PutScalingPolicyCommand)[0]?.args[0].input).toMatchObject({
      PolicyName: 'modelship-provisioned-concurrency',
      ScalableDimension: 'sagemaker:variant:DesiredProvisionedConcurrency',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: 0.5,
        PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantProvisionedConcurrencyUtilization' },
      },
    });
  });

  it('refuses bad options before any call', async () => {
    const aws = awsContext();
    await expect(plan(aws, { ...BASE, max: 0 })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      argument: 'autoscaling.max',
    });
    expect(fake.stub.calls()).toHaveLength(0);
  });
});
