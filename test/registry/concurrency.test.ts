/**
 * Many writers at once, in one process and in several: registrations get distinct numbers with nothing lost or
 * overwritten, and alias moves are compare-and-swaps (one of two racing promotions wins, the other gets CONFLICT).
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../src/errors.js';
import { Registry } from '../../src/registry/registry.js';
import type { RegistryStore } from '../../src/registry/store.js';
import { LocalRegistryStore } from '../../src/registry/stores/local/local-store.js';
import type { ModelVersion } from '../../src/registry/types.js';
import { filesUnder, modelFile, newRegistry, rejection, tempDir } from './support.js';

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));

/** Runs a worker script of this folder in a child process and parses what it prints. */
async function worker<T>(script: string, ...args: string[]): Promise<T> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', join(here, script), ...args], {
    env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' },
  });
  return JSON.parse(stdout) as T;
}

/** Checks that versions 1..n all exist, each with its own artifact, metadata and untouched record. */
async function expectAllDistinct(registry: Registry, dir: string, n: number): Promise<ModelVersion[]> {
  const versions: ModelVersion[] = [];
  let page = await registry.list('churn', { limit: 1000 });
  versions.push(...page.versions);
  while (page.cursor !== undefined) {
    page = await registry.list('churn', { limit: 1000, cursor: page.cursor });
    versions.push(...page.versions);
  }
  expect(versions.map((v) => v.version)).toEqual(Array.from({ length: n }, (_, i) => String(i + 1)));
  const writers = new Set(versions.map((v) => `${v.metadata.writer}/${v.metadata.index}`));
  expect(writers.size).toBe(n);
  expect(new Set(versions.map((v) => v.artifact?.sha256)).size).toBe(n);
  // No temp file left behind, and every record on disk is the one listed.
  const files = await filesUnder(join(dir, 'models', 'churn', 'versions'));
  expect(files).toHaveLength(n);
  for (const v of versions) {
    const onDisk = JSON.parse(await readFile(join(dir, 'models', 'churn', 'versions', `${v.version}.json`), 'utf8'));
    expect(onDisk).toEqual(v);
  }
  return versions;
}

describe('concurrent registrations', () => {
  it('gives 100 concurrent registrations in one process 100 distinct versions', async () => {
    const { registry, dir } = await newRegistry();
    const models = await Promise.all(Array.from({ length: 100 }, (_, i) => modelFile(`model ${i}`)));
    const results = await Promise.all(
      models.map((model, i) =>
        registry.register(model, { name: 'churn', metadata: { writer: 'main', index: String(i) } }),
      ),
    );
    expect(new Set(results.map((v) => v.version)).size).toBe(100);
    await expectAllDistinct(registry, dir, 100);
  });

  it('gives 4 processes registering 25 each at once 100 distinct versions', async () => {
    const dir = join(await tempDir(), 'registry');
    const results = await Promise.all(
      ['a', 'b', 'c', 'd'].map((tag) => worker<string[]>('register-worker.ts', dir, '25', tag)),
    );
    expect(new Set(results.flat()).size).toBe(100);
    await expectAllDistinct(Registry.local(dir), dir, 100);
  }, 60_000);

  it('numbers identical content registered at once as separate versions', async () => {
    const { registry } = await newRegistry();
    const model = await modelFile('the same bytes');
    // Same bytes, same metadata: only the registration time differs. Without an explicit version every
    // registration is a new version, even when another one with the same content takes the number first.
    const results = await Promise.all(Array.from({ length: 10 }, () => registry.register(model, { name: 'churn' })));
    expect(new Set(results.map((v) => v.version)).size).toBe(10);
    expect(new Set(results.map((v) => v.artifact?.uri)).size).toBe(1);
  });
});

/** A store whose getAlias of `alias` waits until `parties` callers are reading it, so they all read the same state. */
function barrierOnAlias(store: RegistryStore, alias: string, parties: number): RegistryStore {
  let waiting = 0;
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property !== 'getAlias') return typeof value === 'function' ? value.bind(target) : value;
      return async (name: string, which: string) => {
        const state = await target.getAlias(name, which);
        if (which === alias && ++waiting <= parties) {
          if (waiting === parties) open();
          await gate;
        }
        return state;
      };
    },
  });
}

describe('alias races', () => {
  it('lets one of two simultaneous promotions win; the other gets CONFLICT and history stays consistent', async () => {
    const { registry, store } = await newRegistry();
    for (const content of ['one', 'two', 'three']) await registry.register(await modelFile(content), { name: 'churn' });
    await registry.setAlias('churn', 'production', '1');
    await registry.setAlias('churn', 'staging', '2');
    await registry.setAlias('churn', 'canary', '3');
    const racing = new Registry(barrierOnAlias(store, 'production', 2), { user: 'racer' });
    const outcomes = await Promise.allSettled([
      racing.promote('churn', { from: 'staging', to: 'production' }),
      racing.promote('churn', { from: 'canary', to: 'production' }),
    ]);
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o) => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    const production = await registry.get('churn', 'production');
    const winner = (won[0] as PromiseFulfilledResult<{ version: string }>).value.version;
    expect(production.version).toBe(winner);
    const state = (await registry.aliases('churn')).find((a) => a.alias === 'production');
    expect(state?.history.map((c) => c.version)).toEqual(['1', winner]);
    // The loser reads again and decides again: now it can promote.
    expect((await registry.rollback('churn', 'production')).version).toBe('1');
  });

  it('lets exactly one of 20 writers with the same expected revision through', async () => {
    const { registry, store } = await newRegistry();
    await registry.register(await modelFile('one'), { name: 'churn' });
    await registry.setAlias('churn', 'production', '1');
    const current = await store.getAlias('churn', 'production');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        store.putAlias(
          {
            ...(current?.value ?? { name: 'churn', alias: 'production', version: '1', history: [] }),
            history: [...(current?.value.history ?? []), { version: '1', reason: 'set', at: `${i}`, by: `w${i}` }],
          },
          current?.revision,
        ),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes.filter((o) => o.status === 'rejected')) {
      expect((o as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    }
    expect((await store.getAlias('churn', 'production'))?.value.history).toHaveLength(2);
  });

  it('loses no alias move when 4 processes move one alias 20 times each', async () => {
    const { registry, dir } = await newRegistry();
    await registry.register(await modelFile('one'), { name: 'churn' });
    await registry.register(await modelFile('two'), { name: 'churn' });
    const results = await Promise.all(
      ['a', 'b', 'c', 'd'].map((tag) => worker<{ conflicts: number }>('alias-worker.ts', dir, '20', tag)),
    );
    const state = await new LocalRegistryStore(dir).getAlias('churn', 'production');
    expect(state?.value.history).toHaveLength(80);
    // Every move alternated from the state it read: no two moves read the same state.
    state?.value.history.forEach((change, i) => {
      expect(change.version).toBe(i % 2 === 0 ? '1' : '2');
    });
    expect(results.every((r) => r.conflicts >= 0)).toBe(true);
    expect(await filesUnder(join(dir, 'models', 'churn', 'aliases'))).toEqual(['production.json']);
  }, 60_000);

  it('refuses a write whose expected revision is stale', async () => {
    const { registry, store } = await newRegistry();
    await registry.register(await modelFile('one'), { name: 'churn' });
    await registry.setAlias('churn', 'production', '1');
    const state = (await store.getAlias('churn', 'production'))?.value;
    if (state === undefined) throw new Error('alias missing');
    expect((await rejection(store.putAlias(state, 'not-the-revision'))).code).toBe('CONFLICT');
    expect((await rejection(store.putAlias(state, undefined))).message).toMatch(/created by another writer/);
  });
});
