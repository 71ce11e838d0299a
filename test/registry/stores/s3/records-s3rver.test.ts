/**
 * The S3 store's records on a real S3-compatible server: round trips, listings across pages, approvals, deletion,
 * and corrupt records reported with their `s3://` URI rather than skipped or overwritten.
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntegrityError, InvalidArgumentError, NotFoundError } from '../../../../src/errors.js';
import { S3RegistryStore } from '../../../../src/registry/stores/s3/index.js';
import type { S3Server } from '../../../support/s3-server.js';
import { aliasAt, BUCKET, sampleVersion, startRegistryServer, storeOn } from './fixtures.js';

let s3: S3Server;

beforeAll(async () => {
  s3 = await startRegistryServer();
});

afterAll(async () => {
  await s3?.close();
});

function putRaw(key: string, body: string) {
  return s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
}

describe('records', () => {
  it('keeps a version as JSON under <prefix>/models/<name>/versions/<version>.json and reads it back', async () => {
    const store = storeOn(s3, 'ml/registry/');
    expect(store.description).toBe('S3 registry s3://registry/ml/registry');
    const version = sampleVersion('churn', '1.4.0', { description: 'first', env: { A: '1' }, lineage: { run: 'r1' } });
    expect(await store.createVersion(version)).toBe('created');
    expect(await store.getVersion('churn', '1.4.0')).toEqual(version);
    expect(await store.getVersion('churn', '9')).toBeUndefined();
    const object = await s3.client.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'ml/registry/models/churn/versions/1.4.0.json' }),
    );
    expect(JSON.parse((await object.Body?.transformToString()) ?? '')).toEqual(version);
    expect(object.ContentType).toBe('application/json');
  });

  it('lists versions, names and aliases; deletes a version; approvals default to pending', async () => {
    const store = storeOn(s3, 'lists');
    await Promise.all(['1', '2', '3'].map((v) => store.createVersion(sampleVersion('churn', v))));
    await store.createVersion(sampleVersion('iris', '1'));
    await store.putAlias(aliasAt('churn', 'production', '2'), undefined);
    await store.putAlias(aliasAt('churn', 'staging', '3'), undefined);
    expect((await store.listVersions('churn')).sort()).toEqual(['1', '2', '3']);
    expect((await store.listNames()).sort()).toEqual(['churn', 'iris']);
    expect((await store.listAliases('churn')).map((a) => [a.alias, a.version]).sort()).toEqual([
      ['production', '2'],
      ['staging', '3'],
    ]);
    expect(await store.listAliases('iris')).toEqual([]);
    expect(await store.listVersions('nothing')).toEqual([]);

    await store.deleteVersion('churn', '1');
    expect((await store.listVersions('churn')).sort()).toEqual(['2', '3']);
    expect(await store.getVersion('churn', '1')).toBeUndefined();

    expect(await store.getApproval('churn', '2')).toBe('pending');
    await store.setApproval('churn', '2', 'approved');
    expect(await store.getApproval('churn', '2')).toBe('approved');
    await store.setApproval('churn', '2', 'rejected');
    expect(await store.getApproval('churn', '2')).toBe('rejected');
  });

  it('never gives a deleted version number again, even to a writer racing the deletion', async () => {
    const store = storeOn(s3, 'deleted');
    const version = sampleVersion('churn', '5');
    await store.createVersion(version);
    await expect(store.deleteVersion('churn', '6')).rejects.toBeInstanceOf(NotFoundError);
    await store.deleteVersion('churn', '5');
    expect(await store.listVersions('churn')).toEqual([]);
    await expect(store.createVersion(version)).rejects.toThrow(/was deleted .* never registered again/);
    expect(await store.getVersion('churn', '5')).toBeUndefined(); // the refused write took itself back

    await store.createVersion(sampleVersion('churn', '7'));
    const results = await Promise.allSettled([
      store.deleteVersion('churn', '7'),
      ...Array.from({ length: 10 }, () => store.createVersion(sampleVersion('churn', '7', { description: 'again' }))),
    ]);
    expect(results[0]?.status).toBe('fulfilled');
    expect(results.slice(1).every((r) => r.status === 'rejected')).toBe(true);
    expect(await store.getVersion('churn', '7')).toBeUndefined();
  });

  it('follows ListObjectsV2 continuation tokens across pages (page size 7)', async () => {
    const store = storeOn(s3, 'paged', { pageSize: 7 });
    const versions = Array.from({ length: 30 }, (_, i) => String(i + 1));
    await Promise.all(versions.map((v) => store.createVersion(sampleVersion('churn', v))));
    const names = Array.from({ length: 16 }, (_, i) => `model-${String(i).padStart(2, '0')}`);
    await Promise.all(names.map((name) => store.createVersion(sampleVersion(name, '1'))));
    s3.sent.length = 0;
    expect((await store.listVersions('churn')).sort((a, b) => Number(a) - Number(b))).toEqual(versions);
    expect(s3.sent.filter((c) => c === 'ListObjectsV2Command')).toHaveLength(5); // 7+7+7+7+2
    expect((await store.listNames()).sort()).toEqual([...names, 'churn'].sort());
  });

  it('refuses names, versions and aliases that would leave their folder, before any call', async () => {
    const store = storeOn(s3, 'names');
    s3.sent.length = 0;
    await expect(store.getVersion('a/b', '1')).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(store.createVersion(sampleVersion('churn', '../1'))).rejects.toMatchObject({ argument: 'version' });
    await expect(store.getAlias('churn', '..')).rejects.toMatchObject({ argument: 'alias' });
    expect(s3.sent).toEqual([]);
  });

  it('refuses bad options at construction', () => {
    expect(() => new S3RegistryStore(s3.aws, { bucket: 'Bad_Bucket' })).toThrow(InvalidArgumentError);
    expect(() => new S3RegistryStore(s3.aws, { bucket: BUCKET, prefix: 'a//b' })).toThrow(/empty folder name/);
    expect(() => new S3RegistryStore(s3.aws, { bucket: BUCKET, kmsKeyId: 'not-a-key' })).toThrow(/KMS key/);
    expect(() => new S3RegistryStore(s3.aws, { bucket: BUCKET, pageSize: 5000 })).toThrow(/pageSize/);
  });

  it('reports a missing bucket as NOT_FOUND, never as "no record"', async () => {
    const store = new S3RegistryStore(s3.aws, { bucket: 'no-such-bucket' });
    await expect(store.getVersion('churn', '1')).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.listNames()).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('corrupt records', () => {
  it('a version that is not valid JSON is an IntegrityError naming its s3:// URI, and is never overwritten', async () => {
    const store = storeOn(s3, 'corrupt');
    const key = 'corrupt/models/churn/versions/3.json';
    await putRaw(key, '{"name": "churn", "vers');
    const error = await store.getVersion('churn', '3').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrityError);
    expect(error).toMatchObject({ code: 'INTEGRITY', location: `s3://${BUCKET}/${key}` });
    expect((error as Error).message).toContain(`s3://${BUCKET}/${key}`);
    expect((error as Error).message).toMatch(/not valid JSON/);

    await expect(store.createVersion(sampleVersion('churn', '3'))).rejects.toBeInstanceOf(IntegrityError);
    const object = await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(await object.Body?.transformToString()).toBe('{"name": "churn", "vers');
  });

  it('a record that is JSON but not the record its key names is an IntegrityError too', async () => {
    const store = storeOn(s3, 'mismatch');
    await putRaw('mismatch/models/churn/versions/4.json', JSON.stringify(sampleVersion('churn', '5')));
    await expect(store.getVersion('churn', '4')).rejects.toThrow(/"version" is "5" but its key says "4"/);
    await putRaw('mismatch/models/churn/aliases/production.json', '[]');
    await expect(store.getAlias('churn', 'production')).rejects.toBeInstanceOf(IntegrityError);
    await expect(store.listAliases('churn')).rejects.toBeInstanceOf(IntegrityError);
    await putRaw('mismatch/models/churn/approvals/4.json', '{"name":"churn","version":"4","status":"maybe"}');
    await expect(store.getApproval('churn', '4')).rejects.toThrow(/"status" is "maybe"/);
  });
});
