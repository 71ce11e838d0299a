import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../../src/errors.js';
import { type ExecutionRoleInput, executionRolePolicies } from '../../../../src/targets/sagemaker/role/policy.js';
import type { PolicyStatement } from '../../../../src/targets/sagemaker/role/policy-document.js';

const ACCOUNT = '123456789012';
const KEY = '1234abcd-12ab-34cd-56ef-1234567890ab';
const LOGS = `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/sagemaker/Endpoints/churn`;

/** A scikit-learn model from S3 on its AWS Deep Learning Container, in eu-west-1. */
const SKLEARN: ExecutionRoleInput = {
  partition: 'aws',
  region: 'eu-west-1',
  accountId: ACCOUNT,
  endpointName: 'churn',
  image: '141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3',
  modelDataUrl: 's3://ml-artifacts/churn/model.tar.gz',
};

function statement(input: ExecutionRoleInput, sid: string): PolicyStatement | undefined {
  return executionRolePolicies(input).permissions.Statement.find((s) => s.Sid === sid);
}

describe('executionRolePolicies: trust', () => {
  it('lets only SageMaker assume the role, for requests from this account', () => {
    expect(executionRolePolicies(SKLEARN).trust).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'SageMakerAssumesRole',
          Effect: 'Allow',
          Principal: { Service: 'sagemaker.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
        },
      ],
    });
  });
});

describe('executionRolePolicies: permissions', () => {
  it('grants an S3 model on a Deep Learning Container exactly its object, its repository and its log group', () => {
    expect(executionRolePolicies(SKLEARN).permissions).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ReadModelArtifact',
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::ml-artifacts/churn/model.tar.gz',
        },
        {
          Sid: 'PullServingImage',
          Effect: 'Allow',
          Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'],
          Resource: 'arn:aws:ecr:eu-west-1:141502667606:repository/sagemaker-scikit-learn',
        },
        { Sid: 'EcrLogin', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
        {
          Sid: 'WriteEndpointLogs',
          Effect: 'Allow',
          Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          Resource: [LOGS, `${LOGS}:*`],
        },
      ],
    });
  });

  it('reads no S3 object for an image that carries its model, and keeps nested repository names and digests', () => {
    const digest = 'a'.repeat(64);
    const { permissions } = executionRolePolicies({
      ...SKLEARN,
      modelDataUrl: undefined,
      image: `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/team/churn-server@sha256:${digest}`,
    });
    expect(permissions.Statement.map((s) => s.Sid)).toEqual(['PullServingImage', 'EcrLogin', 'WriteEndpointLogs']);
    expect(permissions.Statement[0]?.Resource).toBe(`arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/team/churn-server`);
  });

  it('decrypts with exactly the key a key ARN or key id names', () => {
    const arn = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${KEY}`;
    const expected = { Sid: 'UseKmsKey', Effect: 'Allow', Action: 'kms:Decrypt', Resource: arn };
    expect(statement({ ...SKLEARN, kmsKeyId: arn }, 'UseKmsKey')).toEqual(expected);
    expect(statement({ ...SKLEARN, kmsKeyId: KEY }, 'UseKmsKey')).toEqual(expected);
  });

  it('admits the key behind an alias through kms:ResourceAliases, as an alias in Resource would not', () => {
    const expected = {
      Sid: 'UseKmsKeyByAlias',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/*`,
      Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/ml-models' } },
    };
    expect(statement({ ...SKLEARN, kmsKeyId: 'alias/ml-models' }, 'UseKmsKeyByAlias')).toEqual(expected);
    const aliasArn = `arn:aws:kms:us-east-1:${ACCOUNT}:alias/ml-models`;
    expect(statement({ ...SKLEARN, kmsKeyId: aliasArn }, 'UseKmsKeyByAlias')).toEqual({
      ...expected,
      Resource: `arn:aws:kms:us-east-1:${ACCOUNT}:key/*`,
    });
  });

  it('lets SageMaker manage network interfaces only in the given subnets, and describe the network', () => {
    const vpc = { subnets: ['subnet-0a1', 'subnet-0b2'], securityGroupIds: ['sg-0c3'] };
    const ec2 = `arn:aws:ec2:eu-west-1:${ACCOUNT}`;
    const subnets = [`${ec2}:subnet/subnet-0a1`, `${ec2}:subnet/subnet-0b2`];
    const vpcStatements = executionRolePolicies({ ...SKLEARN, vpc }).permissions.Statement.slice(4);
    expect(vpcStatements).toEqual([
      {
        Sid: 'CreateNetworkInterfacesInSubnets',
        Effect: 'Allow',
        Action: 'ec2:CreateNetworkInterface',
        Resource: [...subnets, `${ec2}:security-group/sg-0c3`],
      },
      {
        Sid: 'ManageNetworkInterfacesInSubnets',
        Effect: 'Allow',
        Action: [
          'ec2:CreateNetworkInterface',
          'ec2:CreateNetworkInterfacePermission',
          'ec2:DeleteNetworkInterface',
          'ec2:DeleteNetworkInterfacePermission',
        ],
        Resource: `${ec2}:network-interface/*`,
        Condition: { StringEquals: { 'ec2:Subnet': subnets } },
      },
      {
        Sid: 'DescribeNetwork',
        Effect: 'Allow',
        Action: [
          'ec2:DescribeNetworkInterfaces',
          'ec2:DescribeVpcs',
          'ec2:DescribeDhcpOptions',
          'ec2:DescribeSubnets',
          'ec2:DescribeSecurityGroups',
        ],
        Resource: '*',
      },
    ]);
  });

  it('writes captured data under its prefix, and generates data keys with the KMS key for it', () => {
    const input = { ...SKLEARN, kmsKeyId: KEY, dataCaptureDestination: 's3://ml-capture/churn/' };
    expect(statement(input, 'WriteCapturedData')).toEqual({
      Sid: 'WriteCapturedData',
      Effect: 'Allow',
      Action: 's3:PutObject',
      Resource: 'arn:aws:s3:::ml-capture/churn/*',
    });
    expect(statement(input, 'UseKmsKey')?.Action).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    const bucketOnly = { ...SKLEARN, dataCaptureDestination: 's3://ml-capture' };
    expect(statement(bucketOnly, 'WriteCapturedData')?.Resource).toBe('arn:aws:s3:::ml-capture/*');
    expect(statement(bucketOnly, 'UseKmsKey')).toBeUndefined();
  });

  it('names every resource in the China partition for a China endpoint and image', () => {
    const { permissions } = executionRolePolicies({
      ...SKLEARN,
      partition: 'aws-cn',
      region: 'cn-north-1',
      image: '450853457545.dkr.ecr.cn-north-1.amazonaws.com.cn/sagemaker-scikit-learn:1.2-1-cpu-py3',
      kmsKeyId: 'alias/ml-models',
      vpc: { subnets: ['subnet-0a1'], securityGroupIds: ['sg-0c3'] },
      dataCaptureDestination: 's3://ml-capture/churn',
    });
    const resources = permissions.Statement.flatMap((s) => [s.Resource ?? []].flat()).filter((r) => r !== '*');
    expect(resources.length).toBeGreaterThan(6);
    for (const resource of resources) expect(resource).toMatch(/^arn:aws-cn:/);
    expect(permissions.Statement[1]?.Resource).toBe(
      'arn:aws-cn:ecr:cn-north-1:450853457545:repository/sagemaker-scikit-learn',
    );
    expect(permissions.Statement[0]?.Resource).toBe('arn:aws-cn:s3:::ml-artifacts/churn/model.tar.gz');
  });
});

describe('executionRolePolicies: least privilege', () => {
  // Everything switched on, so every statement the module can write is looked at.
  const everything: ExecutionRoleInput = {
    ...SKLEARN,
    kmsKeyId: 'alias/ml-models',
    vpc: { subnets: ['subnet-0a1'], securityGroupIds: ['sg-0c3'] },
    dataCaptureDestination: 's3://ml-capture/churn',
  };

  it('has no wildcard action, and Resource "*" only where AWS offers no resource-level permission', () => {
    for (const input of [everything, { ...everything, kmsKeyId: KEY }]) {
      const { permissions, trust } = executionRolePolicies(input);
      for (const s of [...permissions.Statement, ...trust.Statement]) {
        for (const action of [s.Action].flat()) expect(action).not.toContain('*');
      }
      const starred = permissions.Statement.filter((s) => [s.Resource].flat().includes('*')).map((s) => s.Sid);
      // ecr:GetAuthorizationToken and EC2's Describe* act on no resource (Service Authorization Reference).
      expect(starred).toEqual(['EcrLogin', 'DescribeNetwork']);
      expect(permissions.Statement.find((s) => s.Sid === 'EcrLogin')?.Action).toBe('ecr:GetAuthorizationToken');
      for (const action of [permissions.Statement.find((s) => s.Sid === 'DescribeNetwork')?.Action].flat()) {
        expect(action).toMatch(/^ec2:Describe/);
      }
    }
  });

  it('gives every statement a unique Sid IAM accepts', () => {
    const sids = executionRolePolicies(everything).permissions.Statement.map((s) => s.Sid);
    expect(new Set(sids).size).toBe(sids.length);
    for (const sid of sids) expect(sid).toMatch(/^[A-Za-z0-9]+$/);
  });
});

describe('executionRolePolicies: bad input', () => {
  it.each([
    ['image', { image: 'docker.io/library/python:3.12' }],
    ['image', { image: '141502667606.dkr.ecr.eu-west-1.amazonaws.com' }],
    ['image', { image: '141502667606.dkr.ecr.cn-north-1.amazonaws.com/repo:1' }],
    ['image', { image: '141502667606.dkr.ecr.us-east-1.amazonaws.com.cn/repo:1' }],
    ['image', { image: '450853457545.dkr.ecr.cn-north-1.amazonaws.com.cn/repo:1' }],
    ['modelDataUrl', { modelDataUrl: 'https://ml-artifacts.s3.amazonaws.com/model.tar.gz' }],
    ['modelDataUrl', { modelDataUrl: 's3://ml-artifacts/churn/' }],
    ['modelDataUrl', { modelDataUrl: 's3://ml-artifacts' }],
    ['dataCapture.destination', { dataCaptureDestination: 'ml-capture/churn' }],
    ['kmsKeyId', { kmsKeyId: 'my-key' }],
    ['kmsKeyId', { kmsKeyId: `arn:aws:s3:::bucket/${KEY}` }],
    ['kmsKeyId', { kmsKeyId: `arn:aws-cn:kms:cn-north-1:${ACCOUNT}:key/${KEY}` }],
    ['vpc.subnets', { vpc: { subnets: ['vpc-1'], securityGroupIds: ['sg-1'] } }],
    ['vpc.securityGroupIds', { vpc: { subnets: ['subnet-1'], securityGroupIds: ['default'] } }],
  ] as const)('refuses a bad %s with InvalidArgumentError: %j', (argument, change) => {
    let thrown: unknown;
    try {
      executionRolePolicies({ ...SKLEARN, ...change });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidArgumentError);
    expect((thrown as InvalidArgumentError).argument).toBe(argument);
  });
});
