import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeIrisModel } from '../../scripts/make-iris-model.js';
import { addOneModel } from '../../scripts/onnx/models.js';
import { encodeModel } from '../../scripts/onnx/proto.js';
import { Model } from '../../src/deploy/model.js';
import { IntegrityError, InvalidArgumentError } from '../../src/errors.js';
import { Registry } from '../../src/registry/registry.js';
import { Local } from '../../src/targets/local/index.js';

// A local registry, the iris model registered twice, deployed on the real Local target.
let dir: string;
let registry: Registry;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'modelship-from-registry-'));
  const model = join(dir, 'iris.onnx');
  await writeIrisModel(model);
  registry = Registry.local(join(dir, 'registry'));
  await registry.register(Model.fromFile(model), { name: 'iris', metrics: { accuracy: 0.98 } });
  await registry.setAlias('iris', 'production', '1');
  // Version 2: another (valid) ONNX model, so the two versions differ.
  const second = join(dir, 'iris-v2.onnx');
  await writeFile(second, encodeModel(addOneModel({ width: 4 })));
  await registry.register(Model.fromFile(second), { name: 'iris' });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('Model.fromRegistry', () => {
  it('deploys what an alias points to, and knows which version it is', async () => {
    const model = await Model.fromRegistry(registry, 'iris@production');
    expect(model.registered?.version.version).toBe('1');
    await using deployment = await model.deployTo(Local()).deploy();
    expect(deployment.name).toBe('iris');
    expect(deployment.registered).toMatchObject({ alias: 'production', version: { name: 'iris', version: '1' } });
    const iris = deployment.predictor<number[][], { predictions: { label: number }[] }>();
    expect((await iris.predict([[5.1, 3.5, 1.4, 0.2]])).predictions[0]?.label).toBe(0);
  });

  it('rolls an alias back and redeploys the version before it', async () => {
    await registry.promote('iris', { from: 'production', to: 'staging' });
    await registry.setAlias('iris', 'production', '2');
    await using current = await (await Model.fromRegistry(registry, 'iris@production')).deployTo(Local()).deploy();
    expect(current.registered?.version.version).toBe('2');
    await using previous = await current.rollback();
    expect(previous.registered?.version.version).toBe('1');
    expect((await registry.get('iris', 'production')).version).toBe('1');
    const history = await registry.history('iris');
    expect(history.at(-1)).toMatchObject({ alias: 'production', reason: 'rollback' });
  });

  it('refuses to deploy an artifact changed after it was registered', async () => {
    const model = await Model.fromRegistry(registry, 'iris@2');
    const stored = model.registered?.version.artifact?.uri ?? '';
    await appendFile(stored, Buffer.from('tampered'));
    const error = await model
      .deployTo(Local())
      .plan()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrityError);
    expect((error as Error).message).toContain(stored);
  });

  it('cannot roll back a deployment of a plain version', async () => {
    await using deployment = await (await Model.fromRegistry(registry, 'iris@1')).deployTo(Local()).deploy();
    await expect(deployment.rollback()).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});
