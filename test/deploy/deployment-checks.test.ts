import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { Model } from '../../src/deploy/model.js';
import { InvalidArgumentError } from '../../src/errors.js';
import { Local } from '../../src/targets/local/index.js';
import { SageMaker } from '../../src/targets/sagemaker/index.js';
import { ARTIFACT, AWS, fakeAws, fastApply, ROLE } from '../targets/sagemaker/support/setup.js';

const echo = new URL('../fixtures/handlers/model.mjs', import.meta.url).pathname;

describe('deployment.validate', () => {
  it('checks a deployed model against its gates and reports what passed', async () => {
    await using deployment = await Model.fromHandler(echo).deployTo(Local()).deploy();
    const samples = [
      { op: 'echo', value: 1 },
      { op: 'echo', value: 2 },
    ];
    const report = await deployment.validate({ samples, latency: { p99Ms: 2_000 } });
    expect(report.passed).toBe(true);
    expect(report.latency.samples).toBe(2);
    const strict = await deployment.validate({ samples, latency: { p99Ms: 0.000_001 } });
    expect(strict.passed).toBe(false);
    expect(strict.toText()).toMatch(/p99/);
  });
});

describe('deployment.metrics', () => {
  it('reads the endpoint’s CloudWatch metrics on SageMaker', async () => {
    const { cloudwatch } = fakeAws();
    const deployment = await Model.fromS3(ARTIFACT, { framework: 'sklearn', frameworkVersion: '1.2-1' })
      .deployTo(SageMaker.realtime({ instanceType: 'ml.m5.large', role: ROLE }))
      .withName('churn')
      .withAws(AWS)
      .deploy(fastApply());
    cloudwatch.metricPages = [{ MetricDataResults: [] }];
    const metrics = await deployment.metrics({ since: new Date(Date.now() - 3_600_000) });
    expect(metrics.invocations.values).toEqual([]);
    const query = cloudwatch.stub.commandCalls(GetMetricDataCommand)[0]?.args[0].input;
    expect(JSON.stringify(query?.MetricDataQueries)).toContain('"EndpointName","Value":"churn"');
  });

  it('says the Local target keeps none', async () => {
    await using deployment = await Model.fromHandler(echo).deployTo(Local()).deploy();
    await expect(deployment.metrics({ since: new Date() })).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});
