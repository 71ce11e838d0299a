/**
 * `registry register` and `list` on an S3 registry: `--registry s3://bucket/prefix` against a real S3-compatible
 * server on loopback (s3rver, with S3's conditional writes), reached as the CLI reaches S3: through the AWS SDK's
 * own environment settings (endpoint, keys, region), since the CLI builds its clients itself.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BUCKET, OTHER_BUCKET, startRegistryServer } from '../../registry/stores/s3/fixtures.js';
import { filesUnder } from '../../registry/support.js';
import type { S3Server } from '../../support/s3-server.js';
import { json, run, workspace, writeModel } from './support.js';

let s3: S3Server;
let cwd: string;

beforeAll(async () => {
  s3 = await startRegistryServer();
  cwd = await workspace();
  await writeModel(cwd, 'iris.onnx', 'an iris model');
  await writeModel(cwd, 'folder/model.onnx', 'a packaged model');
  vi.stubEnv('AWS_ENDPOINT_URL_S3', s3.endpoint);
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'S3RVER');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'S3RVER');
  vi.stubEnv('AWS_REGION', s3.region);
  // s3rver predates S3's default CRC32 checksums; and a failure on loopback is a bug, not a blip to retry.
  vi.stubEnv('AWS_REQUEST_CHECKSUM_CALCULATION', 'WHEN_REQUIRED');
  vi.stubEnv('AWS_RESPONSE_CHECKSUM_VALIDATION', 'WHEN_REQUIRED');
  vi.stubEnv('AWS_MAX_ATTEMPTS', '1');
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await s3?.close();
});

describe('modelship registry on S3', () => {
  const registry = `s3://${BUCKET}/cli/models`;

  it('registers a file and a folder into the bucket, then lists them newest first', async () => {
    const first = await run(
      [
        'registry',
        'register',
        'iris',
        'iris.onnx',
        '--metric',
        'accuracy=0.97',
        '--alias',
        'staging',
        '--json',
        '--registry',
        registry,
      ],
      { cwd },
    );
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(json(first)).toMatchObject({
      version: {
        version: '1',
        artifact: {
          uri: `s3://${BUCKET}/cli/models/artifacts/${sha256('an iris model')}/iris.onnx`,
          sha256: sha256('an iris model'),
        },
      },
      alias: { alias: 'staging', version: '1' },
    });
    const second = await run(['registry', '--registry', registry, 'register', 'iris', 'folder'], { cwd });
    expect(second).toMatchObject({ code: 0, stdout: expect.stringContaining('Registered iris@2') });

    const listed = await run(['registry', 'list', 'iris', '--json', '--registry', registry], { cwd });
    expect(listed.code).toBe(0);
    const doc = json<{ versions: { version: string; aliases: string[]; artifact: { packaging: string } }[] }>(listed);
    expect(doc.versions.map((v) => [v.version, v.aliases, v.artifact.packaging])).toEqual([
      ['2', [], 'tar.gz'],
      ['1', ['staging'], 'file'],
    ]);
    // Everything went to the bucket: nothing was written next to the models.
    expect(await filesUnder(cwd)).toEqual(['folder/model.onnx', 'iris.onnx']);
  });

  it("takes the bucket, prefix and endpoint from the config's registry and aws", async () => {
    const dir = await workspace();
    await writeModel(dir, 'iris.onnx', 'a configured model');
    const config = {
      model: { file: './iris.onnx' },
      target: { type: 'local' },
      aws: { region: s3.region, endpoints: { s3: s3.endpoint }, s3ForcePathStyle: true },
      registry: { s3: { bucket: BUCKET, prefix: 'from-config' } },
    };
    await writeFile(join(dir, 'modelship.config.json'), JSON.stringify(config));
    vi.stubEnv('AWS_ENDPOINT_URL_S3', '');
    try {
      const registered = await run(['registry', 'register', 'iris', 'iris.onnx', '--json'], { cwd: dir });
      expect(registered.code).toBe(0);
      expect(json(registered)).toMatchObject({
        version: { artifact: { uri: expect.stringMatching(/^s3:\/\/registry\/from-config\/artifacts\//) } },
      });
      const listed = await run(['registry', 'list', 'iris', '--json', '--registry', `s3://${BUCKET}/from-config`], {
        cwd: dir,
      });
      expect(json<{ versions: unknown[] }>(listed).versions).toHaveLength(1);
    } finally {
      vi.stubEnv('AWS_ENDPOINT_URL_S3', s3.endpoint);
    }
  });

  it('registers an s3:// artifact from another bucket: copied into the registry, with its framework', async () => {
    await s3.client.send(
      new PutObjectCommand({ Bucket: OTHER_BUCKET, Key: 'team/churn/model.tar.gz', Body: 'archive bytes' }),
    );
    const registered = await run(
      [
        'registry',
        'register',
        'churn',
        `s3://${OTHER_BUCKET}/team/churn/model.tar.gz`,
        '--framework',
        'sklearn',
        '--framework-version',
        '1.2-1',
        '--json',
        '--registry',
        registry,
      ],
      { cwd },
    );
    expect(registered.code).toBe(0);
    expect(json(registered)).toMatchObject({
      version: {
        version: '1',
        framework: 'sklearn',
        frameworkVersion: '1.2-1',
        artifact: {
          uri: `s3://${BUCKET}/cli/models/artifacts/${sha256('archive bytes')}/model.tar.gz`,
          packaging: 'tar.gz',
        },
      },
    });
  });

  it('an S3 registry of another prefix does not see them', async () => {
    const other = await run(['registry', 'list', 'iris', '--registry', `s3://${BUCKET}/elsewhere`], { cwd });
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('No model named iris is registered');
  });
});

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
