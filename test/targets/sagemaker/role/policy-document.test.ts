import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../../src/errors.js';
import { executionRolePolicies } from '../../../../src/targets/sagemaker/role/policy.js';
import {
  POLICY_SIZE_LIMITS,
  type PolicyDocument,
  policyJson,
  samePolicy,
  storedPolicyText,
} from '../../../../src/targets/sagemaker/role/policy-document.js';
import { validateAwsInput } from '../../../support/aws-contract.js';

const doc: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/k' }],
};

// The largest role the target can ask for: 16 subnets and 5 security groups (the VpcConfig limits), KMS and
// data capture.
const largest = executionRolePolicies({
  partition: 'aws',
  region: 'ap-southeast-2',
  accountId: '123456789012',
  endpointName: 'e'.repeat(63),
  image:
    '763104351884.dkr.ecr.ap-southeast-2.amazonaws.com/huggingface-pytorch-inference:2.1.0-transformers4.37.0-gpu-py310-cu118-ubuntu20.04',
  modelDataUrl: `s3://${'b'.repeat(63)}/${'k/'.repeat(200)}model.tar.gz`,
  kmsKeyId: 'alias/ml-models',
  vpc: {
    subnets: Array.from({ length: 16 }, (_, i) => `subnet-0${i.toString(16).padStart(16, '0')}`),
    securityGroupIds: Array.from({ length: 5 }, (_, i) => `sg-0${i.toString(16).padStart(16, '0')}`),
  },
  dataCaptureDestination: `s3://${'c'.repeat(63)}/capture`,
});

describe('policyJson', () => {
  it('is compact, valid JSON within IAM quotas and the IAM API model, even for the largest role', () => {
    const trust = policyJson(largest.trust, 'trust');
    const permissions = policyJson(largest.permissions, 'inline');
    expect(JSON.parse(trust)).toEqual(largest.trust);
    expect(JSON.parse(permissions)).toEqual(largest.permissions);
    expect(trust.length).toBeLessThanOrEqual(POLICY_SIZE_LIMITS.trust);
    expect(permissions.length).toBeLessThanOrEqual(POLICY_SIZE_LIMITS.inline);
    expect(permissions).not.toMatch(/\s/);
    expect(
      validateAwsInput('IAM', 'PutRolePolicy', {
        RoleName: 'modelship-x',
        PolicyName: 'modelship-model-access',
        PolicyDocument: permissions,
      }),
    ).toEqual([]);
  });

  it('refuses a document over the quota with InvalidArgumentError, before IAM is asked', () => {
    const huge: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [
        {
          ...doc.Statement[0],
          Sid: 'Read',
          Resource: Array.from({ length: 1000 }, (_, i) => `arn:aws:s3:::b/${i}`),
        } as PolicyDocument['Statement'][0],
      ],
    };
    expect(() => policyJson(huge, 'inline')).toThrow(InvalidArgumentError);
    expect(() => policyJson(largest.permissions, 'trust')).toThrow(/IAM allows 2048/);
  });
});

describe('samePolicy', () => {
  const json = JSON.stringify(doc);

  it('matches a document to itself as text, as URL-encoded text (how IAM returns it) and as data', () => {
    expect(samePolicy(json, doc)).toBe(true);
    expect(samePolicy(encodeURIComponent(json), json)).toBe(true);
    expect(storedPolicyText(encodeURIComponent(json))).toBe(json);
  });

  it('ignores key order and white space, but not a changed value or list order', () => {
    const reordered =
      '{ "Statement": [{"Resource":"arn:aws:s3:::b/k","Action":"s3:GetObject","Effect":"Allow","Sid":"Read"}], "Version":"2012-10-17" }';
    expect(samePolicy(reordered, doc)).toBe(true);
    expect(samePolicy(json.replace('b/k', 'b/other'), doc)).toBe(false);
    const two = { ...doc, Statement: [doc.Statement[0], { ...doc.Statement[0], Sid: 'Two' }] } as PolicyDocument;
    const swapped = { ...doc, Statement: [...two.Statement].reverse() } as PolicyDocument;
    expect(samePolicy(two, swapped)).toBe(false);
  });

  it('treats a document it cannot read as different', () => {
    expect(samePolicy('%E0%A4%A', doc)).toBe(false);
    expect(samePolicy('not json', 'not json')).toBe(false);
    expect(storedPolicyText('not json')).toBeUndefined();
  });
});
