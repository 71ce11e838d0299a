/**
 * Aliases as S3 records with ETag compare-and-swap, and their mirror on the model packages for SageMaker Studio.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { UpdateModelPackageCommand } from '@aws-sdk/client-sagemaker';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConflictError, IntegrityError, InvalidArgumentError } from '../../../../src/errors.js';
import type { AliasState } from '../../../../src/registry/types.js';
import { validation } from './support/fake-model-registry.js';
import { aVersion, BUCKET, failure, fakeRegistryAws } from './support/setup.js';

const KEY = 'modelship-registry/aliases/churn/production.json';

function moved(version: string, previous?: AliasState): AliasState {
  const change = { version, at: '2025-01-02T00:00:00.000Z', by: 'ci', reason: 'set' as const };
  return { name: 'churn', alias: 'production', version, history: [...(previous?.history ?? []), change] };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('SageMaker registry store: aliases', () => {
  it('creates only when absent and replaces only the revision read (If-None-Match, If-Match)', async () => {
    const { s3, store } = fakeRegistryAws();
    const registry = store({ mirrorAliases: false });
    await expect(registry.getAlias('churn', 'production')).resolves.toBeUndefined();

    const first = await registry.putAlias(moved('1'), undefined);
    const read = await registry.getAlias('churn', 'production');
    expect(read).toEqual({ value: moved('1'), revision: first });
    expect(s3.object(BUCKET, KEY)?.etag).toBe(first);

    const again = await failure(registry.putAlias(moved('2'), undefined));
    expect(again).toBeInstanceOf(ConflictError);
    const second = await registry.putAlias(moved('2', read?.value), first);
    await expect(registry.putAlias(moved('3', read?.value), first)).rejects.toBeInstanceOf(ConflictError);
    await expect(registry.getAlias('churn', 'production')).resolves.toEqual({
      value: moved('2', read?.value),
      revision: second,
    });
    const puts = s3.stub.commandCalls(PutObjectCommand).map((call) => call.args[0].input);
    expect(puts.map(({ IfMatch, IfNoneMatch }) => ({ IfMatch, IfNoneMatch }))).toEqual([
      { IfMatch: undefined, IfNoneMatch: '*' },
      { IfMatch: undefined, IfNoneMatch: '*' },
      { IfMatch: first, IfNoneMatch: undefined },
      { IfMatch: first, IfNoneMatch: undefined },
    ]);
  });

  it('two promotions from the same revision: one wins, the other gets CONFLICT, the history stays whole', async () => {
    const { store } = fakeRegistryAws();
    const registry = store({ mirrorAliases: false });
    await registry.putAlias(moved('1'), undefined);
    const read = await registry.getAlias('churn', 'production');

    const outcomes = await Promise.allSettled([
      store({ mirrorAliases: false }).putAlias(moved('2', read?.value), read?.revision),
      store({ mirrorAliases: false }).putAlias(moved('3', read?.value), read?.revision),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'rejected' && o.reason instanceof ConflictError)).toHaveLength(1);
    const now = await registry.getAlias('churn', 'production');
    expect(now?.value.history.map((change) => change.version)).toEqual(['1', now?.value.version]);
  });

  it('lists the aliases of a model', async () => {
    const { store } = fakeRegistryAws();
    const registry = store({ mirrorAliases: false });
    await registry.putAlias(moved('1'), undefined);
    await registry.putAlias({ ...moved('2'), alias: 'staging' }, undefined);
    const aliases = await registry.listAliases('churn');
    expect(aliases.map((state) => [state.alias, state.version]).sort()).toEqual([
      ['production', '1'],
      ['staging', '2'],
    ]);
    await expect(registry.listAliases('fraud')).resolves.toEqual([]);
    await expect(registry.getAlias('churn', '../production')).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('reports a damaged alias record with its URI, never overwriting it', async () => {
    const { s3, store } = fakeRegistryAws();
    s3.write(BUCKET, KEY, '{"name":"churn","alias":"production","version":');
    const error = await failure(store().getAlias('churn', 'production'));
    expect(error).toBeInstanceOf(IntegrityError);
    expect((error as IntegrityError).location).toBe(`s3://${BUCKET}/${KEY}`);

    s3.write(BUCKET, KEY, JSON.stringify({ ...moved('1'), alias: 'staging' }));
    await expect(store().listAliases('churn')).rejects.toThrow(/record of churn@staging, not of churn@production/);
  });

  it('mirrors the aliases onto the model packages, for SageMaker Studio', async () => {
    const { sagemaker, store } = fakeRegistryAws();
    const registry = store();
    await registry.createVersion(aVersion());
    await registry.createVersion(aVersion({ version: '2' }));

    await registry.putAlias({ ...moved('1'), alias: 'staging' }, undefined);
    const first = await registry.putAlias(moved('1'), undefined);
    const [one, two] = sagemaker.packagesOf('churn');
    expect(one?.properties['modelship:aliases']).toBe('production staging');

    const read = await registry.getAlias('churn', 'production');
    await registry.putAlias(moved('2', read?.value), first);
    expect(one?.properties['modelship:aliases']).toBe('staging');
    expect(two?.properties['modelship:aliases']).toBe('production');
    // The record is untouched by the mirror.
    await expect(store().getVersion('churn', '1')).resolves.toEqual(aVersion());
  });

  it('a failed mirror does not fail the alias move: it is a warning', async () => {
    const { sagemaker, store } = fakeRegistryAws();
    const registry = store();
    await registry.createVersion(aVersion());
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    sagemaker.stub.on(UpdateModelPackageCommand).rejects(validation('Rate exceeded for UpdateModelPackage.'));
    await expect(registry.putAlias(moved('1'), undefined)).resolves.toMatch(/^"/);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/aliases of churn moved/), {
      code: 'MODELSHIP_ALIAS_MIRROR',
    });
  });
});
