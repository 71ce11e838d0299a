/**
 * uploadArtifact against a real S3-compatible server on loopback (s3rver): multipart, checksum metadata, skipping
 * what is already there, never overwriting, and aborts that leave nothing behind.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AbortedError, ConflictError, NotFoundError } from '../../../src/errors.js';
import { contentAddressedKey } from '../../../src/model/artifact/artifact-key.js';
import { checkS3Artifact } from '../../../src/model/artifact/check-s3.js';
import { packageModel } from '../../../src/model/artifact/package.js';
import { sha256File } from '../../../src/model/artifact/sha256.js';
import { uploadArtifact } from '../../../src/model/artifact/upload.js';
import { type S3Server, startS3Server } from '../../support/s3-server.js';

const BUCKET = 'artifacts';
const MiB = 1024 * 1024;
const PART = 5 * MiB;

let s3: S3Server;
let dir: string;
let big: { file: string; sha256: string };

beforeAll(async () => {
  [s3, dir] = await Promise.all([startS3Server({ buckets: [BUCKET] }), mkdtemp(join(tmpdir(), 'modelship-upload-'))]);
  big = await writeRandom('big.bin', 12 * MiB);
});

afterAll(async () => {
  await s3?.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

async function writeRandom(name: string, bytes: number): Promise<{ file: string; sha256: string }> {
  const file = join(dir, name);
  await writeFile(file, randomBytes(bytes));
  return { file, sha256: await sha256File(file) };
}

async function head(key: string) {
  return s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
}

describe('uploadArtifact on a real S3 server', () => {
  it('uploads a file larger than one part as a multipart upload, with its SHA-256 in the metadata', async () => {
    const key = contentAddressedKey('models/big', big.sha256);
    const progress: [number, number][] = [];
    s3.sent.length = 0;
    const result = await uploadArtifact(s3.aws, {
      ...big,
      bucket: BUCKET,
      key,
      partSize: PART,
      queueSize: 3,
      onProgress: (loaded, total) => progress.push([loaded, total]),
    });
    const sent = [...s3.sent].sort();
    expect(result).toEqual({ uri: `s3://${BUCKET}/${key}`, bucket: BUCKET, key, uploaded: true, bytes: 12 * MiB });

    const object = await head(key);
    expect(object.Metadata?.['modelship-sha256']).toBe(big.sha256);
    expect(object.ContentLength).toBe(12 * MiB);
    expect(sent).toEqual([
      'CompleteMultipartUploadCommand',
      'CreateMultipartUploadCommand',
      'HeadObjectCommand',
      'UploadPartCommand',
      'UploadPartCommand',
      'UploadPartCommand',
    ]);
    // Progress ends at the whole file, one report per part.
    expect(progress).toHaveLength(3);
    expect(progress.at(-1)).toEqual([12 * MiB, 12 * MiB]);

    const body = await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    const bytes = await body.Body?.transformToByteArray();
    expect(
      createHash('sha256')
        .update(bytes ?? new Uint8Array())
        .digest('hex'),
    ).toBe(big.sha256);
    expect(await s3.pendingUploads(BUCKET)).toEqual([]);

    const checked = await checkS3Artifact(s3.aws, result.uri, s3.region);
    expect(checked).toMatchObject({ bucket: BUCKET, key, bytes: 12 * MiB, sha256: big.sha256 });
  });

  it('skips the upload when the same artifact is already there', async () => {
    const key = contentAddressedKey('models/skip', big.sha256);
    const first = await uploadArtifact(s3.aws, { ...big, bucket: BUCKET, key, partSize: PART });
    const before = await head(key);
    const progress: number[] = [];
    s3.sent.length = 0;
    const second = await uploadArtifact(s3.aws, {
      ...big,
      bucket: BUCKET,
      key,
      partSize: PART,
      onProgress: (loaded) => progress.push(loaded),
    });
    expect(first.uploaded).toBe(true);
    expect(second).toEqual({ ...first, uploaded: false });
    expect(progress).toEqual([]);
    expect(s3.sent).toEqual(['HeadObjectCommand']);
    expect((await head(key)).ETag).toBe(before.ETag);
  });

  it('never overwrites: another object at the key sends the artifact to the content-addressed key beside it', async () => {
    const small = await writeRandom('small.bin', 1000);
    const key = 'models/fixed/model.tar.gz';
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'not mine to replace' }));

    const result = await uploadArtifact(s3.aws, { ...small, bucket: BUCKET, key });
    expect(result).toMatchObject({ key: `models/fixed/${small.sha256}/model.tar.gz`, uploaded: true, bytes: 1000 });
    expect((await head(key)).ContentLength).toBe('not mine to replace'.length);
    expect((await head(result.key)).Metadata?.['modelship-sha256']).toBe(small.sha256);

    // Uploading again finds it beside the occupied key.
    expect(await uploadArtifact(s3.aws, { ...small, bucket: BUCKET, key })).toEqual({ ...result, uploaded: false });
  });

  it('refuses when a content-addressed key holds other contents', async () => {
    const small = await writeRandom('other.bin', 2000);
    const key = contentAddressedKey('models/squatted', small.sha256);
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'someone else' }));
    await expect(uploadArtifact(s3.aws, { ...small, bucket: BUCKET, key })).rejects.toBeInstanceOf(ConflictError);
    expect((await head(key)).ContentLength).toBe('someone else'.length);
  });

  it('aborted mid-upload: throws AbortedError and leaves no object and no multipart upload', async () => {
    const key = contentAddressedKey('models/aborted', big.sha256);
    s3.sent.length = 0;
    const controller = new AbortController();
    const upload = uploadArtifact(s3.aws, {
      ...big,
      bucket: BUCKET,
      key,
      partSize: PART,
      // All three parts at once: when the first is done the others are still being sent, and must be cancelled
      // before the multipart upload is aborted, or a late part would outlive the abort.
      queueSize: 3,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    const error = await upload.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(AbortedError);
    expect((error as Error).message).toMatch(/multipart upload was aborted: no parts are left/);
    expect(s3.sent).toContain('AbortMultipartUploadCommand');
    expect(s3.sent).not.toContain('CompleteMultipartUploadCommand');
    await expect(head(key)).rejects.toMatchObject({ name: 'NotFound' });
    expect(await s3.pendingUploads(BUCKET)).toEqual([]);
  });

  it('aborted before it starts: no request at all', async () => {
    const controller = new AbortController();
    controller.abort();
    const key = contentAddressedKey('models/never', big.sha256);
    s3.sent.length = 0;
    await expect(
      uploadArtifact(s3.aws, { ...big, bucket: BUCKET, key, signal: controller.signal }),
    ).rejects.toBeInstanceOf(AbortedError);
    expect(s3.sent).toEqual([]);
  });

  it('a model packaged again from the same files is not uploaded again', async () => {
    const model = join(dir, 'model');
    await mkdir(join(model, 'code'), { recursive: true });
    await writeFile(join(model, 'model.pth'), randomBytes(64 * 1024));
    await writeFile(join(model, 'code', 'inference.py'), 'def model_fn(model_dir): ...\n');
    const upload = async (run: string) => {
      const archive = await packageModel({ kind: 'directory', path: model }, { workDir: join(dir, run) });
      const key = contentAddressedKey('models/packaged', archive.sha256);
      return uploadArtifact(s3.aws, { file: archive.path, sha256: archive.sha256, bucket: BUCKET, key });
    };
    const first = await upload('run-1');
    const second = await upload('run-2');
    expect(first.uploaded).toBe(true);
    expect(second).toEqual({ ...first, uploaded: false });
  });

  it('checkS3Artifact names the URI of a missing object', async () => {
    const uri = `s3://${BUCKET}/models/missing/model.tar.gz`;
    const error = await checkS3Artifact(s3.aws, uri, s3.region).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toContain(uri);
    expect((error as NotFoundError).resource).toEqual({ kind: 'S3 object', name: uri });
  });
});
