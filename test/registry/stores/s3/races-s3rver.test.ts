/**
 * The S3 store's races against a real S3-compatible server on loopback that enforces conditional writes the way S3
 * does (test/support/s3rver-conditional.ts): exclusive version creation with `If-None-Match: *` and alias
 * compare-and-swap with `If-Match`. Nothing lost, nothing overwritten.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError } from '../../../../src/errors.js';
import type { S3RegistryStore } from '../../../../src/registry/stores/s3/index.js';
import type { S3Server } from '../../../support/s3-server.js';
import { aliasAt, outcomes, sampleVersion, startRegistryServer, storeOn, tally } from './fixtures.js';

let s3: S3Server;

beforeAll(async () => {
  s3 = await startRegistryServer();
});

afterAll(async () => {
  await s3?.close();
});

describe('createVersion: 100 writers at once', () => {
  it('creates 100 distinct versions written at once, each exactly once', async () => {
    const store = storeOn(s3, 'distinct');
    const numbers = Array.from({ length: 100 }, (_, i) => String(i + 1));
    const results = await Promise.allSettled(numbers.map((n) => store.createVersion(sampleVersion('churn', n))));
    expect(tally(outcomes(results))).toEqual({ created: 100 });
    expect((await store.listVersions('churn')).sort((a, b) => Number(a) - Number(b))).toEqual(numbers);
  });

  it('of 100 writers of one number with other content, one creates it and 99 get CONFLICT; the winner stays', async () => {
    const store = storeOn(s3, 'same-number');
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) => store.createVersion(sampleVersion('churn', '7', { description: `w${i}` }))),
    );
    expect(tally(outcomes(results))).toEqual({ created: 1, CONFLICT: 99 });
    const winner = results.findIndex((result) => result.status === 'fulfilled');
    expect((await store.getVersion('churn', '7'))?.description).toBe(`w${winner}`);
    const loser = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason).toBeInstanceOf(ConflictError);
    expect((loser.reason as Error).message).toMatch(/version 7 of "churn" already exists with other content/);
  });

  it('of 100 writers of one number with the same content, one creates it and 99 find it unchanged', async () => {
    const store = storeOn(s3, 'same-content');
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) =>
        // Who and when differ between runs of one script: they are not content.
        store.createVersion(
          sampleVersion('churn', '1.4.0', { createdBy: `writer-${i}`, createdAt: `2025-01-0${(i % 9) + 1}` }),
        ),
      ),
    );
    expect(tally(outcomes(results))).toEqual({ created: 1, unchanged: 99 });
  });

  // 40 rather than 100: every attempt lists the versions, so the work grows with the square of the writers, and
  // s3rver lists slowly (it reads every object's metadata). The exclusivity itself is shown with 100 above.
  it('40 writers numbering their own versions (read the highest, write the next, retry on CONFLICT) get 40 distinct numbers', async () => {
    const store = storeOn(s3, 'numbering');
    const attempts = { count: 0 };
    const register = async (writer: number): Promise<string> => {
      for (;;) {
        const versions = await store.listVersions('churn');
        const next = String(Math.max(0, ...versions.map(Number)) + 1);
        attempts.count += 1;
        try {
          await store.createVersion(sampleVersion('churn', next, { description: `writer ${writer}` }));
          return next;
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
        }
      }
    };
    const numbers = await Promise.all(Array.from({ length: 40 }, (_, writer) => register(writer)));
    expect(new Set(numbers).size).toBe(40);
    expect((await store.listVersions('churn')).length).toBe(40);
    // Each writer's description is in the version it was given: nothing was overwritten.
    const stored = await Promise.all(numbers.map((n) => store.getVersion('churn', n)));
    expect(stored.map((v) => v?.description)).toEqual(numbers.map((_, writer) => `writer ${writer}`));
    expect(attempts.count).toBeGreaterThan(40); // they did race
  }, 60_000);
});

describe('putAlias: compare-and-swap on the ETag', () => {
  it('of two writers moving the alias from the same revision, one wins and the other gets CONFLICT', async () => {
    const store = storeOn(s3, 'alias-race');
    const first = await store.putAlias(aliasAt('churn', 'production', '1'), undefined);
    const read = await store.getAlias('churn', 'production');
    expect(read?.revision).toBe(first);

    const results = await Promise.allSettled([
      store.putAlias(aliasAt('churn', 'production', '2', ['1']), first),
      store.putAlias(aliasAt('churn', 'production', '3', ['1']), first),
    ]);
    const won = results.filter((r): r is PromiseFulfilledResult<string> => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const winner = results[0]?.status === 'fulfilled' ? '2' : '3';
    const now = await store.getAlias('churn', 'production');
    expect(now?.value).toEqual(aliasAt('churn', 'production', winner, ['1']));
    expect(now?.revision).toBe(won[0]?.value);
    const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason).toMatchObject({ code: 'CONFLICT', retryable: false });
    expect((loser.reason as Error).message).toMatch(/moved by another writer/);
  });

  it('20 writers each promoting with read-and-retry all land, and the history holds every move in order', async () => {
    const store = storeOn(s3, 'alias-history');
    await store.putAlias(aliasAt('churn', 'staging', '0'), undefined);
    let conflicts = 0;
    const promote = async (version: string): Promise<void> => {
      for (;;) {
        const current = await store.getAlias('churn', 'staging');
        if (current === undefined) throw new Error('alias vanished');
        const state = {
          ...current.value,
          version,
          history: [
            ...current.value.history,
            { version, at: new Date().toISOString(), by: 'ci', reason: 'set' as const },
          ],
        };
        try {
          await store.putAlias(state, current.revision);
          return;
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
          conflicts += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: 20 }, (_, i) => promote(String(i + 1))));
    const final = await store.getAlias('churn', 'staging');
    const moves = final?.value.history.map((change) => change.version) ?? [];
    expect(moves[0]).toBe('0');
    expect([...moves.slice(1)].sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 20 }, (_, i) => String(i + 1)),
    );
    expect(final?.value.version).toBe(moves.at(-1));
    expect(conflicts).toBeGreaterThan(0);
  });

  it('of two writers creating the same alias, one wins and the other gets CONFLICT', async () => {
    const store = storeOn(s3, 'alias-create');
    const results = await Promise.allSettled([
      store.putAlias(aliasAt('churn', 'production', '1'), undefined),
      store.putAlias(aliasAt('churn', 'production', '2'), undefined),
    ]);
    expect(outcomes(results).filter((o) => o === 'CONFLICT')).toHaveLength(1);
  });

  it('refuses a revision that is not the current one, and an expected revision for an alias that is gone', async () => {
    const store: S3RegistryStore = storeOn(s3, 'alias-stale');
    const first = await store.putAlias(aliasAt('churn', 'production', '1'), undefined);
    await store.putAlias(aliasAt('churn', 'production', '2', ['1']), first);
    await expect(store.putAlias(aliasAt('churn', 'production', '3', ['1']), first)).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(store.putAlias(aliasAt('churn', 'canary', '3'), first)).rejects.toBeInstanceOf(ConflictError);
  });

  it('accepts its own write found on retry: the same state written again from a stale revision returns its revision', async () => {
    const store = storeOn(s3, 'alias-own');
    const first = await store.putAlias(aliasAt('churn', 'production', '1'), undefined);
    const state = aliasAt('churn', 'production', '2', ['1']);
    const second = await store.putAlias(state, first);
    // As if the SDK retried a request whose first attempt had succeeded: the condition fails, the state is ours.
    expect(await store.putAlias(state, first)).toBe(second);
  });
});
