/**
 * Exclusive version creation without a conditional create: writers racing for one version string, the first
 * package SageMaker numbered wins, the others delete theirs. Also the race window the emulation leaves open when
 * listings lag behind creates, shown as it is.
 */
import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../../../src/errors.js';
import { decodeRecord } from '../../../../src/registry/stores/sagemaker/record-codec.js';
import { aVersion, fakeRegistryAws } from './support/setup.js';

describe('SageMaker registry store: racing writers', () => {
  it('two writers, other content: one created, the other deletes its package and gets CONFLICT', async () => {
    const { sagemaker, store } = fakeRegistryAws();
    sagemaker.holdCreates(2); // both have checked and found nothing before either creates
    const outcomes = await Promise.allSettled([
      store().createVersion(aVersion({ metrics: { auc: 0.9 } })),
      store().createVersion(aVersion({ metrics: { auc: 0.8 } })),
    ]);

    const created = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as Error] : []));
    expect(created).toEqual([{ status: 'fulfilled', value: 'created' }]);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(ConflictError);
    expect(refused[0]?.message).toMatch(/registered by another writer at the same time/);
    // Both created a package; the later one deleted itself.
    expect(sagemaker.log.filter((line) => line.startsWith('CreateModelPackage '))).toHaveLength(2);
    expect(sagemaker.log).toContain('DeleteModelPackage churn/2');
    expect(sagemaker.packagesOf('churn').map((pkg) => pkg.number)).toEqual([1]);
    const winner = outcomes.findIndex((o) => o.status === 'fulfilled');
    await expect(store().getVersion('churn', '1')).resolves.toMatchObject({
      metrics: { auc: winner === 0 ? 0.9 : 0.8 },
    });
  });

  it('two writers, same content: created and unchanged, one package left', async () => {
    const { sagemaker, store } = fakeRegistryAws();
    sagemaker.holdCreates(2);
    const outcomes = await Promise.all([
      store().createVersion(aVersion()),
      store().createVersion(aVersion({ createdAt: '2025-01-01T00:00:01.000Z' })),
    ]);
    expect(outcomes.sort()).toEqual(['created', 'unchanged']);
    expect(sagemaker.packagesOf('churn')).toHaveLength(1);
  });

  it('ten writers at once, each with its own content: exactly one version, nothing overwritten', async () => {
    const { sagemaker, store } = fakeRegistryAws();
    sagemaker.holdCreates(10);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => store().createVersion(aVersion({ metadata: { writer: String(i) } }))),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'rejected' && o.reason instanceof ConflictError)).toHaveLength(9);
    expect(sagemaker.packagesOf('churn').map((pkg) => pkg.number)).toEqual([1]);
  });

  it('the window: when listings lag, both writers report created; every reader still sees the first package', async () => {
    const { sagemaker, store } = fakeRegistryAws();
    sagemaker.holdCreates(2);
    sagemaker.lagListings = true; // neither writer's second listing shows the other's package
    const outcomes = await Promise.all([
      store().createVersion(aVersion({ metrics: { auc: 0.9 } })),
      store().createVersion(aVersion({ metrics: { auc: 0.8 } })),
    ]);
    expect(outcomes).toEqual(['created', 'created']);

    sagemaker.hidden.clear(); // the listing catches up
    const [first, second] = sagemaker.packagesOf('churn');
    expect(second).toBeDefined(); // the shadowed duplicate, visible in Studio
    const firstRecord = await decodeRecord(first!.properties, first!.arn, async () => undefined);
    await expect(store().getVersion('churn', '1')).resolves.toEqual(firstRecord);
    await expect(store().listVersions('churn')).resolves.toEqual(['1']);
    // Every reader agrees on the first package; deleting the version removes the duplicate too.
    const readers = await Promise.all([store().getVersion('churn', '1'), store().getVersion('churn', '1')]);
    expect(readers[0]).toEqual(readers[1]);
    await store().deleteVersion('churn', '1');
    expect(sagemaker.packagesOf('churn')).toEqual([]);
  });

  it('a writer that comes after the race is refused before it creates anything', async () => {
    const { sagemaker, store } = fakeRegistryAws();
    await store().createVersion(aVersion());
    await expect(store().createVersion(aVersion({ metrics: { auc: 0.1 } }))).rejects.toBeInstanceOf(ConflictError);
    expect(sagemaker.log.filter((line) => line.startsWith('CreateModelPackage '))).toHaveLength(1);
  });
});
