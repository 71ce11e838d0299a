import { DescribeEndpointCommand, ListTagsCommand } from '@aws-sdk/client-sagemaker';
import { describe, expect, it } from 'vitest';
import { Model } from '../../../src/deploy/model.js';
import { ConflictError } from '../../../src/errors.js';
import { SageMaker } from '../../../src/targets/sagemaker/index.js';
import type { RealtimeOptions } from '../../../src/targets/sagemaker/options.js';
import { ARTIFACT, AWS, fakeAws, fastApply, ROLE } from './support/setup.js';

const sklearn = { framework: 'sklearn', frameworkVersion: '1.2-1' } as const;

function churn(options: Partial<RealtimeOptions> = {}, name = 'churn') {
  return Model.fromS3(ARTIFACT, sklearn)
    .deployTo(SageMaker.realtime({ instanceType: 'ml.m5.large', role: ROLE, ...options }))
    .withName(name)
    .withAws(AWS);
}

describe('SageMaker status', () => {
  it('says NotDeployed when there is no endpoint of the name, after one DescribeEndpoint', async () => {
    const { sagemaker } = fakeAws();
    const status = await churn().status();
    expect(status).toEqual({
      name: 'churn',
      target: 'sagemaker-realtime',
      deployed: false,
      state: 'NotDeployed',
      healthy: false,
      resources: [],
    });
    expect(sagemaker.stub.calls().map((call) => call.args[0].constructor.name)).toEqual(['DescribeEndpointCommand']);
  });

  it('reports an endpoint deployed by another process: InService, its variant’s instances, read-only', async () => {
    const { sagemaker } = fakeAws();
    await churn({ instanceCount: 2 }).deploy(fastApply());
    const mutations = sagemaker.log.length;

    const status = await churn({ instanceCount: 2 }).status();

    expect(status).toMatchObject({ name: 'churn', deployed: true, state: 'InService', healthy: true });
    expect(status.updatedAt).toBeInstanceOf(Date);
    expect(status.modelVersion).toBeUndefined();
    const [endpoint, variant] = status.resources;
    expect(endpoint).toMatchObject({
      kind: 'SageMaker endpoint',
      name: 'churn',
      arn: sagemaker.arn('endpoint', 'churn'),
      status: 'InService',
      detail: expect.stringMatching(/^serves endpoint config churn-[0-9a-f]{10}$/),
    });
    expect(variant).toMatchObject({ kind: 'SageMaker production variant', name: 'AllTraffic' });
    expect(variant?.detail).toContain('ml.m5.large');
    expect(sagemaker.log).toHaveLength(mutations);
  });

  it('shows an update in progress: counts current and desired, the variant’s activity, why it failed before', async () => {
    const { sagemaker } = fakeAws();
    await churn().deploy(fastApply());
    const configName = [...sagemaker.configs.keys()][0];
    sagemaker.stub.on(DescribeEndpointCommand).resolves({
      EndpointName: 'churn',
      EndpointArn: sagemaker.arn('endpoint', 'churn'),
      EndpointConfigName: configName,
      EndpointStatus: 'Updating',
      FailureReason: 'The earlier update was rolled back: alarm churn-errors fired.',
      CreationTime: new Date(0),
      LastModifiedTime: new Date('2026-11-25T10:00:00Z'),
      PendingDeploymentSummary: { EndpointConfigName: 'churn-next', StartTime: new Date(0) },
      ProductionVariants: [
        {
          VariantName: 'AllTraffic',
          CurrentWeight: 1,
          CurrentInstanceCount: 2,
          DesiredInstanceCount: 3,
          VariantStatus: [{ Status: 'Updating', StartTime: new Date(0) }],
        },
      ],
    });

    const status = await churn().status();

    expect(status).toMatchObject({
      deployed: true,
      state: 'Updating',
      healthy: false,
      failureReason: 'The earlier update was rolled back: alarm churn-errors fired.',
      updatedAt: new Date('2026-11-25T10:00:00Z'),
    });
    expect(status.resources[0]?.detail).toBe(`serves endpoint config ${configName}; moving to churn-next`);
    expect(status.resources[1]).toEqual({
      kind: 'SageMaker production variant',
      name: 'AllTraffic',
      status: 'Updating',
      detail: '2 × ml.m5.large (desired 3), weight 1',
    });
  });

  it('shows a serverless variant’s memory and concurrency', async () => {
    const { sagemaker } = fakeAws();
    const fraud = Model.fromS3(ARTIFACT, { framework: 'xgboost', frameworkVersion: '1.7-1' })
      .deployTo(SageMaker.serverless({ memoryMb: 2048, maxConcurrency: 5, role: ROLE }))
      .withName('fraud')
      .withAws(AWS);
    await fraud.deploy(fastApply());
    sagemaker.stub.on(DescribeEndpointCommand).resolves({
      EndpointName: 'fraud',
      EndpointArn: sagemaker.arn('endpoint', 'fraud'),
      EndpointConfigName: [...sagemaker.configs.keys()][0],
      EndpointStatus: 'InService',
      CreationTime: new Date(0),
      LastModifiedTime: new Date(0),
      ProductionVariants: [
        {
          VariantName: 'AllTraffic',
          CurrentServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 },
          DesiredServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 },
        },
      ],
    });
    const status = await fraud.status();
    expect(status.target).toBe('sagemaker-serverless');
    expect(status.resources[1]?.detail).toBe('serverless, 2048 MB, max concurrency 5');
  });

  it('reads the served version from the tag of the endpoint config it serves, over the endpoint’s own', async () => {
    const { sagemaker } = fakeAws();
    await churn().deploy(fastApply());
    // The endpoint keeps the tags of its creation (version 2); the config it serves now was made for version 3.
    sagemaker.endpoints.get('churn')?.tags.push({ Key: 'modelship:model-version', Value: 'churn:2' });
    const config = [...sagemaker.configs.values()][0];
    config?.input.Tags?.push({ Key: 'modelship:model-version', Value: 'churn:3' });

    expect((await churn().status()).modelVersion).toBe('churn:3');
    const arns = sagemaker.stub.commandCalls(ListTagsCommand).map((call) => call.args[0].input.ResourceArn);
    expect(arns.slice(-2)).toEqual([
      sagemaker.arn('endpoint', 'churn'),
      sagemaker.arn('endpoint-config', config?.input.EndpointConfigName ?? ''),
    ]);
  });

  it('refuses, as a conflict, an endpoint of that name made by another deployment', async () => {
    const { sagemaker } = fakeAws();
    await churn().deploy(fastApply());
    const other = churn({ endpointName: 'churn' }, 'churn-canary');
    const error = await other.status().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toMatch(/was not made by the modelship deployment "churn-canary"/);
    await expect(other.attach()).rejects.toBeInstanceOf(ConflictError);
    expect(sagemaker.resources()).toContainEqual(expect.stringMatching(/^endpoint churn -> /));
  });
});
