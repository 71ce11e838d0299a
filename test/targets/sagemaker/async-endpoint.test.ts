import { describe, expect, it } from 'vitest';
import { Model } from '../../../src/deploy/model.js';
import { InvalidArgumentError } from '../../../src/errors.js';
import { SageMaker } from '../../../src/targets/sagemaker/index.js';
import { ARTIFACT, AWS, fakeAws, fastApply, ROLE } from './support/setup.js';

const SCALED = 'endpoint/churn-async/variant/AllTraffic|sagemaker:variant:DesiredInstanceCount';
const ALARM = 'modelship-churn-async-backlog-without-capacity';

function queue() {
  return Model.fromS3(ARTIFACT, { framework: 'sklearn', frameworkVersion: '1.2-1' })
    .deployTo(
      SageMaker.async({
        instanceType: 'ml.m5.large',
        role: ROLE,
        outputS3Uri: 's3://ml-artifacts/async/out/',
        failureS3Uri: 's3://ml-artifacts/async/failed/',
        maxConcurrentInvocationsPerInstance: 4,
      }),
    )
    .withName('churn-async')
    .withAws(AWS);
}

describe('SageMaker.async', () => {
  it('makes an endpoint config with the async inference settings, and points callers to AsyncPredictor', async () => {
    const { sagemaker } = fakeAws();
    const deployment = await queue().deploy(fastApply());
    const [config] = [...sagemaker.configs.values()];
    expect(config?.input.AsyncInferenceConfig).toMatchObject({
      OutputConfig: { S3OutputPath: 's3://ml-artifacts/async/out/', S3FailurePath: 's3://ml-artifacts/async/failed/' },
      ClientConfig: { MaxConcurrentInvocationsPerInstance: 4 },
    });
    expect(deployment.target).toBe('sagemaker-async');
    expect(() => deployment.predictor()).toThrow(/AsyncPredictor/);
    await deployment.destroy(fastApply());
    expect(sagemaker.resources()).toEqual([]);
  });

  it('refuses an output location that is not S3, before any call', () => {
    expect(() =>
      SageMaker.async({ instanceType: 'ml.m5.large', role: ROLE, outputS3Uri: 'https://example.com/out' }),
    ).toThrow(InvalidArgumentError);
  });

  it('scales to zero on its backlog, and back from zero through the alarm and step policy', async () => {
    const { sagemaker, scaling, cloudwatch } = fakeAws();
    const scaled = () => queue().withAutoscaling({ min: 0, max: 3, targetBacklogPerInstance: 4 });
    const plan = await scaled().plan();
    const alarmStep = plan.steps.find((s) => s.id === 'scaling-alarm-backlog-without-capacity');
    expect(alarmStep?.dependsOn).toEqual(['scaling-policy-scale-from-zero']);
    const deployment = await scaled().deploy(fastApply());
    expect(scaling.targets.get(SCALED)?.target).toMatchObject({ MinCapacity: 0, MaxCapacity: 3 });
    const policies = scaling.policies.get(SCALED);
    expect([...(policies?.keys() ?? [])].sort()).toEqual(['modelship-backlog', 'modelship-scale-from-zero']);
    expect(cloudwatch.definition(ALARM)).toMatchObject({
      MetricName: 'HasBacklogWithoutCapacity',
      Dimensions: [{ Name: 'EndpointName', Value: 'churn-async' }],
      AlarmActions: [policies?.get('modelship-scale-from-zero')?.PolicyARN],
    });
    expect(cloudwatch.tags(ALARM)['modelship:deployment']).toBe('churn-async');
    // The same spec again changes nothing, alarm included.
    expect((await scaled().deploy(fastApply())).changed).toBe(false);

    await deployment.destroy(fastApply());
    expect(scaling.targets.size).toBe(0);
    expect(cloudwatch.names()).toEqual([]);
    expect(sagemaker.resources()).toEqual([]);
  });

  it('removes the alarm when autoscaling is dropped from the deployment', async () => {
    const { scaling, cloudwatch } = fakeAws();
    await queue().withAutoscaling({ min: 0, max: 2, targetBacklogPerInstance: 4 }).deploy(fastApply());
    await queue().deploy(fastApply());
    expect(scaling.targets.size).toBe(0);
    expect(cloudwatch.names()).toEqual([]);
  });

  it('refuses min 0 on a real-time endpoint, and real-time targets on an async one, before any call', async () => {
    const { sagemaker, scaling } = fakeAws();
    const realtime = Model.fromS3(ARTIFACT, { framework: 'sklearn', frameworkVersion: '1.2-1' })
      .deployTo(SageMaker.realtime({ instanceType: 'ml.m5.large', role: ROLE }))
      .withAws(AWS)
      .withAutoscaling({ min: 0, max: 2, targetInvocationsPerInstance: 100 });
    await expect(realtime.plan()).rejects.toMatchObject({ argument: 'autoscaling.min' });
    const wrong = queue().withAutoscaling({ min: 0, max: 2, targetInvocationsPerInstance: 100 } as never);
    await expect(wrong.plan()).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(sagemaker.stub.calls()).toHaveLength(0);
    expect(scaling.stub.calls()).toHaveLength(0);
  });
});
