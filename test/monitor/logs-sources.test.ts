/**
 * Which CloudWatch logs `deployment.logs()` reads on each target: the log group its service writes to, and on
 * SageMaker the streams of the deployment's own variant, or of every variant when the endpoint serves several.
 */
import { describe, expect, it } from 'vitest';
import { Model } from '../../src/deploy/model.js';
import { SageMaker } from '../../src/targets/sagemaker/index.js';
import { ARTIFACT, AWS, CHALLENGER, fakeAws, fastApply, ROLE } from '../targets/sagemaker/support/setup.js';
import { FakeCloudWatchLogs } from './support/fake-cloudwatch-logs.js';

const sklearn = { framework: 'sklearn', frameworkVersion: '1.2-1' } as const;

async function firstRequest(read: AsyncIterable<unknown>, logs: FakeCloudWatchLogs) {
  for await (const _ of read) break;
  return logs.requests()[0];
}

describe('the logs a SageMaker deployment reads', () => {
  it('are those of its own variant on an endpoint of one variant', async () => {
    fakeAws();
    const logs = new FakeCloudWatchLogs();
    const deployment = await Model.fromS3(ARTIFACT, sklearn)
      .deployTo(SageMaker.realtime({ instanceType: 'ml.m5.large', role: ROLE, variantName: 'blue' }))
      .withName('churn')
      .withAws(AWS)
      .deploy(fastApply());
    expect(await firstRequest(deployment.logs(), logs)).toMatchObject({
      logGroupName: '/aws/sagemaker/Endpoints/churn',
      logStreamNamePrefix: 'blue/',
    });
  });

  it('are every variant’s on an A/B endpoint, and a custom endpoint name names the group', async () => {
    fakeAws();
    const logs = new FakeCloudWatchLogs();
    const deployment = await Model.fromS3(ARTIFACT, sklearn)
      .deployTo(
        SageMaker.realtime({
          instanceType: 'ml.m5.large',
          role: ROLE,
          endpointName: 'churn-ab',
          variantName: 'a',
          variants: { b: { model: Model.fromS3(CHALLENGER, sklearn), instanceType: 'ml.c5.xlarge' } },
        }),
      )
      .withName('churn')
      .withTraffic({ a: 90, b: 10 })
      .withAws(AWS)
      .deploy(fastApply());
    const request = await firstRequest(deployment.logs(), logs);
    expect(request?.logGroupName).toBe('/aws/sagemaker/Endpoints/churn-ab');
    expect(request?.logStreamNamePrefix).toBeUndefined();
  });
});
