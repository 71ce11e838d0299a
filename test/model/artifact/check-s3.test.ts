/**
 * checkS3Artifact with contract-checked S3 mocks: existence, region, access, bad URIs.
 */
import { HeadBucketCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { AccessDeniedError, InvalidArgumentError, NotFoundError, ThrottledError } from '../../../src/errors.js';
import { checkS3Artifact } from '../../../src/model/artifact/check-s3.js';
import { mockAwsClient } from '../../support/aws-contract.js';
import { awsIn, failure, operations, s3Error } from './s3-fakes.js';

const URI = 's3://ml-artifacts/churn/model.tar.gz';

let s3: AwsClientStub<S3Client>;

beforeEach(() => {
  s3 = mockAwsClient(S3Client);
});

describe('checkS3Artifact', () => {
  it('returns the object when it exists in the deployment region', async () => {
    const { aws } = awsIn('eu-west-1');
    s3.on(HeadBucketCommand).resolves({ BucketRegion: 'eu-west-1' });
    s3.on(HeadObjectCommand).resolves({ ContentLength: 1234, ETag: '"abc-2"', Metadata: {} });
    expect(await checkS3Artifact(aws, URI, 'eu-west-1')).toEqual({
      uri: URI,
      bucket: 'ml-artifacts',
      key: 'churn/model.tar.gz',
      bytes: 1234,
      etag: 'abc-2',
      sha256: undefined,
    });
    expect(s3.commandCalls(HeadObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'ml-artifacts',
      Key: 'churn/model.tar.gz',
    });
  });

  it('refuses a bucket in another region, naming both, before looking at the object', async () => {
    const { aws } = awsIn('eu-west-1');
    s3.on(HeadBucketCommand).resolves({ BucketRegion: 'us-east-2' });
    const error = await failure(checkS3Artifact(aws, URI, 'eu-west-1'));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe('uri');
    expect(error.message).toContain(URI);
    expect(error.message).toMatch(/us-east-2.*eu-west-1/);
    expect(operations(s3.calls())).toEqual(['HeadBucket']);
  });

  it('still finds the region when HeadBucket is denied: from the refusal, or from the HeadObject redirect', async () => {
    const { aws } = awsIn('eu-west-1');
    s3.on(HeadBucketCommand).rejects(s3Error('Forbidden', 403, 'ap-northeast-1'));
    expect((await failure(checkS3Artifact(aws, URI, 'eu-west-1'))).message).toMatch(/ap-northeast-1.*eu-west-1/);

    s3.reset();
    s3.on(HeadBucketCommand).rejects(s3Error('Forbidden', 403));
    s3.on(HeadObjectCommand).rejects(s3Error('PermanentRedirect', 301, 'sa-east-1'));
    const redirected = await failure(checkS3Artifact(aws, URI, 'eu-west-1'));
    expect(redirected).toBeInstanceOf(InvalidArgumentError);
    expect(redirected.message).toMatch(/sa-east-1.*eu-west-1/);

    s3.reset();
    s3.on(HeadBucketCommand).rejects(s3Error('Forbidden', 403));
    s3.on(HeadObjectCommand).resolves({ ContentLength: 1, ETag: '"e"' });
    expect((await checkS3Artifact(aws, URI, 'eu-west-1')).bytes).toBe(1);
  });

  it('names the URI when the object or its bucket does not exist', async () => {
    const { aws } = awsIn('eu-west-1');
    s3.on(HeadBucketCommand).resolves({ BucketRegion: 'eu-west-1' });
    s3.on(HeadObjectCommand).rejects(s3Error('NotFound', 404));
    const missing = await failure(checkS3Artifact(aws, URI, 'eu-west-1'));
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing.message).toContain(URI);
    expect((missing as NotFoundError).resource).toEqual({ kind: 'S3 object', name: URI });
    expect(missing.aws?.requestId).toBe('req-1');

    s3.reset();
    s3.on(HeadBucketCommand).rejects(s3Error('NotFound', 404));
    const noBucket = await failure(checkS3Artifact(aws, URI, 'eu-west-1'));
    expect(noBucket).toBeInstanceOf(NotFoundError);
    expect(noBucket.message).toMatch(/no bucket "ml-artifacts"/);
    expect(operations(s3.calls())).toEqual(['HeadBucket']);
  });

  it('maps access denied and throttling on HeadObject', async () => {
    const { aws } = awsIn('eu-west-1');
    s3.on(HeadBucketCommand).resolves({ BucketRegion: 'eu-west-1' });
    s3.on(HeadObjectCommand).rejects(s3Error('Forbidden', 403));
    const denied = await failure(checkS3Artifact(aws, URI, 'eu-west-1'));
    expect(denied).toBeInstanceOf(AccessDeniedError);
    expect((denied as AccessDeniedError).action).toBe('s3:GetObject');

    s3.on(HeadObjectCommand).rejects(s3Error('SlowDown', 503));
    const slow = await failure(checkS3Artifact(aws, URI, 'eu-west-1'));
    expect(slow).toBeInstanceOf(ThrottledError);
    expect(slow.retryable).toBe(true);
  });

  it.each([
    'https://ml-artifacts.s3.amazonaws.com/churn/model.tar.gz',
    's3://ml-artifacts/',
    's3://ml-artifacts',
    's3://ML_Artifacts/model.tar.gz',
    's3://ml-artifacts//model.tar.gz',
  ])('refuses %s before any AWS call', async (uri) => {
    const { aws } = awsIn('eu-west-1');
    const error = await failure(checkS3Artifact(aws, uri, 'eu-west-1'));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe('uri');
    expect(s3.calls()).toHaveLength(0);
  });
});
