import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { beforeEach, describe, expect, it } from 'vitest';
import { Model } from '../../../src/deploy/model.js';
import { ConflictError } from '../../../src/errors.js';
import { SageMaker } from '../../../src/targets/sagemaker/index.js';
import { mockAwsClient } from '../../support/aws-contract.js';
import { FakeIam } from './role/fake-iam.js';
import { ACCOUNT } from './support/fake-sagemaker.js';
import { ARTIFACT, AWS, CHALLENGER, fakeAws, fastApply } from './support/setup.js';

const sklearn = { framework: 'sklearn', frameworkVersion: '1.2-1' } as const;
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/modelship/modelship-churn`;

function churn(extra: object = {}) {
  return Model.fromS3(ARTIFACT, sklearn)
    .deployTo(SageMaker.realtime({ instanceType: 'ml.m5.large', createRole: { propagationWaitS: 0 }, ...extra }))
    .withName('churn')
    .withAws(AWS);
}

beforeEach(() => {
  mockAwsClient(STSClient)
    .on(GetCallerIdentityCommand)
    .resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/ci`, UserId: 'AIDAEXAMPLE' });
});

describe('createRole: a least-privilege execution role made for the deployment', () => {
  it('creates the role before the model, scoped to the artifact and the image, and the model runs as it', async () => {
    const { sagemaker } = fakeAws();
    const iam = new FakeIam();
    const plan = await churn().plan();
    expect(plan.steps.map((s) => [s.id, s.action])).toEqual([
      ['role', 'create'],
      ['model', 'create'],
      ['endpoint-config', 'create'],
      ['endpoint', 'create'],
    ]);
    await churn().deploy(fastApply());
    expect(iam.log.map((line) => line.split(' ')[0])).toEqual(['CreateRole', 'PutRolePolicy']);
    const [model] = [...sagemaker.models.values()];
    expect(model?.input.ExecutionRoleArn).toBe(ROLE_ARN);
    const policy = JSON.parse([...(iam.roles.get('modelship-churn')?.inline.values() ?? [])][0] ?? '{}');
    const resources = policy.Statement.flatMap((s: { Resource: string | string[] }) => [s.Resource].flat());
    expect(resources).toContain('arn:aws:s3:::ml-artifacts/churn/model.tar.gz');
    expect(resources).toContain('arn:aws:ecr:eu-west-1:141502667606:repository/sagemaker-scikit-learn');
  });

  it('covers every model of an A/B endpoint in one policy', async () => {
    fakeAws();
    const iam = new FakeIam();
    await churn({ variantName: 'a', variants: { b: { model: Model.fromS3(CHALLENGER, sklearn) } } }).deploy(
      fastApply(),
    );
    const policy = JSON.parse([...(iam.roles.get('modelship-churn')?.inline.values() ?? [])][0] ?? '{}');
    const read = policy.Statement.find((s: { Sid: string }) => s.Sid === 'ReadModelArtifact');
    expect(read.Resource).toEqual([
      'arn:aws:s3:::ml-artifacts/churn/model.tar.gz',
      'arn:aws:s3:::ml-artifacts/churn-v2/model.tar.gz',
    ]);
  });

  it('is kept by a second deploy and removed by destroy, after the endpoint and models', async () => {
    const { sagemaker } = fakeAws();
    const iam = new FakeIam();
    const deployment = await churn().deploy(fastApply());
    expect((await churn().deploy(fastApply())).changed).toBe(false);
    await deployment.destroy(fastApply());
    expect(sagemaker.resources()).toEqual([]);
    expect(iam.roles.has('modelship-churn')).toBe(false);
    expect(iam.log.at(-1)).toBe('DeleteRole modelship-churn');
  });

  it('removes the role it made when the endpoint fails', async () => {
    const { sagemaker } = fakeAws();
    sagemaker.behaviour.createOutcome = 'Failed';
    const iam = new FakeIam();
    await expect(churn().deploy(fastApply())).rejects.toThrow(/ping health check/);
    expect(iam.roles.size).toBe(0);
    expect(sagemaker.resources()).toEqual([]);
  });

  it('refuses a role of that name that another deployment (or a person) made', async () => {
    const { sagemaker } = fakeAws();
    const iam = new FakeIam();
    iam.seed('modelship-churn', { team: 'platform' });
    await expect(churn().plan()).rejects.toBeInstanceOf(ConflictError);
    expect(sagemaker.log).toEqual([]);
  });
});
