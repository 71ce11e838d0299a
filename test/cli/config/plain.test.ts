/**
 * Plain configs (JSON) become the deployment the fluent API would make: the same plan on Local, the same
 * factory checks on SageMaker and Lambda, and a schema mistake is one readable error before anything runs.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/cli/config/index.js';
import { planToJSON } from '../../../src/deploy/format.js';
import { Model } from '../../../src/deploy/model.js';
import { Local } from '../../../src/targets/local/index.js';
import { ECHO_HANDLER, failure, folderWith } from './support.js';

describe('a JSON config', () => {
  it('plans exactly as the fluent chain it describes, with paths taken from the config file', async () => {
    const dir = await folderWith({
      'handler.mjs': ECHO_HANDLER,
      'modelship.config.json': {
        name: 'echo',
        model: { handler: './handler.mjs' },
        target: { type: 'local', port: 0, requestTimeoutMs: 5000 },
        tags: { team: 'ml' },
      },
    });
    // Loaded from another folder with --config: the handler is still found next to the config.
    const loaded = await loadConfig({ cwd: '/', file: join(dir, 'modelship.config.json') });
    const fluent = Model.fromHandler(join(dir, 'handler.mjs'))
      .deployTo(Local({ port: 0, requestTimeoutMs: 5000 }))
      .withName('echo')
      .withTags({ team: 'ml' });
    expect(planToJSON(await loaded.builder.plan())).toEqual(planToJSON(await fluent.plan()));
    expect(loaded.file).toBe(join(dir, 'modelship.config.json'));
    expect(loaded.plain?.name).toBe('echo');
  });

  it('maps a directory model and the Local async store folder relative to the config', async () => {
    const dir = await folderWith({ 'modelship.config.json': '{}' });
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(join(dir, 'echo'));
    await writeFile(join(dir, 'echo', 'handler.js'), ECHO_HANDLER);
    await writeFile(
      join(dir, 'modelship.config.json'),
      JSON.stringify({ model: { directory: './echo' }, target: { type: 'local' } }),
    );
    const loaded = await loadConfig({ cwd: dir });
    const fluent = Model.fromDirectory(join(dir, 'echo')).deployTo(Local());
    expect(planToJSON(await loaded.builder.plan())).toEqual(planToJSON(await fluent.plan()));
  });

  it('serves the model on Local instead of its target for `modelship local`, dropping the target features', async () => {
    const dir = await folderWith({
      'handler.mjs': ECHO_HANDLER,
      'modelship.config.json': {
        name: 'churn',
        model: { handler: './handler.mjs' },
        target: { type: 'sagemaker-realtime', instanceType: 'ml.m5.large', createRole: true },
        autoscaling: { min: 1, max: 4, targetInvocationsPerInstance: 100 },
      },
    });
    const loaded = await loadConfig({ cwd: dir, target: { type: 'local', port: 8089 } });
    const fluent = Model.fromHandler(join(dir, 'handler.mjs'))
      .deployTo(Local({ port: 8089 }))
      .withName('churn');
    expect(planToJSON(await loaded.builder.plan())).toEqual(planToJSON(await fluent.plan()));
  });

  it.each([
    ['sagemaker-realtime (no role)', { type: 'sagemaker-realtime', instanceType: 'ml.m5.large' }, /role|createRole/],
    [
      'sagemaker-serverless (memory)',
      { type: 'sagemaker-serverless', memoryMb: 1000, maxConcurrency: 5, createRole: true },
      /memoryMb/,
    ],
    [
      'sagemaker-async (output)',
      { type: 'sagemaker-async', instanceType: 'ml.m5.large', outputS3Uri: 'nope', createRole: true },
      /outputS3Uri/,
    ],
    ['lambda (memory)', { type: 'lambda', memoryMb: 64, timeoutS: 30, createRole: true }, /memoryMb/],
  ])('makes %s with the target factory, whose own check refuses a bad value', async (_name, target, message) => {
    const dir = await folderWith({
      'modelship.config.json': { model: { s3: 's3://ml-artifacts/churn/model.tar.gz' }, target },
    });
    const error = await failure(loadConfig({ cwd: dir }));
    expect(error.message).toMatch(message);
    expect(error.message).not.toMatch(/config schema/);
  });

  it('checks the options of each model form with its factory (an image model with a bad modelData)', async () => {
    const dir = await folderWith({
      'modelship.config.json': {
        model: { image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:1', modelData: 'http://x' },
        target: { type: 'lambda', memoryMb: 1024, timeoutS: 30, createRole: true },
      },
    });
    expect((await failure(loadConfig({ cwd: dir }))).message).toMatch(/modelData must be an S3 URI/);
  });

  it('says a registry model needs a registry', async () => {
    const dir = await folderWith({
      'modelship.config.json': { model: { registry: 'churn@production' }, target: { type: 'local' } },
    });
    const error = await failure(loadConfig({ cwd: dir }));
    expect(error.argument).toBe('model.registry');
    expect(error.message).toMatch(/needs a registry/);
  });
});

describe('a config that does not pass the schema', () => {
  it('lists every problem with its path and what is allowed, in one error', async () => {
    const dir = await folderWith({
      'modelship.config.json': {
        nmae: 'typo',
        model: { file: './m.onnx', framework: 'onnxx' },
        target: { type: 'sagemaker-realtime', instanceType: 5, createRole: true, instanceCuont: 2 },
      },
    });
    const error = await failure(loadConfig({ cwd: dir }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain('does not match the config schema');
    expect(error.message).toContain('  - target.instanceType: expected string, got 5');
    expect(error.message).toMatch(
      / {2}- target\.instanceCuont: unknown key; did you mean instanceCount\? allowed: type, endpointName, role, .*instanceCount/,
    );
    expect(error.message).toMatch(
      / {2}- nmae: unknown key; did you mean name\? allowed: \$schema, name, model, target/,
    );
    expect(error.message).toContain(
      '  - model.framework: expected "onnx" | "sklearn" | "xgboost" | "pytorch" | "tensorflow" | "huggingface", got "onnxx"',
    );
  });

  it('names the target types for an unknown one, and the model forms for an unknown form', async () => {
    const dir = await folderWith({
      'modelship.config.json': { model: { path: './m.onnx' }, target: { type: 'ec2' } },
    });
    const { message } = await failure(loadConfig({ cwd: dir }));
    expect(message).toContain(
      'target.type: expected a target type: one of "local", "sagemaker-realtime", "sagemaker-serverless", "sagemaker-async", "lambda", got "ec2"',
    );
    expect(message).toMatch(/model: expected one of \{ file \}, \{ directory \}, \{ s3 \}, \{ image \}, \{ handler \}/);
  });

  it('says a required option is missing, and which types a union takes', async () => {
    const dir = await folderWith({
      'modelship.config.json': {
        model: { s3: 's3://ml-artifacts/churn/model.tar.gz' },
        target: { type: 'sagemaker-serverless', maxConcurrency: 5, createRole: 'yes' },
      },
    });
    const { message } = await failure(loadConfig({ cwd: dir }));
    expect(message).toContain('target.memoryMb: missing; expected number');
    expect(message).toContain('target.createRole: expected boolean | object, got "yes"');
  });
});
