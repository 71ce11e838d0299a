import { UpdateEndpointCommand } from '@aws-sdk/client-sagemaker';
import { describe, expect, it } from 'vitest';
import { Model } from '../../../src/deploy/model.js';
import { InvalidArgumentError } from '../../../src/errors.js';
import { SageMaker } from '../../../src/targets/sagemaker/index.js';
import type { RealtimeOptions } from '../../../src/targets/sagemaker/options.js';
import { ARTIFACT, AWS, fakeAws, fastApply, ROLE } from './support/setup.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:ml-alerts';

function churn(options: Partial<RealtimeOptions> = {}) {
  return Model.fromS3(ARTIFACT, { framework: 'sklearn', frameworkVersion: '1.2-1' })
    .deployTo(SageMaker.realtime({ instanceType: 'ml.m5.large', role: ROLE, ...options }))
    .withName('churn')
    .withAws(AWS)
    .monitor({ p99LatencyMs: 250, maxErrorRate: 0.01, idleHours: 24, notify: TOPIC });
}

describe('SageMaker.realtime with monitoring', () => {
  it('makes the alarms before the endpoint, a dashboard, and links the dashboard in the outputs', async () => {
    const { cloudwatch } = fakeAws();
    const plan = await churn().plan();
    const endpoint = plan.steps.find((s) => s.id === 'endpoint');
    expect(endpoint?.dependsOn).toEqual(
      expect.arrayContaining(['alarm-p99-latency', 'alarm-error-rate', 'alarm-idle']),
    );
    const deployment = await churn().deploy(fastApply());
    expect([...cloudwatch.alarms.keys()].sort()).toEqual([
      'modelship-churn-error-rate',
      'modelship-churn-idle',
      'modelship-churn-p99-latency',
    ]);
    expect(deployment.outputs.get('dashboard')).toMatchObject({
      dashboardName: expect.stringContaining('churn'),
      url: expect.stringContaining('console.aws.amazon.com'),
    });
  });

  it('rolls an update back on its own latency and error alarms', async () => {
    const { sagemaker } = fakeAws();
    await churn().deploy(fastApply());
    await churn({ instanceCount: 2, update: { rollbackAlarms: ['team-slo'] } }).deploy(fastApply());
    const update = sagemaker.stub.commandCalls(UpdateEndpointCommand)[0]?.args[0].input;
    expect(update?.DeploymentConfig?.AutoRollbackConfiguration?.Alarms).toEqual([
      { AlarmName: 'team-slo' },
      { AlarmName: 'modelship-churn-p99-latency' },
      { AlarmName: 'modelship-churn-error-rate' },
    ]);
  });

  it('removes the alarms and the dashboard with the deployment', async () => {
    const { cloudwatch, sagemaker } = fakeAws();
    const deployment = await churn().deploy(fastApply());
    await deployment.destroy(fastApply());
    expect(cloudwatch.alarms.size).toBe(0);
    expect(sagemaker.resources()).toEqual([]);
  });

  it('refuses an SNS topic in another region before any AWS call', async () => {
    const { sagemaker, cloudwatch, s3 } = fakeAws();
    const bad = Model.fromS3(ARTIFACT, { framework: 'sklearn', frameworkVersion: '1.2-1' })
      .deployTo(SageMaker.realtime({ instanceType: 'ml.m5.large', role: ROLE }))
      .withAws(AWS)
      .monitor({ maxErrorRate: 0.01, notify: 'arn:aws:sns:us-east-1:123456789012:ml-alerts' });
    await expect(bad.plan()).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(sagemaker.stub.calls()).toHaveLength(0);
    expect(s3.calls()).toHaveLength(0);
    expect(cloudwatch.stub.calls()).toHaveLength(0);
  });
});

describe('SageMaker monitoring: changes', () => {
  it('removes the alarms and the dashboard when a later deploy no longer asks for them', async () => {
    const { cloudwatch } = fakeAws();
    await churn().deploy(fastApply());
    const without = Model.fromS3(ARTIFACT, { framework: 'sklearn', frameworkVersion: '1.2-1' })
      .deployTo(SageMaker.realtime({ instanceType: 'ml.m5.large', role: ROLE }))
      .withName('churn')
      .withAws(AWS);
    await without.deploy(fastApply());
    expect(cloudwatch.alarms.size).toBe(0);
    expect(cloudwatch.dashboards.size).toBe(0);
  });

  it('refuses more rollback alarms than SageMaker takes, instead of dropping some', async () => {
    fakeAws();
    const many = Array.from({ length: 9 }, (_, i) => `team-alarm-${i}`);
    const error = await churn({ update: { rollbackAlarms: many } })
      .plan()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe('update.rollbackAlarms');
  });
});
