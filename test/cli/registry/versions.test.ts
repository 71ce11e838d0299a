/**
 * `registry list` reads every page of `Registry.list`: a model with more versions than a page still lists them all,
 * newest first, each with its aliases and approval.
 */
import { expect, it } from 'vitest';
import { listVersions } from '../../../src/cli/commands/registry/versions.js';
import { modelFile, newRegistry } from '../../registry/support.js';

it('follows the cursors to the last page and puts the newest version first', async () => {
  const { registry } = await newRegistry();
  for (const content of ['one', 'two', 'three', 'four', 'five']) {
    await registry.register(await modelFile(content), { name: 'churn' });
  }
  await registry.setAlias('churn', 'production', '2');
  await registry.setAlias('churn', 'staging', '2');
  await registry.approve('churn', '5');
  await registry.reject('churn', '1');

  const listed = await listVersions(registry, 'churn', 2);
  expect(listed.map((v) => [v.version, v.aliases, v.approval])).toEqual([
    ['5', [], 'approved'],
    ['4', [], 'pending'],
    ['3', [], 'pending'],
    ['2', ['production', 'staging'], 'pending'],
    ['1', [], 'rejected'],
  ]);
});
