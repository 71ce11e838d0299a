/**
 * The S3 store's exact requests, with a contract-checked S3 mock (every request is validated against AWS's S3
 * model after each test): conditional writes and encryption on every PutObject, listings, and how S3's answers
 * (412, 409, 403) become modelship errors.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type PutObjectCommandInput,
  S3Client,
} from '@aws-sdk/client-s3';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { AwsContext } from '../../../../src/aws/context.js';
import { AccessDeniedError, ConflictError, NotFoundError } from '../../../../src/errors.js';
import { type S3RegistryStore, s3Store } from '../../../../src/registry/stores/s3/index.js';
import { CREDENTIALS, failure, s3Error } from '../../../model/artifact/s3-fakes.js';
import { mockAwsClient } from '../../../support/aws-contract.js';
import { aliasAt, sampleVersion } from './fixtures.js';

const KMS_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

let s3: AwsClientStub<S3Client>;
let aws: AwsContext;

beforeEach(() => {
  s3 = mockAwsClient(S3Client);
  aws = new AwsContext({ region: 'eu-west-1', credentials: CREDENTIALS });
});

function store(options: { kmsKeyId?: string; pageSize?: number } = {}): S3RegistryStore {
  return s3Store(aws, { bucket: 'ml-registry', prefix: 'reg', ...options });
}

/** A GetObject answer whose body is `text`. */
function body(text: string, etag = '"e1"') {
  return { Body: { transformToString: async () => text } as never, ETag: etag };
}

function puts(): PutObjectCommandInput[] {
  return s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input);
}

describe('PutObject requests', () => {
  it('createVersion writes once with If-None-Match: * and SSE-S3, then looks for a deletion marker', async () => {
    s3.on(PutObjectCommand).resolves({ ETag: '"v1"' });
    s3.on(GetObjectCommand).rejects(s3Error('NoSuchKey', 404));
    const version = sampleVersion('churn', '3');
    expect(await store().createVersion(version)).toBe('created');
    expect(puts()).toEqual([
      {
        Bucket: 'ml-registry',
        Key: 'reg/models/churn/versions/3.json',
        Body: `${JSON.stringify(version, null, 2)}\n`,
        ContentType: 'application/json',
        IfNoneMatch: '*',
        ServerSideEncryption: 'AES256',
      },
    ]);
    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'ml-registry',
      Key: 'reg/models/churn/deleted/3.json',
    });
  });

  it('putAlias swaps with If-Match on the revision read, and returns the new ETag; encrypts with the KMS key', async () => {
    s3.on(PutObjectCommand).resolves({ ETag: '"a2"' });
    const state = aliasAt('churn', 'production', '2', ['1']);
    expect(await store({ kmsKeyId: KMS_ARN }).putAlias(state, '"a1"')).toBe('"a2"');
    expect(puts()).toEqual([
      {
        Bucket: 'ml-registry',
        Key: 'reg/models/churn/aliases/production.json',
        Body: `${JSON.stringify(state, null, 2)}\n`,
        ContentType: 'application/json',
        IfMatch: '"a1"',
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: KMS_ARN,
        BucketKeyEnabled: true,
      },
    ]);
  });

  it('putAlias creates a new alias with If-None-Match: *; setApproval writes unconditionally, encrypted', async () => {
    s3.on(PutObjectCommand).resolves({ ETag: '"x"' });
    await store().putAlias(aliasAt('churn', 'staging', '1'), undefined);
    await store().setApproval('churn', '1', 'approved');
    const [alias, approval] = puts();
    expect(alias).toMatchObject({ Key: 'reg/models/churn/aliases/staging.json', IfNoneMatch: '*' });
    expect(alias?.IfMatch).toBeUndefined();
    expect(approval).toEqual({
      Bucket: 'ml-registry',
      Key: 'reg/models/churn/approvals/1.json',
      Body: `${JSON.stringify({ name: 'churn', version: '1', status: 'approved' }, null, 2)}\n`,
      ContentType: 'application/json',
      ServerSideEncryption: 'AES256',
    });
  });
});

describe('S3 answers', () => {
  it('createVersion: 412 then other content → CONFLICT; 412 then the same content → unchanged', async () => {
    s3.on(PutObjectCommand).rejects(s3Error('PreconditionFailed', 412));
    const stored = sampleVersion('churn', '3', { description: 'theirs' });
    s3.on(GetObjectCommand).resolves(body(JSON.stringify(stored)));
    const error = await failure(store().createVersion(sampleVersion('churn', '3', { description: 'ours' })));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: 'CONFLICT', retryable: false });
    expect(error.message).toContain('s3://ml-registry/reg/models/churn/versions/3.json');
    expect(await store().createVersion({ ...stored, createdAt: 'later', createdBy: 'someone else' })).toBe('unchanged');
  });

  it('409 ConditionalRequestConflict (a conditional write still in progress) is a retryable CONFLICT', async () => {
    s3.on(PutObjectCommand).rejects(s3Error('ConditionalRequestConflict', 409));
    const error = await failure(store().createVersion(sampleVersion('churn', '3')));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ retryable: true, aws: { name: 'ConditionalRequestConflict', httpStatusCode: 409 } });
    const alias = await failure(store().putAlias(aliasAt('churn', 'production', '2'), '"a1"'));
    expect(alias).toMatchObject({ code: 'CONFLICT', retryable: true });
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0); // nothing to compare with yet
  });

  it('putAlias: 412 (moved) and 404 NoSuchKey (deleted) are a CONFLICT to read again, not to retry as is', async () => {
    s3.on(GetObjectCommand).resolves(body(JSON.stringify(aliasAt('churn', 'production', '9')), '"other"'));
    s3.on(PutObjectCommand).rejectsOnce(s3Error('PreconditionFailed', 412)).rejectsOnce(s3Error('NoSuchKey', 404));
    for (let i = 0; i < 2; i++) {
      const error = await failure(store().putAlias(aliasAt('churn', 'production', '2', ['1']), '"a1"'));
      expect(error).toBeInstanceOf(ConflictError);
      expect(error).toMatchObject({ retryable: false });
      expect(error.message).toMatch(/moved by another writer since it was read/);
    }
  });

  it('access denied on PutObject is ACCESS_DENIED naming s3:PutObject', async () => {
    s3.on(PutObjectCommand).rejects(s3Error('AccessDenied', 403));
    const error = await failure(store().createVersion(sampleVersion('churn', '3')));
    expect(error).toBeInstanceOf(AccessDeniedError);
    expect(error).toMatchObject({ action: 's3:PutObject' });
  });

  it('a missing record is undefined, a missing bucket is NOT_FOUND', async () => {
    s3.on(GetObjectCommand).rejectsOnce(s3Error('NoSuchKey', 404)).rejectsOnce(s3Error('NoSuchBucket', 404));
    expect(await store().getVersion('churn', '3')).toBeUndefined();
    await expect(store().getVersion('churn', '3')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('a record that is not JSON is INTEGRITY naming s3://bucket/key', async () => {
    s3.on(GetObjectCommand).resolves(body('<html>'));
    const error = await failure(store().getAlias('churn', 'production'));
    expect(error).toMatchObject({
      code: 'INTEGRITY',
      location: 's3://ml-registry/reg/models/churn/aliases/production.json',
    });
  });
});

describe('listings', () => {
  it('follows continuation tokens with MaxKeys 1000, and names come from common prefixes', async () => {
    s3.on(ListObjectsV2Command, { Prefix: 'reg/models/churn/versions/' })
      .resolvesOnce({
        IsTruncated: true,
        NextContinuationToken: 't1',
        Contents: [{ Key: 'reg/models/churn/versions/1.json' }, { Key: 'reg/models/churn/versions/notes.txt' }],
      })
      .resolvesOnce({ IsTruncated: false, Contents: [{ Key: 'reg/models/churn/versions/2.json' }] });
    s3.on(ListObjectsV2Command, { Prefix: 'reg/models/' }).resolves({
      IsTruncated: false,
      CommonPrefixes: [{ Prefix: 'reg/models/churn/' }, { Prefix: 'reg/models/iris/' }],
    });
    expect(await store().listVersions('churn')).toEqual(['1', '2']);
    expect(await store().listNames()).toEqual(['churn', 'iris']);
    expect(s3.commandCalls(ListObjectsV2Command).map((call) => call.args[0].input)).toEqual([
      { Bucket: 'ml-registry', Prefix: 'reg/models/churn/versions/', MaxKeys: 1000 },
      { Bucket: 'ml-registry', Prefix: 'reg/models/churn/versions/', MaxKeys: 1000, ContinuationToken: 't1' },
      { Bucket: 'ml-registry', Prefix: 'reg/models/', MaxKeys: 1000, Delimiter: '/' },
    ]);
  });
});

describe('artifacts from S3', () => {
  it('hashes the source (If-Match on its ETag) and copies it with CopySourceIfMatch, the SHA-256 and encryption', async () => {
    const hash = createHash('sha256').update('abc').digest('hex');
    const target = `reg/artifacts/${hash}/model v1.tar.gz`;
    s3.on(HeadObjectCommand, { Key: 'in/model v1.tar.gz' }).resolves({
      ContentLength: 3,
      ETag: '"src"',
      ContentType: 'application/gzip',
    });
    s3.on(HeadObjectCommand, { Key: target }).rejects(s3Error('NotFound', 404));
    s3.on(GetObjectCommand).resolves({ Body: Readable.from([Buffer.from('abc')]) as never });
    s3.on(CopyObjectCommand).resolves({});
    const artifact = await store({ kmsKeyId: KMS_ARN }).storeArtifact('churn', {
      kind: 's3',
      uri: 's3://team-bucket/in/model v1.tar.gz',
    });
    expect(artifact).toEqual({
      uri: `s3://ml-registry/${target}`,
      sha256: hash,
      bytes: 3,
      packaging: 'tar.gz',
      fileName: 'model v1.tar.gz',
    });
    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'team-bucket',
      Key: 'in/model v1.tar.gz',
      IfMatch: '"src"',
    });
    expect(s3.commandCalls(CopyObjectCommand).map((call) => call.args[0].input)).toEqual([
      {
        Bucket: 'ml-registry',
        Key: target,
        CopySource: 'team-bucket/in/model%20v1.tar.gz',
        CopySourceIfMatch: '"src"',
        MetadataDirective: 'REPLACE',
        Metadata: { 'modelship-sha256': hash },
        ContentType: 'application/gzip',
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: KMS_ARN,
        BucketKeyEnabled: true,
      },
    ]);
  });
});
