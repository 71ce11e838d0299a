/**
 * uploadArtifact's requests, with contract-checked S3 mocks: encryption, metadata, tags, bucket owner, the
 * conditional write, cleanup after a failed part, error mapping, and bad input refused before any call.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTags } from '../../../src/aws/tags.js';
import { AccessDeniedError, InvalidArgumentError, ServiceError } from '../../../src/errors.js';
import { contentAddressedKey } from '../../../src/model/artifact/artifact-key.js';
import { sha256File } from '../../../src/model/artifact/sha256.js';
import { type UploadArtifactOptions, uploadArtifact } from '../../../src/model/artifact/upload.js';
import { mockAwsClient } from '../../support/aws-contract.js';
import { ACCOUNT, awsIn, failure, operations, s3Error } from './s3-fakes.js';

const MiB = 1024 * 1024;
const KMS_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

let dir: string;
let small: { file: string; sha256: string };
let large: { file: string; sha256: string };
let s3: AwsClientStub<S3Client>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'modelship-upload-requests-'));
  small = { file: join(dir, 'small.tar.gz'), sha256: '' };
  large = { file: join(dir, 'large.tar.gz'), sha256: '' };
  await Promise.all([writeFile(small.file, randomBytes(1000)), writeFile(large.file, randomBytes(11 * MiB))]);
  small.sha256 = await sha256File(small.file);
  large.sha256 = await sha256File(large.file);
});

afterAll(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  s3 = mockAwsClient(S3Client);
  s3.on(HeadObjectCommand).rejects(s3Error('NotFound', 404));
  s3.on(PutObjectCommand).resolves({ ETag: '"e"' });
  s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'upload-1' });
  s3.on(UploadPartCommand).resolves({ ETag: '"part"' });
  s3.on(CompleteMultipartUploadCommand).resolves({ ETag: '"whole-3"' });
  s3.on(AbortMultipartUploadCommand).resolves({});
});

function options(extra: Partial<UploadArtifactOptions> = {}): UploadArtifactOptions {
  return { ...small, bucket: 'ml-artifacts', key: contentAddressedKey('churn', small.sha256), ...extra };
}

describe('uploadArtifact requests', () => {
  it('encrypts with SSE-S3 by default, records the SHA-256, and never replaces an object (If-None-Match)', async () => {
    const { aws } = awsIn('eu-west-1');
    const result = await uploadArtifact(aws, options());
    expect(result.uploaded).toBe(true);
    expect(operations(s3.calls())).toEqual(['HeadObject', 'PutObject']);
    const input = s3.commandCalls(PutObjectCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      Bucket: 'ml-artifacts',
      Key: `churn/${small.sha256}/model.tar.gz`,
      ServerSideEncryption: 'AES256',
      Metadata: { 'modelship-sha256': small.sha256 },
      IfNoneMatch: '*',
      ContentType: 'application/gzip',
    });
    expect(input).not.toHaveProperty('SSEKMSKeyId');
  });

  it('encrypts with SSE-KMS and a Bucket Key when a key is given, tags the object, and names the owner', async () => {
    const { aws } = awsIn('eu-west-1');
    await uploadArtifact(
      aws,
      options({ kmsKeyId: KMS_ARN, tags: buildTags({ team: 'ml' }), expectedBucketOwner: ACCOUNT }),
    );
    expect(s3.commandCalls(HeadObjectCommand)[0]?.args[0].input.ExpectedBucketOwner).toBe(ACCOUNT);
    const input = s3.commandCalls(PutObjectCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: KMS_ARN,
      BucketKeyEnabled: true,
      ExpectedBucketOwner: ACCOUNT,
    });
    expect(new URLSearchParams(input?.Tagging).get('team')).toBe('ml');
    expect(new URLSearchParams(input?.Tagging).has('modelship:version')).toBe(true);
  });

  it('sends a large file in parts, every part request within the S3 model', async () => {
    const { aws } = awsIn('eu-west-1');
    const key = contentAddressedKey('churn', large.sha256);
    await uploadArtifact(aws, { ...large, bucket: 'ml-artifacts', key, partSize: 5 * MiB, kmsKeyId: KMS_ARN });
    expect(operations(s3.calls()).sort()).toEqual([
      'CompleteMultipartUpload',
      'CreateMultipartUpload',
      'HeadObject',
      'UploadPart',
      'UploadPart',
      'UploadPart',
    ]);
    expect(s3.commandCalls(CreateMultipartUploadCommand)[0]?.args[0].input).toMatchObject({
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: KMS_ARN,
      Metadata: { 'modelship-sha256': large.sha256 },
    });
    expect(s3.commandCalls(CompleteMultipartUploadCommand)[0]?.args[0].input).toMatchObject({
      UploadId: 'upload-1',
      IfNoneMatch: '*',
      MultipartUpload: { Parts: [1, 2, 3].map((PartNumber) => ({ PartNumber, ETag: '"part"' })) },
    });
  });

  it('aborts the multipart upload once when a part fails, and reports the failure', async () => {
    const { aws } = awsIn('eu-west-1');
    s3.on(UploadPartCommand, { PartNumber: 2 }).rejects(s3Error('InternalError', 500));
    const key = contentAddressedKey('churn', large.sha256);
    const error = await failure(uploadArtifact(aws, { ...large, bucket: 'ml-artifacts', key, partSize: 5 * MiB }));
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.retryable).toBe(true);
    expect(s3.commandCalls(AbortMultipartUploadCommand).map((call) => call.args[0].input)).toEqual([
      { Bucket: 'ml-artifacts', Key: key, UploadId: 'upload-1' },
    ]);
    expect(s3.commandCalls(CompleteMultipartUploadCommand)).toHaveLength(0);
  });

  it('takes a refused conditional write as done when the same artifact got there first', async () => {
    const { aws } = awsIn('eu-west-1');
    s3.on(PutObjectCommand).rejects(s3Error('PreconditionFailed', 412));
    s3.on(HeadObjectCommand)
      .rejectsOnce(s3Error('NotFound', 404))
      .resolves({ Metadata: { 'modelship-sha256': small.sha256 } });
    expect((await uploadArtifact(aws, options())).uploaded).toBe(false);
    expect(operations(s3.calls())).toEqual(['HeadObject', 'PutObject', 'HeadObject']);
  });

  it('maps access denied, naming the permission', async () => {
    const { aws } = awsIn('eu-west-1');
    s3.on(PutObjectCommand).rejects(s3Error('AccessDenied', 403));
    const error = await failure(uploadArtifact(aws, options()));
    expect(error).toBeInstanceOf(AccessDeniedError);
    expect((error as AccessDeniedError).action).toBe('s3:PutObject');

    s3.on(HeadObjectCommand).rejects(s3Error('Forbidden', 403));
    const head = await failure(uploadArtifact(aws, options()));
    expect((head as AccessDeniedError).action).toBe('s3:GetObject');
  });

  it.each<[string, Partial<UploadArtifactOptions>, string]>([
    ['a missing file', { file: '/nonexistent/model.tar.gz' }, 'file'],
    ['a SHA-256 that is not hex', { sha256: 'abc' }, 'sha256'],
    ['a bad bucket name', { bucket: 'ml_artifacts' }, 'bucket'],
    ['a key starting with /', { key: '/churn/model.tar.gz' }, 'key'],
    ['an empty key', { key: '' }, 'key'],
    ['a bad KMS key', { kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/nope' }, 'kmsKeyId'],
    ['11 object tags', { tags: Array.from({ length: 11 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) }, 'tags'],
    ['a part under 5 MiB', { partSize: MiB }, 'partSize'],
    ['no parallelism', { queueSize: 0 }, 'queueSize'],
    ['a bad bucket owner', { expectedBucketOwner: 'me' }, 'expectedBucketOwner'],
  ])('refuses %s before any AWS call', async (_, extra, argument) => {
    const { aws } = awsIn('eu-west-1');
    const error = await failure(uploadArtifact(aws, options(extra)));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe(argument);
    expect(s3.calls()).toHaveLength(0);
  });
});
