import { describe, expect, it } from 'vitest';
import {
  INLINE_POLICY_NAME,
  ROLE_PATH,
  roleArnFor,
  roleNameFor,
} from '../../../../src/targets/sagemaker/role/role-name.js';
import { validateAwsInput } from '../../../support/aws-contract.js';

describe('roleNameFor', () => {
  it('is modelship-<endpoint> for an endpoint name that fits', () => {
    expect(roleNameFor('churn')).toBe('modelship-churn');
  });

  it('cuts a long name to 64 characters with a hash, so long names that share a start differ', () => {
    const a = roleNameFor(`${'x'.repeat(60)}-a`);
    const b = roleNameFor(`${'x'.repeat(60)}-b`);
    expect(a).toHaveLength(64);
    expect(b).toHaveLength(64);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^modelship-x+-[0-9a-f]{8}$/);
    expect(roleNameFor(`${'x'.repeat(60)}-a`)).toBe(a);
  });

  it('gives names, a path and a policy name the IAM API model accepts', () => {
    for (const endpoint of ['churn', 'a'.repeat(63), 'Fraud-Detector-2']) {
      const RoleName = roleNameFor(endpoint);
      expect(validateAwsInput('IAM', 'GetRole', { RoleName })).toEqual([]);
      expect(
        validateAwsInput('IAM', 'CreateRole', { RoleName, Path: ROLE_PATH, AssumeRolePolicyDocument: '{}' }),
      ).toEqual([]);
      expect(
        validateAwsInput('IAM', 'PutRolePolicy', { RoleName, PolicyName: INLINE_POLICY_NAME, PolicyDocument: '{}' }),
      ).toEqual([]);
    }
  });
});

describe('roleArnFor', () => {
  it('puts the path in the ARN, in the partition given', () => {
    expect(roleArnFor('aws', '123456789012', 'modelship-churn')).toBe(
      'arn:aws:iam::123456789012:role/modelship/modelship-churn',
    );
    expect(roleArnFor('aws-cn', '123456789012', 'modelship-churn')).toBe(
      'arn:aws-cn:iam::123456789012:role/modelship/modelship-churn',
    );
  });
});
