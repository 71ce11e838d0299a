/**
 * Artifacts in the SageMaker registry store: a model.tar.gz at a content-addressed key of the artifact bucket
 * (what a model package's ModelDataUrl may point to), stored once, and checked against its recorded SHA-256.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IntegrityError, InvalidArgumentError, NotFoundError } from '../../../../src/errors.js';
import { SHA256_METADATA } from '../../../../src/model/artifact/metadata.js';
import { sha256File } from '../../../../src/model/artifact/sha256.js';
import { BUCKET, failure, fakeRegistryAws } from './support/setup.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'modelship-sagemaker-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('SageMaker registry store: artifacts', () => {
  it('packages a model file as model.tar.gz at a content-addressed key, once', async () => {
    const { s3, store } = fakeRegistryAws();
    const path = join(dir, 'iris.onnx');
    await writeFile(path, 'onnx bytes');

    const artifact = await store().storeArtifact('churn', { kind: 'file', path });
    expect(artifact).toMatchObject({ packaging: 'tar.gz', fileName: 'iris.onnx' });
    expect(artifact.uri).toBe(`s3://${BUCKET}/modelship-registry/artifacts/churn/${artifact.sha256}/model.tar.gz`);
    const key = artifact.uri.slice(`s3://${BUCKET}/`.length);
    expect(s3.object(BUCKET, key)?.metadata[SHA256_METADATA]).toBe(artifact.sha256);
    expect(s3.object(BUCKET, key)?.body.length).toBe(artifact.bytes);

    await expect(store().storeArtifact('churn', { kind: 'file', path })).resolves.toEqual(artifact);
    expect(s3.stub.commandCalls(PutObjectCommand)).toHaveLength(1);
    await expect(store().verifyArtifact(artifact)).resolves.toBeUndefined();
  });

  it('packages a folder, and keeps a ready-made archive as it is', async () => {
    const { store } = fakeRegistryAws();
    await mkdir(join(dir, 'model'));
    await writeFile(join(dir, 'model', 'model.joblib'), 'joblib bytes');
    const folder = await store().storeArtifact('churn', { kind: 'directory', path: join(dir, 'model') });
    expect(folder).toMatchObject({ packaging: 'tar.gz', fileName: 'model.tar.gz' });

    const archive = join(dir, 'model.tar.gz');
    await writeFile(archive, 'pretend gzip');
    const kept = await store().storeArtifact('churn', { kind: 'file', path: archive });
    expect(kept.sha256).toBe(await sha256File(archive));
  });

  it('copies an S3 artifact into its own keeping', async () => {
    const { s3, store } = fakeRegistryAws();
    s3.write('team-bucket', 'models/churn/model.tar.gz', 'archive from training');
    const artifact = await store().storeArtifact('churn', {
      kind: 's3',
      uri: 's3://team-bucket/models/churn/model.tar.gz',
    });
    expect(artifact.uri).toMatch(
      /^s3:\/\/ml-registry\/modelship-registry\/artifacts\/churn\/[0-9a-f]{64}\/model\.tar\.gz$/,
    );
    expect(artifact.bytes).toBe('archive from training'.length);
    await expect(store().verifyArtifact(artifact)).resolves.toBeUndefined();
  });

  it('refuses a tampered or truncated artifact with INTEGRITY, and a missing one with NOT_FOUND', async () => {
    const { s3, store } = fakeRegistryAws();
    const path = join(dir, 'iris.onnx');
    await writeFile(path, 'onnx bytes');
    const artifact = await store().storeArtifact('churn', { kind: 'file', path });
    const key = artifact.uri.slice(`s3://${BUCKET}/`.length);

    s3.write(BUCKET, key, 'replaced', { [SHA256_METADATA]: artifact.sha256 });
    const truncated = await failure(store().verifyArtifact(artifact));
    expect(truncated).toBeInstanceOf(IntegrityError);
    expect((truncated as IntegrityError).location).toBe(artifact.uri);

    s3.write(BUCKET, key, 'x'.repeat(artifact.bytes), { [SHA256_METADATA]: 'b'.repeat(64) });
    await expect(store().verifyArtifact(artifact)).rejects.toBeInstanceOf(IntegrityError);

    s3.objects.clear();
    await expect(store().verifyArtifact(artifact)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses an artifact bucket outside the region, before uploading', async () => {
    const { s3, store } = fakeRegistryAws();
    s3.bucketRegion = 'us-east-1';
    const path = join(dir, 'iris.onnx');
    await writeFile(path, 'onnx bytes');
    const error = await failure(store().storeArtifact('churn', { kind: 'file', path }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toMatch(/us-east-1.*eu-west-1/);
    expect(s3.stub.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('checks its options and names before any call', () => {
    const { store } = fakeRegistryAws();
    expect(() => store({ artifactBucket: 'Not_A_Bucket' })).toThrow(InvalidArgumentError);
    expect(() => store({ prefix: 'a b{c}' })).toThrow(InvalidArgumentError);
    expect(() => store({ groupPrefix: '-ml' })).toThrow(InvalidArgumentError);
    expect(() => store({ kmsKeyId: 'not-a-key' })).toThrow(InvalidArgumentError);
    expect(store({ groupPrefix: 'ml-', prefix: '/ml/registry/' }).description).toBe(
      'SageMaker Model Registry (groups ml-*), s3://ml-registry/ml/registry',
    );
  });
});
