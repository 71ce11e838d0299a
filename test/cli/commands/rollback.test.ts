/**
 * `modelship rollback` of a config whose model is a registry alias (`churn@production`, local registry in the
 * project folder, two container-image versions so no artifact upload is involved): the alias moves back and the
 * previous version is redeployed to the fake SageMaker endpoint by a blue/green update. A config of a plain model
 * is refused as bad usage.
 */
import { join } from 'node:path';
import { UpdateEndpointCommand } from '@aws-sdk/client-sagemaker';
import { describe, expect, it } from 'vitest';
import { Model } from '../../../src/deploy/model.js';
import { Registry } from '../../../src/registry/registry.js';
import { ACCOUNT, REGION } from '../../targets/sagemaker/support/fake-sagemaker.js';
import { ROLE } from '../../targets/sagemaker/support/setup.js';
import { cli, deployedChurn, fakeAccount, jsonOf, projectWith } from './support.js';

const IMAGE = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/churn`;

const REGISTRY_CONFIG = {
  name: 'churn',
  model: { registry: 'churn@production' },
  registry: { local: './registry' },
  target: { type: 'sagemaker-realtime', instanceType: 'ml.m5.large', role: ROLE },
  aws: { region: REGION },
};

/** A project whose registry holds churn versions 1 and 2 (images `:1`, `:2`); production points at version 1. */
async function projectWithTwoVersions(): Promise<{ cwd: string; registry: Registry }> {
  const cwd = await projectWith(REGISTRY_CONFIG);
  const registry = Registry.local(join(cwd, 'registry'));
  for (const tag of ['1', '2']) await registry.register(Model.fromImage(`${IMAGE}:${tag}`), { name: 'churn' });
  await registry.setAlias('churn', 'production', '1');
  return { cwd, registry };
}

/** The image the endpoint serves now, read through the fake: endpoint → its config → the model → the image. */
function servedImage(sagemaker: ReturnType<typeof fakeAccount>['sagemaker']): string | undefined {
  const config = sagemaker.configs.get(sagemaker.endpoints.get('churn')?.config ?? '');
  const modelName = config?.input.ProductionVariants?.[0]?.ModelName ?? '';
  return sagemaker.models.get(modelName)?.input.PrimaryContainer?.Image;
}

describe('modelship rollback', () => {
  it('moves the alias back and redeploys the previous version, blue/green', async () => {
    const { sagemaker } = fakeAccount();
    const { cwd, registry } = await projectWithTwoVersions();
    expect((await cli(['deploy'], { cwd })).code).toBe(0);
    expect(servedImage(sagemaker)).toBe(`${IMAGE}:1`);
    // The release: version 2 promoted and deployed.
    expect((await cli(['registry', 'promote', 'churn', '--from', '2', '--to', 'production'], { cwd })).code).toBe(0);
    expect((await cli(['deploy'], { cwd })).code).toBe(0);
    expect(servedImage(sagemaker)).toBe(`${IMAGE}:2`);
    const updatesBefore = sagemaker.stub.commandCalls(UpdateEndpointCommand).length;

    const run = await cli(['rollback'], { cwd });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('Rolled churn back from version 2 to 1.');
    expect((await registry.get('churn', 'production')).version).toBe('1');
    expect(servedImage(sagemaker)).toBe(`${IMAGE}:1`);
    // The endpoint was updated in place (blue/green), not deleted and made again.
    expect(sagemaker.stub.commandCalls(UpdateEndpointCommand)).toHaveLength(updatesBefore + 1);
    expect(sagemaker.log.filter((line) => line.startsWith('DeleteEndpoint '))).toEqual([]);
    const status = jsonOf<{ status: { modelVersion?: string } }>(await cli(['status', '--json'], { cwd }));
    expect(status.status.modelVersion).toBe('churn:1');
  });

  it('--json prints the versions it rolled from and to', async () => {
    fakeAccount();
    const { cwd } = await projectWithTwoVersions();
    await cli(['deploy'], { cwd });
    await cli(['registry', 'promote', 'churn', '--from', '2', '--to', 'production'], { cwd });
    await cli(['deploy'], { cwd });

    const run = await cli(['rollback', '--json'], { cwd });

    expect(run.code).toBe(0);
    expect(jsonOf(run)).toMatchObject({ name: 'churn', target: 'sagemaker-realtime', from: '2', to: '1' });
  });

  it('an alias with no earlier version: exit 1, the alias and the endpoint unchanged', async () => {
    const { sagemaker } = fakeAccount();
    const { cwd, registry } = await projectWithTwoVersions();
    await cli(['deploy'], { cwd });
    const made = sagemaker.log.length;

    const run = await cli(['rollback'], { cwd });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('churn@production has no earlier version to roll back to');
    expect((await registry.get('churn', 'production')).version).toBe('1');
    expect(sagemaker.log).toHaveLength(made);
  });

  it('a config whose model is not a registry alias is bad usage (exit 2), with what to do instead', async () => {
    const { cwd, sagemaker } = await deployedChurn();
    const made = sagemaker.log.length;

    const run = await cli(['rollback'], { cwd });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Only a deployment of a registry alias can roll back');
    expect(sagemaker.log).toHaveLength(made);
  });
});
