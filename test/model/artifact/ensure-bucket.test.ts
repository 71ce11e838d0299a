/**
 * ensureArtifactBucket with contract-checked S3 and STS mocks: the exact requests that make the default bucket,
 * checks of a user's bucket, and errors.
 */
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  HeadBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildTags } from '../../../src/aws/tags.js';
import { AccessDeniedError, ConflictError, InvalidArgumentError, NotFoundError } from '../../../src/errors.js';
import { ensureArtifactBucket } from '../../../src/model/artifact/ensure-bucket.js';
import { mockAwsClient } from '../../support/aws-contract.js';
import { ACCOUNT, awsIn, failure, operations, s3Error } from './s3-fakes.js';

const BUCKET = `modelship-${ACCOUNT}-eu-west-1`;
const KMS_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

let s3: AwsClientStub<S3Client>;

beforeEach(() => {
  s3 = mockAwsClient(S3Client);
});

describe('ensureArtifactBucket: the default bucket', () => {
  it('creates modelship-<account>-<region> with exactly the settings it needs, SSE-S3 by default', async () => {
    const { aws } = awsIn('eu-west-1');
    s3.on(HeadBucketCommand).rejects(s3Error('NotFound', 404));
    s3.on(CreateBucketCommand).resolves({ Location: `/${BUCKET}` });

    expect(await ensureArtifactBucket(aws, { tags: buildTags({ team: 'ml' }) })).toBe(BUCKET);

    expect(operations(s3.calls())).toEqual([
      'HeadBucket',
      'CreateBucket',
      'PutPublicAccessBlock',
      'PutBucketOwnershipControls',
      'PutBucketEncryption',
      'PutBucketPolicy',
      'PutBucketLifecycleConfiguration',
      'PutBucketTagging',
    ]);
    const owner = { Bucket: BUCKET, ExpectedBucketOwner: ACCOUNT };
    expect(s3.commandCalls(HeadBucketCommand)[0]?.args[0].input).toEqual(owner);
    expect(s3.commandCalls(CreateBucketCommand)[0]?.args[0].input).toEqual({
      Bucket: BUCKET,
      CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
    });
    expect(s3.commandCalls(PutPublicAccessBlockCommand)[0]?.args[0].input).toEqual({
      ...owner,
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    });
    expect(s3.commandCalls(PutBucketOwnershipControlsCommand)[0]?.args[0].input).toEqual({
      ...owner,
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    expect(s3.commandCalls(PutBucketEncryptionCommand)[0]?.args[0].input).toEqual({
      ...owner,
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    });
    const policy = s3.commandCalls(PutBucketPolicyCommand)[0]?.args[0].input;
    expect(policy?.ExpectedBucketOwner).toBe(ACCOUNT);
    expect(JSON.parse(policy?.Policy ?? '')).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    });
    const lifecycle = s3.commandCalls(PutBucketLifecycleConfigurationCommand)[0]?.args[0].input;
    expect(lifecycle?.LifecycleConfiguration?.Rules?.[0]?.AbortIncompleteMultipartUpload).toEqual({
      DaysAfterInitiation: 1,
    });
    expect(s3.commandCalls(PutBucketTaggingCommand)[0]?.args[0].input.Tagging?.TagSet).toEqual(
      buildTags({ team: 'ml' }),
    );
  });

  it('encrypts with the KMS key, with a Bucket Key, when one is given', async () => {
    const { aws } = awsIn('eu-west-1');
    s3.on(HeadBucketCommand).rejects(s3Error('NotFound', 404));
    await ensureArtifactBucket(aws, { kmsKeyId: KMS_ARN });
    expect(s3.commandCalls(PutBucketEncryptionCommand)[0]?.args[0].input.ServerSideEncryptionConfiguration).toEqual({
      Rules: [
        {
          ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KMS_ARN },
          BucketKeyEnabled: true,
        },
      ],
    });
  });

  it('sends no LocationConstraint in us-east-1, and uses the partition of the region in the policy', async () => {
    const { aws } = awsIn('us-east-1');
    s3.on(HeadBucketCommand).rejects(s3Error('NotFound', 404));
    expect(await ensureArtifactBucket(aws)).toBe(`modelship-${ACCOUNT}-us-east-1`);
    expect(s3.commandCalls(CreateBucketCommand)[0]?.args[0].input).toEqual({
      Bucket: `modelship-${ACCOUNT}-us-east-1`,
    });

    s3.reset();
    const china = awsIn('cn-north-1').aws;
    s3.on(HeadBucketCommand).rejects(s3Error('NotFound', 404));
    await ensureArtifactBucket(china);
    expect(s3.commandCalls(PutBucketPolicyCommand)[0]?.args[0].input.Policy).toContain('arn:aws-cn:s3:::');
  });

  it('uses the bucket as it is when it exists: one HeadBucket, nothing else', async () => {
    const { aws } = awsIn('eu-west-1');
    s3.on(HeadBucketCommand).resolves({ BucketRegion: 'eu-west-1' });
    expect(await ensureArtifactBucket(aws)).toBe(BUCKET);
    expect(operations(s3.calls())).toEqual(['HeadBucket']);
  });

  it('takes BucketAlreadyOwnedByYou as success, and then never deletes the bucket on a later failure', async () => {
    const { aws } = awsIn('eu-west-1');
    s3.on(HeadBucketCommand).rejects(s3Error('NotFound', 404));
    s3.on(CreateBucketCommand).rejects(s3Error('BucketAlreadyOwnedByYou', 409));
    expect(await ensureArtifactBucket(aws)).toBe(BUCKET);
    expect(operations(s3.calls())).toContain('PutBucketPolicy');

    s3.on(PutBucketPolicyCommand).rejects(s3Error('AccessDenied', 403));
    await expect(ensureArtifactBucket(aws)).rejects.toBeInstanceOf(AccessDeniedError);
    expect(s3.commandCalls(DeleteBucketCommand)).toHaveLength(0);
  });

  it('deletes the bucket it just created when a setting fails, and reports the failure', async () => {
    const { aws } = awsIn('eu-west-1');
    s3.on(HeadBucketCommand).rejects(s3Error('NotFound', 404));
    s3.on(PutBucketPolicyCommand).rejects(s3Error('AccessDenied', 403));
    const error = await failure(ensureArtifactBucket(aws));
    expect(error).toBeInstanceOf(AccessDeniedError);
    expect((error as AccessDeniedError).action).toBe('s3:PutBucketPolicy');
    expect(error.message).toContain(BUCKET);
    expect(operations(s3.calls()).slice(-2)).toEqual(['PutBucketPolicy', 'DeleteBucket']);
    expect(s3.commandCalls(DeleteBucketCommand)[0]?.args[0].input).toEqual({
      Bucket: BUCKET,
      ExpectedBucketOwner: ACCOUNT,
    });
  });

  it('refuses a default name another account took', async () => {
    const { aws } = awsIn('eu-west-1');
    s3.on(HeadBucketCommand).rejects(s3Error('NotFound', 404));
    s3.on(CreateBucketCommand).rejects(s3Error('BucketAlreadyExists', 409));
    const error = await failure(ensureArtifactBucket(aws));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toMatch(/another AWS account/);

    s3.reset();
    // ExpectedBucketOwner: S3 answers 403 when the bucket is someone else's.
    s3.on(HeadBucketCommand).rejects(s3Error('Forbidden', 403));
    const denied = await failure(ensureArtifactBucket(aws));
    expect(denied).toBeInstanceOf(AccessDeniedError);
    expect(denied.message).toMatch(/belongs to another AWS account/);
    expect(operations(s3.calls())).toEqual(['HeadBucket']);
  });
});

describe('ensureArtifactBucket: your bucket', () => {
  it('checks that it exists in the deployment region, and changes nothing', async () => {
    const { aws, sts } = awsIn('eu-west-1');
    s3.on(HeadBucketCommand).resolves({ BucketRegion: 'eu-west-1' });
    expect(await ensureArtifactBucket(aws, { bucket: 'ml-artifacts', kmsKeyId: KMS_ARN })).toBe('ml-artifacts');
    expect(operations(s3.calls())).toEqual(['HeadBucket']);
    expect(s3.commandCalls(HeadBucketCommand)[0]?.args[0].input).toEqual({ Bucket: 'ml-artifacts' });
    expect(sts.calls()).toHaveLength(0);
  });

  it('names both regions when the bucket is in another one, whether S3 answers or redirects', async () => {
    const { aws } = awsIn('eu-west-1');
    s3.on(HeadBucketCommand).resolves({ BucketRegion: 'us-west-2' });
    const error = await failure(ensureArtifactBucket(aws, { bucket: 'ml-artifacts' }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe('bucket');
    expect(error.message).toMatch(/us-west-2.*eu-west-1/);

    s3.reset();
    s3.on(HeadBucketCommand).rejects(s3Error('PermanentRedirect', 301, 'ap-south-1'));
    const redirected = await failure(ensureArtifactBucket(aws, { bucket: 'ml-artifacts' }));
    expect(redirected).toBeInstanceOf(InvalidArgumentError);
    expect(redirected.message).toMatch(/ap-south-1.*eu-west-1/);
  });

  it('reports a missing bucket and a denied one', async () => {
    const { aws } = awsIn('eu-west-1');
    s3.on(HeadBucketCommand).rejects(s3Error('NotFound', 404));
    const missing = await failure(ensureArtifactBucket(aws, { bucket: 'ml-artifacts' }));
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as NotFoundError).resource).toEqual({ kind: 'S3 bucket', name: 'ml-artifacts' });

    s3.reset();
    s3.on(HeadBucketCommand).rejects(s3Error('Forbidden', 403));
    const denied = await failure(ensureArtifactBucket(aws, { bucket: 'ml-artifacts' }));
    expect(denied).toBeInstanceOf(AccessDeniedError);
    expect((denied as AccessDeniedError).action).toBe('s3:ListBucket');
  });
});

describe('ensureArtifactBucket: bad input', () => {
  it.each([
    ['a bucket name with capitals', { bucket: 'ML-Artifacts' }, 'bucket'],
    ['an IP address as bucket name', { bucket: '192.168.1.1' }, 'bucket'],
    ['a KMS key that is no key', { kmsKeyId: 'my-key' }, 'kmsKeyId'],
    ['a KMS key of another region', { kmsKeyId: KMS_ARN.replace('eu-west-1', 'us-east-1') }, 'kmsKeyId'],
    ['an IAM ARN as KMS key', { kmsKeyId: 'arn:aws:iam::123456789012:role/x' }, 'kmsKeyId'],
    ['too many tags', { tags: Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) }, 'tags'],
  ])('refuses %s before any AWS call', async (_, options, argument) => {
    const { aws, sts } = awsIn('eu-west-1');
    const error = await failure(ensureArtifactBucket(aws, options));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe(argument);
    expect(s3.calls()).toHaveLength(0);
    expect(sts.calls()).toHaveLength(0);
  });
});
