/**
 * A CI job deploys `iris@production` to Lambda; later, another process (the CLI's `rollback`) attaches to it with
 * a new builder and rolls the alias back: the previous version is redeployed and the alias and the function agree.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Model } from '../../src/deploy/model.js';
import { Registry } from '../../src/registry/registry.js';
import { churn, fakePackager, fakeServices, fastApply } from '../targets/lambda/support/setup.js';

let dir: string;
let registry: Registry;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'modelship-attach-rollback-'));
  registry = Registry.local(join(dir, 'registry'));
  for (const version of ['1', '2']) {
    const file = join(dir, `iris-v${version}.onnx`);
    await writeFile(file, `model ${version}`);
    await registry.register(Model.fromFile(file), { name: 'iris' });
  }
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('rollback from an attached handle', () => {
  it('moves the alias back and redeploys the previous version to the function the CI job made', async () => {
    const { lambda } = fakeServices();
    const { packager, code } = fakePackager();
    // The CI job: version 1, then version 2, each through the production alias.
    const deployVersion = async (version: string) => {
      await registry.setAlias('iris', 'production', version);
      code.text = `iris ${version}`;
      await churn({}, packager, Date.now, await Model.fromRegistry(registry, 'iris@production')).deploy(fastApply());
    };
    await deployVersion('1');
    await deployVersion('2');
    expect(lambda.fn('churn').tags['modelship:model-version']).toBe('iris:2');

    // Another process: a new builder of the same chain, attached.
    const attached = await churn(
      {},
      packager,
      Date.now,
      await Model.fromRegistry(registry, 'iris@production'),
    ).attach();
    expect(attached.registered).toMatchObject({ alias: 'production', version: { version: '2' } });
    expect((await attached.status()).modelVersion).toBe('iris:2');
    expect(lambda.live()).toBe('2');

    code.text = 'iris 1';
    const previous = await attached.rollback(fastApply());

    expect((await registry.get('iris', 'production')).version).toBe('1');
    expect(previous.registered?.version.version).toBe('1');
    expect(lambda.live()).toBe('3'); // version 1's code, published anew
    expect((await previous.status()).modelVersion).toBe('iris:1');
  });
});
