/**
 * Registry on the local store: registering, reading, listing, aliases, promotion, rollback, approvals, deletion and
 * the refusals, each checked against what ends up on disk.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Model } from '../../src/deploy/model.js';
import { Registry } from '../../src/registry/registry.js';
import { filesUnder, modelFile, newRegistry, rejection, tempDir } from './support.js';

describe('register', () => {
  it('numbers versions from 1 and records the artifact, serving facts, time and author', async () => {
    const { registry, dir } = await newRegistry();
    const model = await modelFile('model one');
    const v1 = await registry.register(model, {
      name: 'churn',
      metadata: { owner: 'ml-team' },
      metrics: { auc: 0.91 },
      description: 'First cut.',
      lineage: { run: 'run-1' },
      contentTypes: ['application/json'],
    });
    expect(v1).toMatchObject({
      name: 'churn',
      version: '1',
      framework: 'onnx',
      metadata: { owner: 'ml-team' },
      metrics: { auc: 0.91 },
      description: 'First cut.',
      lineage: { run: 'run-1' },
      contentTypes: ['application/json'],
      createdAt: '2026-01-01T00:00:01.000Z',
      createdBy: 'test@host',
      artifact: { packaging: 'file', fileName: 'model.onnx', bytes: 9 },
    });
    expect(v1.artifact?.uri).toBe(join(dir, 'artifacts', v1.artifact?.sha256 ?? '', 'model.onnx'));
    expect(await readFile(v1.artifact?.uri ?? '', 'utf8')).toBe('model one');
    const v2 = await registry.register(await modelFile('model two'), { name: 'churn' });
    expect(v2.version).toBe('2');
    expect(await registry.get('churn', '1')).toEqual(v1);
  });

  it('returns an explicit version unchanged when registered again with the same content', async () => {
    const { registry } = await newRegistry();
    const first = await registry.register(await modelFile('same'), { name: 'churn', version: '1.0.0' });
    const again = await registry.register(await modelFile('same'), { name: 'churn', version: '1.0.0' });
    expect(again).toEqual(first);
  });

  it('refuses an explicit version that exists with other content (CONFLICT), leaving it as it was', async () => {
    const { registry } = await newRegistry();
    const first = await registry.register(await modelFile('one'), { name: 'churn', version: '1.0.0' });
    const error = await rejection(registry.register(await modelFile('two'), { name: 'churn', version: '1.0.0' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/already exists .* with other content/);
    const other = await rejection(
      registry.register(await modelFile('one'), { name: 'churn', version: '1.0.0', metadata: { x: 'y' } }),
    );
    expect(other.code).toBe('CONFLICT');
    expect(await registry.get('churn', '1.0.0')).toEqual(first);
  });

  it('stores a folder as a reproducible model.tar.gz, and the same bytes once', async () => {
    const { registry, dir } = await newRegistry();
    const folder = await tempDir('modelship-folder-');
    await import('node:fs/promises').then((fs) => fs.writeFile(join(folder, 'model.onnx'), 'bytes'));
    const a = await registry.register(Model.fromDirectory(folder), { name: 'churn' });
    const b = await registry.register(Model.fromDirectory(folder), { name: 'churn' });
    expect(a.artifact).toMatchObject({ packaging: 'tar.gz', fileName: 'model.tar.gz' });
    expect(b.artifact).toEqual(a.artifact);
    expect((await filesUnder(join(dir, 'artifacts'))).filter((f) => !f.startsWith('.'))).toEqual([
      `${a.artifact?.sha256}/model.tar.gz`,
    ]);
  });

  it('registers an image-only model without an artifact', async () => {
    const { registry } = await newRegistry();
    const image = '123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1';
    const v = await registry.register(Model.fromImage(image, { env: { MODE: 'fast' } }), { name: 'churn' });
    expect(v).toMatchObject({ version: '1', image, env: { MODE: 'fast' } });
    expect(v.artifact).toBeUndefined();
  });

  it.each([
    ['a bad name', { name: 'churn_v2' }, 'name'],
    ['a bad version', { name: 'churn', version: 'v1' }, 'version'],
    ['a non-string metadata value', { name: 'churn', metadata: { n: 3 as unknown as string } }, 'metadata.n'],
    ['metadata with a character SageMaker refuses', { name: 'churn', metadata: { t: 'a,b' } }, 'metadata.t'],
    ['a metric that is not a finite number', { name: 'churn', metrics: { auc: Number.NaN } }, 'metrics.auc'],
    ['a bad content type', { name: 'churn', contentTypes: ['json'] }, 'contentTypes[0]'],
    ['a description over 1024 characters', { name: 'churn', description: 'x'.repeat(1025) }, 'description'],
  ])('refuses %s before writing anything', async (_, options, argument) => {
    const { registry, dir } = await newRegistry();
    const error = await rejection(registry.register(await modelFile('x'), options));
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', argument });
    expect(await filesUnder(dir)).toEqual([]);
  });

  it('refuses handler models and S3 artifacts, saying why', async () => {
    const { registry, dir } = await newRegistry();
    const handler = await rejection(registry.register(Model.fromHandler('/x/handler.js'), { name: 'churn' }));
    expect(handler.message).toMatch(/not JavaScript handlers/);
    const s3 = await rejection(registry.register(Model.fromS3('s3://bucket/model.tar.gz'), { name: 'churn' }));
    expect(s3.message).toMatch(/keeps local files only/);
    expect(await filesUnder(join(dir, 'models'))).toEqual([]);
  });

  it('does not give out the number of a deleted version again', async () => {
    const { registry } = await newRegistry();
    await registry.register(await modelFile('one'), { name: 'churn' });
    await registry.register(await modelFile('two'), { name: 'churn' });
    await registry.delete('churn', '2');
    expect((await registry.register(await modelFile('three'), { name: 'churn' })).version).toBe('3');
    const error = await rejection(registry.register(await modelFile('two'), { name: 'churn', version: '2' }));
    expect(error.message).toMatch(/was deleted/);
  });
});

describe('reading', () => {
  it('gets by version or alias, and resolves references', async () => {
    const { registry } = await newRegistry();
    const v1 = await registry.register(await modelFile('one'), { name: 'churn' });
    await registry.setAlias('churn', 'production', '1');
    expect(await registry.get('churn', 'production')).toEqual(v1);
    expect(await registry.resolve('churn@production')).toEqual(v1);
    expect(await registry.resolve('churn@1')).toEqual(v1);
    const bare = await rejection(registry.resolve('churn'));
    expect(bare).toMatchObject({ code: 'INVALID_ARGUMENT', argument: 'ref' });
    expect(bare.message).toMatch(/Aliases of churn: production \(version 1\)/);
  });

  it('reports unknown models, versions and aliases as NOT_FOUND, listing the aliases there are', async () => {
    const { registry } = await newRegistry();
    await registry.register(await modelFile('one'), { name: 'churn' });
    await registry.setAlias('churn', 'staging', '1');
    expect((await rejection(registry.get('churn', '7'))).code).toBe('NOT_FOUND');
    const alias = await rejection(registry.get('churn', 'production'));
    expect(alias).toMatchObject({ code: 'NOT_FOUND' });
    expect(alias.message).toMatch(/its aliases are: staging/);
    expect((await rejection(registry.resolve('fraud'))).code).toBe('NOT_FOUND');
    expect((await rejection(registry.list('fraud'))).code).toBe('NOT_FOUND');
    expect((await rejection(registry.history('fraud'))).code).toBe('NOT_FOUND');
  });

  it('lists in pages: numbers ascending, then semvers by precedence, across inserts', async () => {
    const { registry } = await newRegistry();
    for (let i = 0; i < 12; i++) await registry.register(await modelFile(`n${i}`), { name: 'churn' });
    for (const version of ['1.0.0', '1.0.0-rc.1', '0.9.0', '1.10.0', '1.2.0']) {
      await registry.register(await modelFile(version), { name: 'churn', version });
    }
    const seen: string[] = [];
    let page = await registry.list('churn', { limit: 5 });
    seen.push(...page.versions.map((v) => v.version));
    // A version registered between pages shows up on a later page; none is repeated or skipped.
    await registry.register(await modelFile('late'), { name: 'churn', version: '2.0.0' });
    while (page.cursor !== undefined) {
      page = await registry.list('churn', { limit: 5, cursor: page.cursor });
      expect(page.versions.length).toBeLessThanOrEqual(5);
      seen.push(...page.versions.map((v) => v.version));
    }
    const numbers = Array.from({ length: 12 }, (_, i) => String(i + 1));
    expect(seen).toEqual([...numbers, '0.9.0', '1.0.0-rc.1', '1.0.0', '1.2.0', '1.10.0', '2.0.0']);
    expect((await registry.list('churn')).versions).toHaveLength(18);
    expect(await rejection(registry.list('churn', { limit: 0 }))).toMatchObject({ argument: 'limit' });
    expect(await rejection(registry.list('churn', { cursor: 'x' }))).toMatchObject({ argument: 'cursor' });
  });
});

describe('aliases', () => {
  async function threeVersions(): Promise<Registry> {
    const { registry } = await newRegistry();
    for (const content of ['one', 'two', 'three']) await registry.register(await modelFile(content), { name: 'churn' });
    return registry;
  }

  it('promotes, rolls back step by step, records every move, and stops when there is nothing left', async () => {
    const registry = await threeVersions();
    await registry.setAlias('churn', 'production', '1');
    await registry.setAlias('churn', 'staging', '2');
    await registry.promote('churn', { from: 'staging', to: 'production' });
    await registry.setAlias('churn', 'staging', '3');
    const promoted = await registry.promote('churn', { from: 'staging', to: 'production' });
    expect(promoted.version).toBe('3');
    expect((await registry.rollback('churn', 'production')).version).toBe('2');
    expect((await registry.rollback('churn', 'production')).version).toBe('1');
    const none = await rejection(registry.rollback('churn', 'production'));
    expect(none).toMatchObject({ code: 'NOT_FOUND' });
    expect(none.message).toMatch(/no earlier version/);
    const production = (await registry.aliases('churn')).find((a) => a.alias === 'production');
    expect(production?.history.map((c) => [c.reason, c.version, c.from])).toEqual([
      ['set', '1', undefined],
      ['promote', '2', 'staging'],
      ['promote', '3', 'staging'],
      ['rollback', '2', undefined],
      ['rollback', '1', undefined],
    ]);
  });

  it('gives the history as one timeline of registrations and alias moves', async () => {
    const registry = await threeVersions();
    await registry.setAlias('churn', 'production', '1');
    await registry.setAlias('churn', 'production', '2');
    await registry.rollback('churn', 'production');
    const history = await registry.history('churn');
    expect(
      history.map((e) => (e.kind === 'registered' ? `v${e.version}` : `${e.reason}:${e.version}<${e.previous}`)),
    ).toEqual(['v1', 'v2', 'v3', 'set:1<undefined', 'set:2<1', 'rollback:1<2']);
    expect(history.map((e) => e.at)).toEqual([...history.map((e) => e.at)].sort());
  });

  it('changes nothing when an alias is set where it already points', async () => {
    const registry = await threeVersions();
    const first = await registry.setAlias('churn', 'production', '1');
    expect(await registry.setAlias('churn', 'production', '1')).toEqual(first);
    expect(first.history).toHaveLength(1);
  });

  it('refuses aliases to unknown versions, bad alias names, and promoting an alias to itself', async () => {
    const registry = await threeVersions();
    expect((await rejection(registry.setAlias('churn', 'production', '9'))).code).toBe('NOT_FOUND');
    expect(await rejection(registry.setAlias('churn', '3', '1'))).toMatchObject({ argument: 'alias' });
    expect(await rejection(registry.promote('churn', { from: 'x', to: 'x' }))).toMatchObject({ argument: 'to' });
    expect((await rejection(registry.promote('churn', { from: 'staging', to: 'production' }))).code).toBe('NOT_FOUND');
  });

  it('refuses to delete a version an alias points at, naming the aliases', async () => {
    const registry = await threeVersions();
    await registry.setAlias('churn', 'production', '2');
    await registry.setAlias('churn', 'canary', '2');
    const error = await rejection(registry.delete('churn', '2'));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/churn@canary, churn@production point at it/);
    await registry.setAlias('churn', 'production', '3');
    await registry.setAlias('churn', 'canary', '3');
    await registry.delete('churn', '2');
    expect((await rejection(registry.get('churn', '2'))).code).toBe('NOT_FOUND');
    expect((await registry.list('churn')).versions.map((v) => v.version)).toEqual(['1', '3']);
    // Rolling back to the deleted version is refused rather than pointing the alias at nothing.
    expect((await rejection(registry.rollback('churn', 'production'))).message).toMatch(/which is gone/);
  });
});

describe('approvals', () => {
  it('starts pending, and records approval and rejection', async () => {
    const { registry } = await newRegistry();
    await registry.register(await modelFile('one'), { name: 'churn' });
    expect(await registry.approval('churn', '1')).toBe('pending');
    await registry.approve('churn', '1');
    expect(await registry.approval('churn', '1')).toBe('approved');
    await registry.reject('churn', '1');
    expect(await registry.approval('churn', '1')).toBe('rejected');
    expect((await rejection(registry.approve('churn', '2'))).code).toBe('NOT_FOUND');
  });
});

describe('Registry.local', () => {
  it('keeps the registry in the folder given', async () => {
    const dir = await tempDir();
    const registry = Registry.local(join(dir, 'reg'));
    await registry.register(await modelFile('one'), { name: 'iris' });
    expect(await filesUnder(join(dir, 'reg', 'models'))).toEqual(['iris/versions/1.json']);
    expect(registry.store.description).toBe(`local registry ${join(dir, 'reg')}`);
  });
});
