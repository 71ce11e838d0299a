/**
 * The S3 store's artifacts on a real S3-compatible server: local files and folders uploaded content-addressed,
 * artifacts already in S3 copied in with their SHA-256 computed, the same bytes stored once, and tampered or
 * missing artifacts refused by verifyArtifact.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntegrityError, InvalidArgumentError, NotFoundError } from '../../../../src/errors.js';
import type { S3Server } from '../../../support/s3-server.js';
import { BUCKET, OTHER_BUCKET, startRegistryServer, storeOn } from './fixtures.js';

let s3: S3Server;
let dir: string;

beforeAll(async () => {
  [s3, dir] = await Promise.all([startRegistryServer(), mkdtemp(join(tmpdir(), 'modelship-s3-registry-'))]);
});

afterAll(async () => {
  await s3?.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

function put(bucket: string, key: string, body: string, metadata?: Record<string, string>) {
  return s3.client.send(
    new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ...(metadata ? { Metadata: metadata } : {}) }),
  );
}

async function modelFile(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe('storeArtifact', () => {
  it('uploads a local file as it is, content-addressed under <prefix>/artifacts, and stores the same bytes once', async () => {
    const store = storeOn(s3, 'files');
    const path = await modelFile('iris.onnx', 'onnx bytes');
    const hash = sha256('onnx bytes');
    const artifact = await store.storeArtifact('iris', { kind: 'file', path });
    expect(artifact).toEqual({
      uri: `s3://${BUCKET}/files/artifacts/${hash}/iris.onnx`,
      sha256: hash,
      bytes: 10,
      packaging: 'file',
      fileName: 'iris.onnx',
    });
    const head = await s3.client.send(
      new HeadObjectCommand({ Bucket: BUCKET, Key: `files/artifacts/${hash}/iris.onnx` }),
    );
    expect(head.Metadata?.['modelship-sha256']).toBe(hash);

    s3.sent.length = 0;
    expect(await store.storeArtifact('iris', { kind: 'file', path })).toEqual(artifact);
    expect(s3.sent).toEqual(['HeadObjectCommand']); // found, not uploaded again
    await store.verifyArtifact(artifact);
  });

  it('packages a local folder as model.tar.gz', async () => {
    const store = storeOn(s3, 'folders');
    const folder = join(dir, 'churn');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'model.json'), '{"trees": []}');
    const artifact = await store.storeArtifact('churn', { kind: 'directory', path: folder });
    expect(artifact).toMatchObject({ packaging: 'tar.gz', fileName: 'model.tar.gz' });
    expect(artifact.uri).toBe(`s3://${BUCKET}/folders/artifacts/${artifact.sha256}/model.tar.gz`);
    await store.verifyArtifact(artifact);
  });

  it('refuses a local path that is not there, before any call', async () => {
    const store = storeOn(s3, 'missing');
    s3.sent.length = 0;
    await expect(store.storeArtifact('x', { kind: 'file', path: join(dir, 'nope.onnx') })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    expect(s3.sent).toEqual([]);
  });

  it('copies an artifact from another bucket into its keeping, hashing it, and finds it there the next time', async () => {
    const store = storeOn(s3, 'copied');
    await put(OTHER_BUCKET, 'team/churn/model.tar.gz', 'archive bytes');
    const hash = sha256('archive bytes');
    const uri = `s3://${OTHER_BUCKET}/team/churn/model.tar.gz`;
    const artifact = await store.storeArtifact('churn', { kind: 's3', uri });
    expect(artifact).toEqual({
      uri: `s3://${BUCKET}/copied/artifacts/${hash}/model.tar.gz`,
      sha256: hash,
      bytes: 13,
      packaging: 'tar.gz',
      fileName: 'model.tar.gz',
    });
    await store.verifyArtifact(artifact);

    s3.sent.length = 0;
    expect(await store.storeArtifact('churn', { kind: 's3', uri })).toEqual(artifact);
    expect(s3.sent).not.toContain('CopyObjectCommand');
    // An artifact already in the registry's keeping is recorded as it is.
    s3.sent.length = 0;
    expect(await store.storeArtifact('churn', { kind: 's3', uri: artifact.uri })).toEqual(artifact);
    expect(s3.sent).not.toContain('CopyObjectCommand');
  });

  it('refuses an S3 artifact whose bytes are not what its SHA-256 metadata claims', async () => {
    const store = storeOn(s3, 'lying');
    await put(OTHER_BUCKET, 'lying/model.onnx', 'changed bytes', { 'modelship-sha256': sha256('original bytes') });
    const error = await store
      .storeArtifact('x', { kind: 's3', uri: `s3://${OTHER_BUCKET}/lying/model.onnx` })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrityError);
    expect(error).toMatchObject({ location: `s3://${OTHER_BUCKET}/lying/model.onnx` });
  });

  it('reports an S3 artifact that does not exist as NOT_FOUND naming it', async () => {
    const store = storeOn(s3, 'absent');
    const uri = `s3://${OTHER_BUCKET}/absent/model.tar.gz`;
    const error = await store.storeArtifact('x', { kind: 's3', uri }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toContain(uri);
  });
});

describe('verifyArtifact', () => {
  async function stored(prefix: string, content: string) {
    const store = storeOn(s3, prefix);
    const artifact = await store.storeArtifact('m', { kind: 'file', path: await modelFile(`${prefix}.onnx`, content) });
    const key = artifact.uri.slice(`s3://${BUCKET}/`.length);
    return { store, artifact, key };
  }

  it('refuses a body replaced under the same metadata (as CopyObject or the console can do), naming the artifact', async () => {
    const { store, artifact, key } = await stored('tampered', 'good model');
    // Same size, same metadata: only the bytes tell.
    await put(BUCKET, key, 'evil model', { 'modelship-sha256': artifact.sha256 });
    const error = await store.verifyArtifact(artifact).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrityError);
    expect(error).toMatchObject({ code: 'INTEGRITY', location: artifact.uri });
    expect((error as Error).message).toMatch(/not what was registered.*its bytes have SHA-256/);
  });

  it('refuses an object replaced by an ordinary upload (metadata gone) or truncated', async () => {
    const { store, artifact, key } = await stored('replaced', 'good model');
    await put(BUCKET, key, 'good model');
    await expect(store.verifyArtifact(artifact)).rejects.toThrow(/recorded SHA-256 metadata is missing/);
    await put(BUCKET, key, 'good', { 'modelship-sha256': artifact.sha256 });
    await expect(store.verifyArtifact(artifact)).rejects.toThrow(/it is 4 bytes, not the 10 registered/);
  });

  it('above hashLimitBytes checks metadata and size only, as documented', async () => {
    const { artifact, key } = await stored('large', 'good model');
    await put(BUCKET, key, 'evil model', { 'modelship-sha256': artifact.sha256 });
    s3.sent.length = 0;
    await storeOn(s3, 'large', { hashLimitBytes: 5 }).verifyArtifact(artifact);
    expect(s3.sent).toEqual(['HeadObjectCommand']);
  });

  it('reports an artifact that is gone as NOT_FOUND naming it', async () => {
    const { store, artifact, key } = await stored('gone', 'good model');
    await s3.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));
    const error = await store.verifyArtifact(artifact).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ resource: { kind: 'S3 object', name: artifact.uri } });
  });
});
