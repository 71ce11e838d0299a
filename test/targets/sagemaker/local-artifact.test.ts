import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsContext } from '../../../src/aws/context.js';
import { Model } from '../../../src/deploy/model.js';
import { DeploymentFailedError, InvalidArgumentError } from '../../../src/errors.js';
import { Registry } from '../../../src/registry/registry.js';
import { SageMaker } from '../../../src/targets/sagemaker/index.js';
import { mockAwsClient } from '../../support/aws-contract.js';
import { type S3Server, startS3Server } from '../../support/s3-server.js';
import { ACCOUNT, REGION } from './support/fake-sagemaker.js';
import { fakeServices, fastApply, ROLE } from './support/setup.js';

// A real S3-compatible server on loopback for the artifact, the fake SageMaker for the rest.
let s3: S3Server;
let folder: string;

beforeAll(async () => {
  s3 = await startS3Server({ buckets: ['ml-artifacts'], region: REGION });
  folder = await mkdtemp(join(tmpdir(), 'modelship-churn-'));
  await writeFile(join(folder, 'model.joblib'), 'not really a model, but bytes to ship');
  await mkdir(join(folder, 'code'));
  await writeFile(join(folder, 'code', 'inference.py'), 'def model_fn(model_dir):\n    return None\n');
});

afterAll(async () => {
  await s3?.close();
  await rm(folder, { recursive: true, force: true });
  await rm(`${folder}-registry`, { recursive: true, force: true });
});

function aws(): AwsContext {
  return new AwsContext({
    region: REGION,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
    clients: [s3.client],
  });
}

function churn(options: { artifactBucket?: string } = { artifactBucket: 'ml-artifacts' }) {
  return Model.fromDirectory(folder, { framework: 'sklearn', frameworkVersion: '1.2-1' })
    .deployTo(SageMaker.realtime({ instanceType: 'ml.m5.large', role: ROLE, ...options }))
    .withName('churn')
    .withAws(aws());
}

describe('SageMaker from a local folder', () => {
  it('packages and uploads model.tar.gz, then serves it with the inference script', async () => {
    const { sagemaker } = fakeServices();
    const plan = await churn().plan();
    expect(plan.steps.map((s) => [s.id, s.action])).toEqual([
      ['artifact-bucket', 'none'],
      ['upload-artifact', 'create'],
      ['model', 'create'],
      ['endpoint-config', 'create'],
      ['endpoint', 'create'],
    ]);
    const options = fastApply();
    await churn().deploy(options);
    const progress = options.events.filter((e) => e.type === 'step-progress' && e.step.id === 'upload-artifact');
    expect(progress.at(-1)).toMatchObject({ status: expect.stringMatching(/^(\d+\.\d) of \1 MB uploaded$/) });
    const [model] = [...sagemaker.models.values()];
    const url = model?.input.PrimaryContainer?.ModelDataUrl ?? '';
    expect(url).toMatch(/^s3:\/\/ml-artifacts\/modelship\/churn\/[0-9a-f]{64}\/model\.tar\.gz$/);
    expect(model?.input.PrimaryContainer?.Environment).toEqual({
      SAGEMAKER_PROGRAM: 'inference.py',
      SAGEMAKER_SUBMIT_DIRECTORY: '/opt/ml/model/code',
    });
    const key = url.slice('s3://ml-artifacts/'.length);
    const head = await s3.client.send(new HeadObjectCommand({ Bucket: 'ml-artifacts', Key: key }));
    expect(head.Metadata?.['modelship-sha256']).toBe(key.split('/')[2]);
  });

  it('uploads nothing and changes nothing the second time', async () => {
    fakeServices();
    await churn().deploy(fastApply());
    s3.sent.length = 0;
    const again = await churn().deploy(fastApply());
    expect(again.changed).toBe(false);
    expect(s3.sent.filter((name) => /Upload|PutObject/.test(name))).toEqual([]);
  });

  it('removes the artifact it uploaded when the endpoint fails', async () => {
    const { sagemaker } = fakeServices();
    sagemaker.behaviour.createOutcome = 'Failed';
    await writeFile(join(folder, 'model.joblib'), 'a second version of the bytes');
    const plan = await churn().plan();
    const uri = plan.steps.find((s) => s.id === 'upload-artifact')?.resource.name ?? '';
    await expect(churn().deploy(fastApply())).rejects.toBeInstanceOf(DeploymentFailedError);
    const key = uri.slice('s3://ml-artifacts/'.length);
    await expect(s3.client.send(new HeadObjectCommand({ Bucket: 'ml-artifacts', Key: key }))).rejects.toThrow();
    expect(sagemaker.resources()).toEqual([]);
  });

  it('plans the default bucket modelship-<account>-<region> when no bucket is named', async () => {
    fakeServices();
    const sts = mockAwsClient(STSClient);
    sts
      .on(GetCallerIdentityCommand)
      .resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/ci`, UserId: 'AIDA' });
    const plan = await churn({}).plan();
    expect(plan.steps[0]).toMatchObject({
      id: 'artifact-bucket',
      action: 'create',
      resource: { name: `modelship-${ACCOUNT}-${REGION}` },
    });
  });

  it('refuses a folder without a framework before any AWS call', async () => {
    const { sagemaker } = fakeServices();
    const builder = Model.fromDirectory(folder)
      .deployTo(SageMaker.realtime({ instanceType: 'ml.m5.large', role: ROLE, artifactBucket: 'ml-artifacts' }))
      .withAws(aws());
    await expect(builder.plan()).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(sagemaker.stub.calls()).toHaveLength(0);
  });
});

describe('SageMaker from a registry version', () => {
  it('deploys the registered archive and tags what it makes with the version', async () => {
    const { sagemaker } = fakeServices();
    const registry = Registry.local(`${folder}-registry`);
    await registry.register(Model.fromDirectory(folder, { framework: 'sklearn', frameworkVersion: '1.2-1' }), {
      name: 'churn',
    });
    await registry.setAlias('churn', 'production', '1');
    const model = await Model.fromRegistry(registry, 'churn@production');
    await model
      .deployTo(SageMaker.realtime({ instanceType: 'ml.m5.large', role: ROLE, artifactBucket: 'ml-artifacts' }))
      .withAws(aws())
      .deploy(fastApply());
    const [created] = [...sagemaker.models.values()];
    const tags = Object.fromEntries((created?.input.Tags ?? []).map((t) => [t.Key, t.Value]));
    expect(tags).toMatchObject({ 'modelship:deployment': 'churn', 'modelship:model-version': 'churn:1' });
    expect(created?.input.PrimaryContainer?.ModelDataUrl).toMatch(/^s3:\/\/ml-artifacts\/modelship\/churn\//);
  });
});
