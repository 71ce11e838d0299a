import { describe, expect, it } from 'vitest';
import { Model } from '../../../src/deploy/model.js';
import { InvalidArgumentError } from '../../../src/errors.js';
import { SageMaker } from '../../../src/targets/sagemaker/index.js';
import type { RealtimeOptions } from '../../../src/targets/sagemaker/options.js';
import { ARTIFACT, AWS, fakeAws, fastApply, ROLE } from './support/setup.js';

const RESOURCE = 'endpoint/churn/variant/AllTraffic|sagemaker:variant:DesiredInstanceCount';

function churn(options: Partial<RealtimeOptions> = {}) {
  return Model.fromS3(ARTIFACT, { framework: 'sklearn', frameworkVersion: '1.2-1' })
    .deployTo(SageMaker.realtime({ instanceType: 'ml.m5.large', role: ROLE, ...options }))
    .withName('churn')
    .withAws(AWS)
    .withAutoscaling({ min: 1, max: 4, targetInvocationsPerInstance: 200 });
}

describe('SageMaker.realtime with autoscaling', () => {
  it('registers the variant and its target-tracking policy once the endpoint is in service', async () => {
    const { sagemaker, scaling } = fakeAws();
    const plan = await churn().plan();
    const ids = plan.steps.map((s) => s.id);
    expect(ids.indexOf('scaling-target')).toBeGreaterThan(ids.indexOf('endpoint'));
    expect(plan.steps.find((s) => s.id === 'scaling-target')?.dependsOn).toContain('endpoint');
    await churn().deploy(fastApply());
    expect(scaling.targets.get(RESOURCE)?.target).toMatchObject({ MinCapacity: 1, MaxCapacity: 4 });
    expect([...(scaling.policies.get(RESOURCE)?.keys() ?? [])]).toEqual(['modelship-invocations']);
    expect(sagemaker.endpoints.get('churn')?.status).toBe('InService');
    // The same spec again: nothing changes, scaling included.
    expect((await churn().deploy(fastApply())).changed).toBe(false);
  });

  it('releases the variant before an update that changes its instance type, and registers it again after', async () => {
    const { scaling } = fakeAws();
    await churn().deploy(fastApply());
    const plan = await churn({ instanceType: 'ml.c5.xlarge' }).plan();
    const endpoint = plan.steps.find((s) => s.id === 'endpoint');
    expect(endpoint?.action).toBe('update');
    expect(endpoint?.dependsOn).toContain('scaling-release-AllTraffic');
    await churn({ instanceType: 'ml.c5.xlarge' }).deploy(fastApply());
    expect(scaling.log.filter((line) => /Register|Deregister/.test(line))).toEqual([
      expect.stringMatching(/^RegisterScalableTarget/),
      expect.stringMatching(/^DeregisterScalableTarget/),
      expect.stringMatching(/^RegisterScalableTarget/),
    ]);
    expect(scaling.targets.has(RESOURCE)).toBe(true);
  });

  it('removes scaling before the endpoint on destroy', async () => {
    const { sagemaker, scaling } = fakeAws();
    const deployment = await churn().deploy(fastApply());
    await deployment.destroy(fastApply());
    expect(scaling.targets.size).toBe(0);
    expect(sagemaker.resources()).toEqual([]);
  });

  it('refuses a maximum below the minimum before any AWS call', async () => {
    const { sagemaker, scaling } = fakeAws();
    const bad = Model.fromS3(ARTIFACT, { framework: 'sklearn', frameworkVersion: '1.2-1' })
      .deployTo(SageMaker.realtime({ instanceType: 'ml.m5.large', role: ROLE }))
      .withAws(AWS)
      .withAutoscaling({ min: 3, max: 2, targetInvocationsPerInstance: 100 });
    await expect(bad.plan()).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(sagemaker.stub.calls()).toHaveLength(0);
    expect(scaling.stub.calls()).toHaveLength(0);
  });
});

describe('SageMaker.serverless with autoscaling', () => {
  it('needs provisioned concurrency to scale, and says so before any call', async () => {
    const { sagemaker } = fakeAws();
    const serverless = Model.fromS3(ARTIFACT, { framework: 'sklearn', frameworkVersion: '1.2-1' })
      .deployTo(SageMaker.serverless({ memoryMb: 2048, maxConcurrency: 10, role: ROLE }))
      .withAws(AWS)
      .withAutoscaling({ provisionedConcurrency: { min: 1, max: 5 } });
    await expect(serverless.plan()).rejects.toThrow(/provisionedConcurrency/);
    expect(sagemaker.stub.calls()).toHaveLength(0);
  });
});
