/**
 * `attach()` from a process that did not deploy: a CI job deployed the SageMaker endpoint with one builder; a new
 * builder of the same spec finds it by name and calls, watches and removes it through the handle.
 */
import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { describe, expect, it } from 'vitest';
import { Model } from '../../src/deploy/model.js';
import type { PlanStep } from '../../src/deploy/plan.js';
import { InvalidArgumentError, NotFoundError } from '../../src/errors.js';
import type { InvokeRequest, Transport } from '../../src/predict/transport.js';
import { SageMaker } from '../../src/targets/sagemaker/index.js';
import type { Target } from '../../src/targets/target.js';
import { FakeCloudWatchLogs } from '../monitor/support/fake-cloudwatch-logs.js';
import { mockAwsClient } from '../support/aws-contract.js';
import { ARTIFACT, AWS, fakeAws, fastApply, ROLE } from '../targets/sagemaker/support/setup.js';

/** The spec a CI job deploys and a later process attaches to: a new builder each time, as a new process makes. */
function churn() {
  return Model.fromS3(ARTIFACT, { framework: 'sklearn', frameworkVersion: '1.2-1' })
    .deployTo(SageMaker.realtime({ instanceType: 'ml.m5.large', role: ROLE }))
    .withName('churn')
    .withAws(AWS);
}

function fakeRuntime() {
  const runtime = mockAwsClient(SageMakerRuntimeClient);
  runtime.on(InvokeEndpointCommand).callsFake((input) => ({
    Body: new TextEncoder().encode(JSON.stringify({ endpoint: input.EndpointName, churn: 0.93 })),
    ContentType: 'application/json',
    InvokedProductionVariant: 'AllTraffic',
  }));
  return runtime;
}

describe('attach to a SageMaker endpoint deployed by another process', () => {
  it('predicts, reads metrics, logs and status, then destroys, through the handle', async () => {
    const { sagemaker, cloudwatch } = fakeAws();
    await churn().deploy(fastApply());
    const made = sagemaker.log.length;
    const runtime = fakeRuntime();
    const logs = new FakeCloudWatchLogs();

    const deployment = await churn().attach();

    expect(sagemaker.log).toHaveLength(made); // attaching changed nothing
    expect(deployment).toMatchObject({ name: 'churn', target: 'sagemaker-realtime', changed: false });
    expect(deployment.plan).toEqual({ name: 'churn', target: 'sagemaker-realtime', steps: [] });
    expect(deployment.outputs.get('endpoint')).toEqual({
      endpointName: 'churn',
      endpointArn: sagemaker.arn('endpoint', 'churn'),
      endpointConfigName: expect.stringMatching(/^churn-[0-9a-f]{10}$/),
    });

    expect(await deployment.predictor().predict([[1, 2]])).toEqual({ endpoint: 'churn', churn: 0.93 });
    expect(runtime.commandCalls(InvokeEndpointCommand)).toHaveLength(1);

    const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    cloudwatch.metricPages = [
      { MetricDataResults: [{ Id: 'invocations', StatusCode: 'Complete', Timestamps: [now], Values: [42] }] },
    ];
    const metrics = await deployment.metrics({ since: new Date(now.getTime() - 3_600_000), until: now });
    expect(metrics.invocations.values).toEqual([42]);

    logs.log('/aws/sagemaker/Endpoints/churn', 'AllTraffic/i-0abc', Date.now() - 60_000, 'loaded the model\n');
    const lines: string[] = [];
    for await (const event of deployment.logs()) lines.push(`${event.stream} ${event.message.trimEnd()}`);
    expect(lines).toEqual(['AllTraffic/i-0abc loaded the model']);
    expect(logs.requests()[0]).toMatchObject({
      logGroupName: '/aws/sagemaker/Endpoints/churn',
      logStreamNamePrefix: 'AllTraffic/',
    });

    expect(await deployment.status()).toMatchObject({ name: 'churn', deployed: true, healthy: true });

    await deployment.destroy(fastApply());
    expect(sagemaker.resources()).toEqual([]);
    expect(await churn().status()).toMatchObject({ deployed: false, state: 'NotDeployed' });
  });

  it('is not destroyed at the end of an `await using` scope: it was there before and stays', async () => {
    const { sagemaker } = fakeAws();
    await churn().deploy(fastApply());
    const before = sagemaker.resources();
    {
      await using deployment = await churn().attach();
      expect(deployment.name).toBe('churn');
    }
    expect(sagemaker.resources()).toEqual(before);
  });

  it('says to deploy first when nothing is deployed under the name, having changed nothing', async () => {
    const { sagemaker } = fakeAws();
    const error = await churn()
      .attach()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      code: 'NOT_FOUND',
      resource: { kind: 'sagemaker-realtime deployment', name: 'churn' },
      message: expect.stringMatching(/Nothing is deployed under the name "churn".*run deploy first/),
    });
    expect(sagemaker.log).toEqual([]);
  });
});

describe('attach, status and logs on a target that cannot', () => {
  /** A target with the required members only: it plans, destroys and serves, and knows nothing of other processes. */
  function bareTarget(): Target {
    const transport: Transport = {
      description: 'bare',
      maxRequestBytes: 1024,
      invoke: async (request: InvokeRequest) => ({
        body: request.body,
        contentType: 'application/json',
        invokedProductionVariant: undefined,
        customAttributes: undefined,
      }),
    };
    return {
      kind: 'bare',
      plan: async (spec): Promise<PlanStep[]> => [
        {
          id: 'thing',
          resource: { kind: 'Bare thing', name: spec.name },
          action: 'create',
          reason: 'makes it',
          apply: async () => ({ made: spec.name }),
        },
      ],
      destroyPlan: async () => [],
      transport: () => transport,
    };
  }
  const bare = () => Model.fromFile('/models/iris.onnx').deployTo(bareTarget()).withName('iris');

  it('refuses attach and status with a typed error that says why', async () => {
    const attach = await bare()
      .attach()
      .catch((e: unknown) => e);
    expect(attach).toBeInstanceOf(InvalidArgumentError);
    expect((attach as Error).message).toMatch(/bare target cannot attach .*\(it has no attach\(\)\)/);
    await expect(bare().status()).rejects.toThrow(/does not report a status/);
  });

  it('refuses logs at once when the target names no log group', async () => {
    const deployment = await bare().deploy();
    expect(() => deployment.logs()).toThrow(InvalidArgumentError);
    expect(() => deployment.logs()).toThrow(/bare target has no CloudWatch logs/);
    await expect(deployment.status()).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});
