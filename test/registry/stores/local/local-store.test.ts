/**
 * The local folder store on its own: integrity (tampered artifacts, damaged records: reported with their path, never
 * skipped or overwritten), stale alias locks, and the layout on disk.
 */
import { spawnSync } from 'node:child_process';
import { appendFile, mkdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IntegrityError } from '../../../../src/errors.js';
import { LocalRegistryStore } from '../../../../src/registry/stores/local/local-store.js';
import { filesUnder, modelFile, newRegistry, rejection } from '../../support.js';

describe('artifact integrity', () => {
  it('verifies an untouched artifact, and refuses a tampered or truncated one naming its path', async () => {
    const { registry, store } = await newRegistry();
    const v = await registry.register(await modelFile('weights'), { name: 'churn' });
    const artifact = v.artifact;
    if (artifact === undefined) throw new Error('no artifact');
    await store.verifyArtifact(artifact);

    await writeFile(artifact.uri, 'WEIGHTS'); // same size, other bytes
    const tampered = await rejection(store.verifyArtifact(artifact));
    expect(tampered).toBeInstanceOf(IntegrityError);
    expect(tampered).toMatchObject({ code: 'INTEGRITY', location: artifact.uri });
    expect(tampered.message).toMatch(/its SHA-256 is [0-9a-f]{64}, not the [0-9a-f]{64} recorded/);

    await appendFile(artifact.uri, '!');
    expect((await rejection(store.verifyArtifact(artifact))).message).toMatch(/has 8 bytes, not the 7 recorded/);
  });

  it('refuses to record a new version on a tampered copy of the same bytes', async () => {
    const { registry } = await newRegistry();
    const v = await registry.register(await modelFile('weights'), { name: 'churn' });
    await writeFile(v.artifact?.uri ?? '', 'WEIGHTS');
    const error = await rejection(registry.register(await modelFile('weights'), { name: 'churn' }));
    expect(error).toMatchObject({ code: 'INTEGRITY', location: v.artifact?.uri });
    expect((await registry.list('churn')).versions).toHaveLength(1);
  });

  it('reports a missing artifact as NOT_FOUND', async () => {
    const { store } = await newRegistry();
    const artifact = {
      uri: '/nonexistent/x',
      sha256: 'a'.repeat(64),
      bytes: 1,
      packaging: 'file',
      fileName: 'x',
    } as const;
    expect((await rejection(store.verifyArtifact(artifact))).code).toBe('NOT_FOUND');
  });
});

describe('damaged records', () => {
  it('reports a version file that is not JSON with its path, and never overwrites it', async () => {
    const { registry, dir } = await newRegistry();
    await registry.register(await modelFile('one'), { name: 'churn' });
    const path = join(dir, 'models', 'churn', 'versions', '1.json');
    await writeFile(path, '{"name": "churn", "vers');
    const model = await modelFile('one');
    for (const attempt of [
      () => registry.get('churn', '1'),
      () => registry.list('churn'),
      () => registry.history('churn'),
      () => registry.register(model, { name: 'churn', version: '1' }),
    ]) {
      const error = await rejection(attempt());
      expect(error).toBeInstanceOf(IntegrityError);
      expect(error).toMatchObject({ location: path });
      expect(error.message).toContain(path);
    }
    // Numbering skips past it rather than treating the number as free.
    expect((await registry.register(await modelFile('two'), { name: 'churn' })).version).toBe('2');
    expect(await readFile(path, 'utf8')).toBe('{"name": "churn", "vers');
  });

  it('reports valid JSON that is not the record it should be', async () => {
    const { registry, dir } = await newRegistry();
    await registry.register(await modelFile('one'), { name: 'churn' });
    const path = join(dir, 'models', 'churn', 'versions', '1.json');
    await writeFile(path, JSON.stringify({ name: 'fraud', version: '1' }));
    expect(await rejection(registry.get('churn', '1'))).toMatchObject({ code: 'INTEGRITY', location: path });
  });

  it('reports a damaged alias, and will not move it', async () => {
    const { registry, dir } = await newRegistry();
    await registry.register(await modelFile('one'), { name: 'churn' });
    await registry.register(await modelFile('two'), { name: 'churn' });
    await registry.setAlias('churn', 'production', '1');
    const path = join(dir, 'models', 'churn', 'aliases', 'production.json');
    await writeFile(path, 'not json');
    expect(await rejection(registry.get('churn', 'production'))).toMatchObject({ code: 'INTEGRITY', location: path });
    expect(await rejection(registry.setAlias('churn', 'production', '2'))).toMatchObject({ code: 'INTEGRITY' });
    expect(await rejection(registry.delete('churn', '2'))).toMatchObject({ code: 'INTEGRITY' });
    expect(await readFile(path, 'utf8')).toBe('not json');
  });

  it('reports a damaged approval and a stray file among the versions', async () => {
    const { registry, dir } = await newRegistry();
    await registry.register(await modelFile('one'), { name: 'churn' });
    const approval = join(dir, 'models', 'churn', 'approvals', '1.json');
    await mkdir(join(approval, '..'), { recursive: true });
    await writeFile(approval, '{"status":"maybe"}');
    expect(await rejection(registry.approval('churn', '1'))).toMatchObject({ code: 'INTEGRITY', location: approval });
    const stray = join(dir, 'models', 'churn', 'versions', 'backup.json');
    await writeFile(stray, '{}');
    expect(await rejection(registry.list('churn'))).toMatchObject({ code: 'INTEGRITY', location: stray });
    const strayAlias = join(dir, 'models', 'churn', 'aliases', 'prod_old.json');
    await mkdir(join(strayAlias, '..'), { recursive: true });
    await writeFile(strayAlias, '{}');
    expect(await rejection(registry.aliases('churn'))).toMatchObject({ code: 'INTEGRITY', location: strayAlias });
  });
});

describe('alias locks', () => {
  async function lockedAlias(owner: string, options: { lockStaleMs?: number; lockTimeoutMs?: number } = {}) {
    const { registry, dir } = await newRegistry();
    await registry.register(await modelFile('one'), { name: 'churn' });
    await registry.setAlias('churn', 'production', '1');
    const lock = join(dir, 'models', 'churn', 'aliases', 'production.lock');
    await writeFile(lock, owner);
    const store = new LocalRegistryStore(dir, options);
    const current = await store.getAlias('churn', 'production');
    if (current === undefined) throw new Error('alias missing');
    const state = { ...current.value, history: [...current.value.history, { ...current.value.history[0]! }] };
    return { store, lock, put: () => store.putAlias(state, current.revision) };
  }

  it('breaks a lock whose process on this host is gone', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid ?? 999_999;
    const { put, lock } = await lockedAlias(JSON.stringify({ pid: dead, host: hostname(), token: 'x', at: 'then' }));
    await put();
    expect(await filesUnder(join(lock, '..'))).toEqual(['production.json']);
  });

  it('breaks an unreadable lock once it is older than lockStaleMs', async () => {
    const { put, lock } = await lockedAlias('', { lockStaleMs: 1000 });
    const old = new Date(Date.now() - 5000);
    await utimes(lock, old, old);
    await put();
  });

  it('waits for a live lock, then gives up with a retryable CONFLICT naming the lock file', async () => {
    const live = JSON.stringify({ pid: process.pid, host: hostname(), token: 'y', at: 'now' });
    const { put, lock } = await lockedAlias(live, { lockTimeoutMs: 200 });
    const error = await rejection(put());
    expect(error).toMatchObject({ code: 'CONFLICT', retryable: true });
    expect(error.message).toContain(lock);
    expect(await readFile(lock, 'utf8')).toBe(live);
  });
});

describe('layout', () => {
  it('keeps versions, aliases, approvals and artifacts where the layout says, with no temp files left', async () => {
    const { registry, dir } = await newRegistry();
    const v = await registry.register(await modelFile('one', 'iris.onnx'), { name: 'iris' });
    await registry.setAlias('iris', 'production', '1');
    await registry.approve('iris', '1');
    expect(await filesUnder(dir)).toEqual([
      `artifacts/${v.artifact?.sha256}/iris.onnx`,
      'models/iris/aliases/production.json',
      'models/iris/approvals/1.json',
      'models/iris/versions/1.json',
    ]);
    expect(await new LocalRegistryStore(dir).listNames()).toEqual(['iris']);
  });

  it('checks names before they become paths', async () => {
    const { store } = await newRegistry();
    expect(await rejection(store.getVersion('../x', '1'))).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(await rejection(store.getAlias('churn', '../../x'))).toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
