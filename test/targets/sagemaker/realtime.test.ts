import { describe, expect, it } from 'vitest';
import { Model } from '../../../src/deploy/model.js';
import { ConflictError, DeploymentFailedError, InvalidArgumentError, NotFoundError } from '../../../src/errors.js';
import { SageMaker } from '../../../src/targets/sagemaker/index.js';
import type { RealtimeOptions } from '../../../src/targets/sagemaker/options.js';
import { ARTIFACT, AWS, fakeAws, fastApply, ROLE } from './support/setup.js';

const sklearn = { framework: 'sklearn', frameworkVersion: '1.2-1' } as const;

function churn(options: Partial<RealtimeOptions> = {}) {
  return Model.fromS3(ARTIFACT, sklearn)
    .deployTo(SageMaker.realtime({ instanceType: 'ml.m5.large', role: ROLE, ...options }))
    .withName('churn')
    .withTags({ team: 'ml' })
    .withAws(AWS);
}

describe('SageMaker.realtime: a new endpoint', () => {
  it('creates model, endpoint config and endpoint, waits until InService, and reports the status', async () => {
    const { sagemaker } = fakeAws();
    const options = fastApply();
    const deployment = await churn({ instanceCount: 2 }).deploy(options);

    expect(sagemaker.log.map((line) => line.split(' ')[0])).toEqual([
      'CreateModel',
      'CreateEndpointConfig',
      'CreateEndpoint',
    ]);
    const [model] = [...sagemaker.models.values()];
    expect(model?.input.PrimaryContainer).toEqual({
      Image: '141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3',
      ModelDataUrl: ARTIFACT,
    });
    expect(model?.input.ExecutionRoleArn).toBe(ROLE);
    const [config] = [...sagemaker.configs.values()];
    expect(config?.input.ProductionVariants).toEqual([
      expect.objectContaining({ VariantName: 'AllTraffic', InstanceType: 'ml.m5.large', InitialInstanceCount: 2 }),
    ]);
    const tags = Object.fromEntries((config?.input.Tags ?? []).map((t) => [t.Key, t.Value]));
    expect(tags).toMatchObject({
      team: 'ml',
      'modelship:deployment': 'churn',
      'modelship:target': 'sagemaker-realtime',
    });
    expect(sagemaker.resources()).toContainEqual(expect.stringMatching(/^endpoint churn -> churn-[0-9a-f]{10}$/));

    const waiting = options.events
      .filter((e) => e.type === 'step-waiting')
      .map((e) => (e as { status: string }).status);
    expect(waiting).toContain('Creating');
    expect(deployment.outputs.get('endpoint')).toMatchObject({ endpointName: 'churn' });
  });

  it('shows every resource and an hourly cost estimate in the plan, and plans with reads only', async () => {
    const { sagemaker, artifact } = fakeAws();
    artifact.region = 'us-east-1'; // where the price table has figures
    const plan = await churn({ instanceCount: 2 })
      .withAws({ ...AWS, region: 'us-east-1' })
      .plan();
    expect(plan.steps.map((s) => [s.id, s.action])).toEqual([
      ['model', 'create'],
      ['endpoint-config', 'create'],
      ['endpoint', 'create'],
    ]);
    expect(plan.steps[2]?.hourlyCostUsd).toBeGreaterThan(0);
    expect(sagemaker.log).toEqual([]);
  });

  it('changes nothing when the same spec is deployed again', async () => {
    const { sagemaker } = fakeAws();
    await churn().deploy(fastApply());
    const before = sagemaker.log.length;
    const again = await churn().deploy(fastApply());
    expect(again.changed).toBe(false);
    expect(sagemaker.log.length).toBe(before);
  });

  it('removes what it made when the endpoint fails, and says why and where the logs are', async () => {
    const { sagemaker } = fakeAws();
    sagemaker.behaviour.createOutcome = 'Failed';
    const error = await churn()
      .deploy(fastApply())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeploymentFailedError);
    const message = (error as Error).message;
    expect(message).toContain('did not pass the ping health check');
    expect(message).toContain('/aws/sagemaker/Endpoints/churn');
    expect(sagemaker.resources()).toEqual([]);
    expect(sagemaker.log.slice(-3).map((l) => l.split(' ')[0])).toEqual([
      'DeleteEndpoint',
      'DeleteEndpointConfig',
      'DeleteModel',
    ]);
  });
});

describe('SageMaker.realtime: updating a live endpoint', () => {
  it('moves the endpoint to a new config blue/green with the rollout asked for, then retires the old one', async () => {
    const { sagemaker } = fakeAws();
    await churn().deploy(fastApply());
    const [oldModel] = [...sagemaker.models.keys()];
    const [oldConfig] = [...sagemaker.configs.keys()];

    const update = churn({
      instanceType: 'ml.c5.xlarge',
      update: {
        traffic: { type: 'canary', percent: 10, waitS: 300 },
        rollbackAlarms: ['churn-errors'],
        terminationWaitS: 120,
      },
    });
    const plan = await update.plan();
    expect(plan.steps.map((s) => [s.id, s.action])).toEqual([
      ['model', 'none'],
      ['endpoint-config', 'create'],
      ['endpoint', 'update'],
      ['retire-previous', 'delete'],
    ]);
    await update.deploy(fastApply());

    const call = sagemaker.stub.commandCalls((await import('@aws-sdk/client-sagemaker')).UpdateEndpointCommand)[0]
      ?.args[0].input;
    expect(call?.DeploymentConfig).toEqual({
      BlueGreenUpdatePolicy: {
        TrafficRoutingConfiguration: {
          Type: 'CANARY',
          WaitIntervalInSeconds: 300,
          CanarySize: { Type: 'CAPACITY_PERCENT', Value: 10 },
        },
        TerminationWaitInSeconds: 120,
      },
      AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'churn-errors' }] },
    });
    // The model did not change (same image, artifact, role): it is kept; the old config is gone.
    expect([...sagemaker.models.keys()]).toEqual([oldModel]);
    expect(sagemaker.configs.has(oldConfig as string)).toBe(false);
    expect(sagemaker.endpoints.get('churn')?.config).not.toBe(oldConfig);
  });

  it('keeps the old config serving when the update is rolled back, and removes only what this run made', async () => {
    const { sagemaker, artifact } = fakeAws();
    await churn().deploy(fastApply());
    const before = sagemaker.resources();
    artifact.etag = '"etag-2"'; // a new artifact at the same URI makes a new model
    sagemaker.behaviour.updateOutcome = 'rolled-back';

    const error = await churn()
      .deploy(fastApply())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeploymentFailedError);
    expect((error as Error).message).toMatch(
      /rolled back: it still serves churn-[0-9a-f]{10}, because Alarm churn-errors fired/,
    );
    expect(sagemaker.resources()).toEqual(before);
  });

  it('refuses an endpoint another deployment (or a person) made, before any change', async () => {
    const { sagemaker } = fakeAws();
    await churn().deploy(fastApply());
    const log = sagemaker.log.length;
    const other = Model.fromS3(ARTIFACT, sklearn)
      .deployTo(SageMaker.realtime({ instanceType: 'ml.m5.large', role: ROLE, endpointName: 'churn' }))
      .withName('fraud')
      .withAws(AWS);
    await expect(other.deploy(fastApply())).rejects.toBeInstanceOf(ConflictError);
    expect(sagemaker.log.length).toBe(log);
  });

  it('refuses an endpoint that is still updating, as a retryable conflict', async () => {
    const { sagemaker } = fakeAws();
    await churn().deploy(fastApply());
    const endpoint = sagemaker.endpoints.get('churn');
    if (endpoint) Object.assign(endpoint, { status: 'Updating', pending: 5 });
    const error = await churn({ instanceCount: 3 })
      .plan()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).retryable).toBe(true);
  });
});

describe('SageMaker.realtime: teardown', () => {
  it('deletes endpoint, config and model, waits until they are gone, and is safe to run twice', async () => {
    const { sagemaker } = fakeAws();
    const deployment = await churn().deploy(fastApply());
    await deployment.destroy(fastApply());
    expect(sagemaker.resources()).toEqual([]);
    await deployment.destroy(fastApply());
    // A new process finds nothing to do either.
    const plan = await churn().plan();
    expect(plan.steps.find((s) => s.id === 'endpoint')?.action).toBe('create');
  });
});

describe('SageMaker.realtime: bad input is refused before any AWS call', () => {
  it.each([
    [
      'instance count 0',
      () => SageMaker.realtime({ instanceType: 'ml.m5.large', instanceCount: 0, role: ROLE }),
      'instanceCount',
    ],
    ['a bad instance type', () => SageMaker.realtime({ instanceType: 'm5.large', role: ROLE }), 'instanceType'],
    [
      'a role that is not an ARN',
      () => SageMaker.realtime({ instanceType: 'ml.m5.large', role: 'SageMakerRole' }),
      'role',
    ],
    ['no role', () => SageMaker.realtime({ instanceType: 'ml.m5.large' }), 'role'],
    [
      'a bad endpoint name',
      () => SageMaker.realtime({ instanceType: 'ml.m5.large', role: ROLE, endpointName: 'churn_v2' }),
      'endpointName',
    ],
    [
      'a volume on NVMe instances',
      () => SageMaker.realtime({ instanceType: 'ml.g5.xlarge', volumeSizeGb: 50, role: ROLE }),
      'volumeSizeGb',
    ],
    [
      'a canary with two sizes',
      () =>
        SageMaker.realtime({
          instanceType: 'ml.m5.large',
          role: ROLE,
          update: { traffic: { type: 'canary', percent: 10, instances: 1, waitS: 60 } },
        }),
      'update.traffic',
    ],
  ])('%s', (_name, make, argument) => {
    const error = (() => {
      try {
        make();
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe(argument);
  });

  it('an unknown framework version lists the supported ones', async () => {
    const { sagemaker, s3 } = fakeAws();
    const plan = Model.fromS3(ARTIFACT, { framework: 'sklearn', frameworkVersion: '0.1' })
      .deployTo(SageMaker.realtime({ instanceType: 'ml.m5.large', role: ROLE }))
      .withAws(AWS)
      .plan();
    await expect(plan).rejects.toThrow(/1\.2-1/);
    expect(sagemaker.stub.calls()).toHaveLength(0);
    expect(s3.calls()).toHaveLength(0);
  });

  it('an artifact in another region names both regions; a missing one names the URI', async () => {
    const { artifact, sagemaker } = fakeAws();
    artifact.region = 'us-east-1';
    await expect(churn().plan()).rejects.toThrow(/us-east-1.*eu-west-1/);
    artifact.region = 'eu-west-1';
    const missing = Model.fromS3('s3://ml-artifacts/fraud/model.tar.gz', sklearn)
      .deployTo(SageMaker.realtime({ instanceType: 'ml.m5.large', role: ROLE }))
      .withAws(AWS);
    await expect(missing.plan()).rejects.toBeInstanceOf(NotFoundError);
    expect(sagemaker.log).toEqual([]);
  });
});

describe('SageMaker.realtime: teardown from another process', () => {
  it('removes a deployment found by name, with the builder alone', async () => {
    const { sagemaker } = fakeAws();
    await churn().deploy(fastApply());
    await churn().destroy(fastApply());
    expect(sagemaker.resources()).toEqual([]);
    await churn().destroy(fastApply()); // nothing left: nothing to do
  });
});

describe('SageMaker.realtime: network and encryption', () => {
  it('puts the model in the VPC, isolates it, encrypts volumes and captures data as asked', async () => {
    const { sagemaker } = fakeAws();
    const key = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    await churn({
      vpc: { subnets: ['subnet-0a1b2c3d'], securityGroupIds: ['sg-0a1b2c3d'] },
      networkIsolation: true,
      kmsKeyId: key,
      dataCapture: { destination: 's3://ml-artifacts/capture', samplingPercent: 20, capture: 'input' },
    }).deploy(fastApply());
    const [model] = [...sagemaker.models.values()];
    expect(model?.input.VpcConfig).toEqual({ Subnets: ['subnet-0a1b2c3d'], SecurityGroupIds: ['sg-0a1b2c3d'] });
    expect(model?.input.EnableNetworkIsolation).toBe(true);
    const [config] = [...sagemaker.configs.values()];
    expect(config?.input.KmsKeyId).toBe(key);
    expect(config?.input.DataCaptureConfig).toEqual({
      EnableCapture: true,
      InitialSamplingPercentage: 20,
      DestinationS3Uri: 's3://ml-artifacts/capture',
      KmsKeyId: key,
      CaptureOptions: [{ CaptureMode: 'Input' }],
    });
  });

  it('leaves the volume key out for instance types with local NVMe storage, which encrypt it themselves', async () => {
    const { sagemaker } = fakeAws();
    await Model.fromS3(ARTIFACT, { framework: 'pytorch', frameworkVersion: '2.1.0', pyVersion: 'py310' })
      .deployTo(SageMaker.realtime({ instanceType: 'ml.g5.xlarge', kmsKeyId: 'alias/ml', role: ROLE }))
      .withAws(AWS)
      .deploy(fastApply());
    const [config] = [...sagemaker.configs.values()];
    expect(config?.input.KmsKeyId).toBeUndefined();
  });
});
