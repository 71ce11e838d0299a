/**
 * The registry of the `registry` commands: `--registry` in each form, else the config's; neither is an error that
 * says what to pass.
 */
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { loadConfig, loadRegistry } from '../../../src/cli/config/index.js';
import { LocalRegistryStore } from '../../../src/registry/stores/local/local-store.js';
import { SageMakerRegistryStore } from '../../../src/registry/stores/sagemaker/store.js';
import { mockAwsClient } from '../../support/aws-contract.js';
import { failure, folderWith } from './support.js';

const localConfig = { model: { handler: './h.mjs' }, target: { type: 'local' } };

describe('loadRegistry', () => {
  it('takes a folder from --registry, relative to where the CLI runs, with no config needed', async () => {
    const cwd = await folderWith({});
    const registry = await loadRegistry({ cwd, registry: 'models' });
    expect(registry.store).toBeInstanceOf(LocalRegistryStore);
    expect((registry.store as LocalRegistryStore).dir).toBe(`${cwd}/models`);
  });

  it('reads an s3://bucket/prefix registry with the region of --region', async () => {
    const s3 = mockAwsClient(S3Client);
    s3.on(ListObjectsV2Command).resolves({ Contents: [], KeyCount: 0 });
    const cwd = await folderWith({});
    const registry = await loadRegistry({ cwd, registry: 's3://ml-registry/teams/churn', region: 'eu-west-1' });
    await registry.list('churn').catch(() => undefined);
    const call = s3.commandCalls(ListObjectsV2Command)[0];
    if (call === undefined) throw new Error('the registry sent no ListObjectsV2');
    expect(call.args[0].input).toMatchObject({
      Bucket: 'ml-registry',
      Prefix: expect.stringMatching(/^teams\/churn\//),
    });
    expect(await (call.thisValue as S3Client).config.region()).toBe('eu-west-1');
  });

  it('takes the config’s registry, its folder relative to the config file', async () => {
    const dir = await folderWith({ 'modelship.config.json': { ...localConfig, registry: { local: './registry' } } });
    const registry = await loadRegistry({ cwd: '/', file: `${dir}/modelship.config.json` });
    expect((registry.store as LocalRegistryStore).dir).toBe(`${dir}/registry`);
    expect((await loadConfig({ cwd: dir })).registry?.store).toBeInstanceOf(LocalRegistryStore);
  });

  it('makes `--registry sagemaker` from the config’s registry.sagemaker, or sagemaker://bucket/prefix', async () => {
    const dir = await folderWith({
      'modelship.config.json': { ...localConfig, registry: { sagemaker: { artifactBucket: 'ml-artifacts' } } },
    });
    expect((await loadRegistry({ cwd: dir, registry: 'sagemaker' })).store).toBeInstanceOf(SageMakerRegistryStore);
    const bare = await folderWith({});
    const url = await loadRegistry({ cwd: bare, registry: 'sagemaker://ml-artifacts/registry' });
    expect(url.store).toBeInstanceOf(SageMakerRegistryStore);
    const error = await failure(loadRegistry({ cwd: bare, registry: 'sagemaker' }));
    expect(error.message).toMatch(/--registry sagemaker:\/\/<bucket>\/<prefix>/);
  });

  it('says what to pass when there is neither a flag nor a config registry', async () => {
    const dir = await folderWith({ 'modelship.config.json': localConfig });
    const error = await failure(loadRegistry({ cwd: dir }));
    expect(error.argument).toBe('registry');
    expect(error.message).toMatch(
      /has no registry: add registry: \{ local: "\.\/registry" \}.*--registry <dir \| s3:\/\/bucket\/prefix \| sagemaker>/s,
    );
    const none = await folderWith({});
    expect((await failure(loadRegistry({ cwd: none }))).message).toMatch(/looked for modelship\.config\.ts/);
  });

  it('does not resolve the config’s registry model, which may not be registered yet', async () => {
    const dir = await folderWith({
      'modelship.config.json': {
        model: { registry: 'churn@production' },
        target: { type: 'local' },
        registry: { local: './registry' },
      },
    });
    const registry = await loadRegistry({ cwd: dir });
    expect((registry.store as LocalRegistryStore).dir).toBe(`${dir}/registry`);
    await expect(loadConfig({ cwd: dir })).rejects.toThrow(/churn/);
  });

  it('still reports a broken config when --registry is given', async () => {
    const dir = await folderWith({ 'modelship.config.json': '{ "model": ' });
    const error = await failure(loadRegistry({ cwd: dir, registry: './registry' }));
    expect(error.message).toMatch(/is not valid JSON/);
  });
});
