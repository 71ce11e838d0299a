import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildArn, isArn, parseArn, partitionOf } from '../../src/aws/arn.js';
import { InvalidArgumentError } from '../../src/errors.js';

describe('partitionOf', () => {
  it('tells the partition from the region', () => {
    expect(partitionOf('us-east-1')).toBe('aws');
    expect(partitionOf('eu-central-2')).toBe('aws');
    expect(partitionOf('cn-north-1')).toBe('aws-cn');
    expect(partitionOf('cn-northwest-1')).toBe('aws-cn');
    expect(partitionOf('us-gov-west-1')).toBe('aws-us-gov');
    expect(partitionOf('us-iso-east-1')).toBe('aws-iso');
    expect(partitionOf('us-isob-east-1')).toBe('aws-iso-b');
  });
});

describe('parseArn and buildArn', () => {
  it('parse real ARNs', () => {
    expect(parseArn('arn:aws:sagemaker:eu-west-1:123456789012:endpoint/churn')).toEqual({
      partition: 'aws',
      service: 'sagemaker',
      region: 'eu-west-1',
      accountId: '123456789012',
      resource: 'endpoint/churn',
    });
    // Colons in the resource part stay in it.
    expect(parseArn('arn:aws:lambda:us-east-1:123456789012:function:churn:live').resource).toBe('function:churn:live');
    expect(parseArn('arn:aws:s3:::my-bucket/models/model.tar.gz')).toMatchObject({ region: '', accountId: '' });
    expect(parseArn('arn:aws:iam::aws:policy/AmazonSageMakerFullAccess').accountId).toBe('aws');
    expect(parseArn('arn:aws-cn:iam::123456789012:role/ml').partition).toBe('aws-cn');
  });

  it('build ARNs in the partition of the region', () => {
    const parts = { service: 'sagemaker', accountId: '123456789012', resource: 'endpoint/churn' };
    expect(buildArn({ ...parts, region: 'us-east-1' })).toBe('arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn');
    expect(buildArn({ ...parts, region: 'cn-north-1' })).toBe(
      'arn:aws-cn:sagemaker:cn-north-1:123456789012:endpoint/churn',
    );
    expect(buildArn({ ...parts, region: 'us-gov-west-1' })).toBe(
      'arn:aws-us-gov:sagemaker:us-gov-west-1:123456789012:endpoint/churn',
    );
    expect(buildArn({ service: 's3', resource: 'bucket/key' })).toBe('arn:aws:s3:::bucket/key');
    expect(buildArn({ partition: 'aws-us-gov', service: 'iam', accountId: '123456789012', resource: 'role/x' })).toBe(
      'arn:aws-us-gov:iam::123456789012:role/x',
    );
  });

  it('round-trip', () => {
    const region = fc.constantFrom('', 'us-east-1', 'eu-west-3', 'cn-north-1', 'us-gov-east-1', 'ap-southeast-7');
    const resource = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9/:._+=,@-]{0,60}$/);
    fc.assert(
      fc.property(
        region,
        fc.constantFrom('sagemaker', 'lambda', 'iam', 's3'),
        fc.constantFrom('', '123456789012'),
        resource,
        (r, service, accountId, res) => {
          const arn = buildArn({ service, region: r, accountId, resource: res });
          const parsed = parseArn(arn);
          expect(parsed).toEqual({ partition: partitionOf(r), service, region: r, accountId, resource: res });
          expect(buildArn(parsed)).toBe(arn);
        },
      ),
    );
  });

  it.each([
    ['not an arn', 'needs six parts'],
    ['arn:aws:sagemaker:us-east-1:123456789012', 'needs six parts'],
    ['urn:aws:sagemaker:us-east-1:123456789012:endpoint/x', 'needs six parts'],
    ['arn:amazon:sagemaker:us-east-1:123456789012:endpoint/x', '"amazon" is not an AWS partition'],
    ['arn:aws:SageMaker:us-east-1:123456789012:endpoint/x', 'not a service namespace'],
    ['arn:aws:sagemaker:useast1:123456789012:endpoint/x', 'not a region'],
    ['arn:aws:sagemaker:cn-north-1:123456789012:endpoint/x', 'is in partition "aws-cn", not "aws"'],
    ['arn:aws:sagemaker:us-east-1:12345:endpoint/x', 'not a 12-digit account id'],
    ['arn:aws:sagemaker:us-east-1:123456789012:', 'resource part is empty'],
    ['arn:aws:sagemaker:us-east-1:123456789012:endpoint/a b', 'white space'],
  ])('rejects %s', (arn, why) => {
    let error: unknown;
    try {
      parseArn(arn);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', argument: 'arn' });
    expect((error as Error).message).toContain(why);
    expect(isArn(arn)).toBe(false);
  });

  it('rejects bad parts when building', () => {
    expect(() =>
      buildArn({ service: 'sagemaker', region: 'us-east-1', accountId: 'abc', resource: 'endpoint/x' }),
    ).toThrow(InvalidArgumentError);
    expect(() => buildArn({ partition: 'aws', service: 'sagemaker', region: 'cn-north-1', resource: 'x' })).toThrow(
      /partition "aws-cn"/,
    );
    expect(isArn(42)).toBe(false);
    expect(isArn('arn:aws:sns:us-east-1:123456789012:alerts')).toBe(true);
  });
});
