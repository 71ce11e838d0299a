// The Local target through the plan engine: plan, apply, call through its transport, destroy.
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsContext } from '../../../src/aws/context.js';
import { applyPlan } from '../../../src/deploy/apply.js';
import { DeploymentFailedError, InvalidArgumentError, ModelError, NotFoundError } from '../../../src/errors.js';
import type { ModelSource } from '../../../src/model/source.js';
import { Local, type LocalOptions, type LocalServerOutput } from '../../../src/targets/local/index.js';
import type { DeploymentSpec, Target, TargetContext } from '../../../src/targets/target.js';
import { ensureTestModels, type TestModels } from '../../support/models.js';
import { closeAfterTest, fixture, json, parse, rejection, runtimeClient, text } from './support.js';

const ctx: TargetContext = { aws: new AwsContext() };

function spec(model: ModelSource, name = 'demo'): DeploymentSpec {
  return { name, model, tags: {} };
}

/** Plans and applies a Local deployment, destroying it after the test. */
async function deploy(model: ModelSource, options: LocalOptions = {}, name = 'demo') {
  const target: Target = Local(options);
  const s = spec(model, name);
  target.validate?.(s);
  const steps = await target.plan(s, ctx);
  const result = await applyPlan({ name, target: target.kind, steps });
  closeAfterTest(async () => {
    await applyPlan({ name, target: target.kind, steps: await target.destroyPlan(s, ctx, result.outputs) });
  });
  return { target, spec: s, steps, result, server: result.outputs.get('start-server') as LocalServerOutput };
}

let models: TestModels;
let dir: string;

beforeAll(async () => {
  models = await ensureTestModels();
  dir = await mkdtemp(join(tmpdir(), 'modelship-local-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('Local()', () => {
  it('refuses a host other machines can reach, unless allowRemote says so', () => {
    expect(() => Local({ host: '0.0.0.0' })).toThrow(InvalidArgumentError);
    expect(() => Local({ host: '0.0.0.0' })).toThrow(/no authentication.*allowRemote: true/);
    expect(() => Local({ host: '0.0.0.0', allowRemote: true })).not.toThrow();
    expect(() => Local({ host: '::1' })).not.toThrow();
    expect(() => Local({ host: 'localhost' })).not.toThrow();
  });

  it('names the option at fault', () => {
    const cases: [LocalOptions, string][] = [
      [{ port: 70000 }, 'port'],
      [{ port: 1.5 }, 'port'],
      [{ requestTimeoutMs: 0 }, 'requestTimeoutMs'],
      [{ maxConcurrency: 0 }, 'maxConcurrency'],
      [{ endpointName: 'no_underscores' }, 'endpointName'],
      [{ batching: 'yes' as unknown as boolean }, 'batching'],
    ];
    for (const [options, argument] of cases) {
      expect(() => Local(options), JSON.stringify(options)).toThrow(expect.objectContaining({ argument }));
    }
  });

  it('has no builder features: no autoscaling, no monitoring', () => {
    const target = Local();
    expect(target.kind).toBe('local');
    expect(target.__features).toBeUndefined();
  });
});

describe('validate', () => {
  it('refuses S3 artifacts and container images, saying how to proceed', () => {
    const target = Local();
    expect(() => target.validate?.(spec({ kind: 's3', uri: 's3://bucket/model.tar.gz' }))).toThrow(
      /serves models from local files, and this one is in S3 \(s3:\/\/bucket\/model.tar.gz\).*Model.fromFile/,
    );
    expect(() => target.validate?.(spec({ kind: 'image', imageUri: 'repo/image:1' }))).toThrow(/a container image/);
  });

  it('refuses a file that is neither ONNX nor JavaScript', () => {
    expect(() => Local().validate?.(spec({ kind: 'file', path: '/models/model.pkl', framework: 'sklearn' }))).toThrow(
      /model.pkl \(sklearn\) is neither.*Model.fromHandler/,
    );
  });

  it('refuses a deployment name that cannot be an endpoint name, unless endpointName is given', () => {
    const model: ModelSource = { kind: 'handler', path: fixture('model.mjs') };
    expect(() => Local().validate?.(spec(model, 'my_model'))).toThrow(/withName.*endpointName/);
    expect(() => Local({ endpointName: 'my-model' }).validate?.(spec(model, 'my_model'))).not.toThrow();
  });
});

describe('plan', () => {
  it('loads the model, then starts the server, both created: a local server never exists before', async () => {
    const steps = await Local().plan(spec({ kind: 'handler', path: fixture('model.mjs') }), ctx);
    expect(
      steps.map(({ id, action, resource, dependsOn }) => ({ id, action, kind: resource.kind, dependsOn })),
    ).toEqual([
      { id: 'load-model', action: 'create', kind: 'Local model', dependsOn: undefined },
      { id: 'start-server', action: 'create', kind: 'Local server', dependsOn: ['load-model'] },
    ]);
    expect(steps[1]?.reason).toMatch(/serves endpoint demo on 127.0.0.1:a free port/);
  });

  it('says a missing file is not found before anything runs', async () => {
    const error = await rejection(Local().plan(spec({ kind: 'file', path: join(dir, 'nope.onnx') }), ctx));
    expect(error).toBeInstanceOf(NotFoundError);
  });
});

describe('a deployed handler', () => {
  it('serves the SageMaker Runtime API at the URL in its outputs, and stops on destroy', async () => {
    const { target, spec: s, result, server } = await deploy({ kind: 'handler', path: fixture('model.mjs') });
    expect(server).toEqual({
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      host: '127.0.0.1',
      port: expect.any(Number),
      endpointName: 'demo',
      variantName: 'AllTraffic',
    });
    // Outputs are plain data when printed or saved.
    expect(JSON.parse(JSON.stringify(Object.fromEntries(result.outputs)))).toEqual({
      'load-model': { path: fixture('model.mjs'), runner: 'handler', description: `handler ${fixture('model.mjs')}` },
      'start-server': server,
    });

    const out = await runtimeClient(server.url).send(
      new InvokeEndpointCommand({ EndpointName: 'demo', Body: json({ x: 1 }), ContentType: 'application/json' }),
    );
    expect(parse(out.Body)).toMatchObject({ input: { x: 1 } });

    const destroy = await target.destroyPlan(s, ctx, result.outputs);
    expect(destroy.map(({ id, action }) => [id, action])).toEqual([
      ['stop-server', 'delete'],
      ['unload-model', 'delete'],
    ]);
    await applyPlan({ name: 'demo', target: 'local', steps: destroy });
    await expect(fetch(`${server.url}/ping`)).rejects.toThrow();
    const again = await target.destroyPlan(s, ctx, result.outputs);
    expect(again[0]?.action).toBe('none');
  });

  it('gives a transport that predicts and streams through the SageMaker Runtime client', async () => {
    const { target, spec: s, result } = await deploy({ kind: 'handler', path: fixture('model.mjs') });
    const transport = target.transport(s, ctx, result.outputs);
    closeAfterTest(() => transport.close?.());
    expect(transport.description).toMatch(/^Local endpoint demo at http:\/\/127\.0\.0\.1:\d+$/);
    expect(transport.maxRequestBytes).toBe(6 * 1024 * 1024);
    const out = await transport.invoke({
      body: json({ op: 'attributes' }),
      contentType: 'application/json',
      accept: 'application/json',
      customAttributes: 'k=v',
    });
    expect(parse(out.body)).toEqual({ customAttributes: 'k=v' });
    expect(out.customAttributes).toBe('echo=k=v');
    expect(out.invokedProductionVariant).toBe('AllTraffic');

    const parts: string[] = [];
    for await (const part of transport.invokeStream?.({
      body: json({ chunks: ['x', 'y'] }),
      contentType: 'application/json',
      accept: '*/*',
    }) ?? []) {
      parts.push(text.decode(part));
    }
    expect(parts).toEqual(['x', 'y']);

    const error = await rejection(
      transport.invoke({
        body: json({ op: 'fail', statusCode: 400, message: 'bad' }),
        contentType: 'application/json',
        accept: '*/*',
      }),
    );
    expect(error).toBeInstanceOf(ModelError);
    expect((error as unknown as ModelError).originalStatusCode).toBe(400);
  });

  it('has nothing to destroy without the outputs of this process', async () => {
    expect(await Local().destroyPlan(spec({ kind: 'handler', path: fixture('model.mjs') }), ctx)).toEqual([]);
  });

  it('closes the model when the server cannot start, and says the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    closeAfterTest(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    const port = (blocker.address() as AddressInfo).port;
    const handlerDir = join(dir, 'blocked');
    await mkdir(handlerDir, { recursive: true });
    await copyFile(fixture('model.mjs'), join(handlerDir, 'handler.mjs'));
    const target = Local({ port });
    const steps = await target.plan(spec({ kind: 'directory', path: handlerDir }), ctx);
    const error = await rejection(applyPlan({ name: 'demo', target: 'local', steps }));
    expect(error).toBeInstanceOf(DeploymentFailedError);
    const failed = error as unknown as DeploymentFailedError;
    expect(failed.report.failedStep).toBe('start-server');
    expect(failed.report.cleanedUp).toEqual([{ kind: 'Local model', name: join(handlerDir, 'handler.mjs') }]);
    expect(String((failed.cause as Error)?.message ?? failed.message)).toMatch(/port is in use/);
    const module = (await import(join(handlerDir, 'handler.mjs'))) as { closed: unknown[] };
    expect(module.closed).toHaveLength(1);
  });
});

describe('a deployed folder', () => {
  async function folder(name: string, files: Record<string, string | { copy: string }>): Promise<string> {
    const path = join(dir, name);
    await mkdir(path, { recursive: true });
    for (const [file, content] of Object.entries(files)) {
      if (typeof content === 'string') await writeFile(join(path, file), content);
      else await copyFile(content.copy, join(path, file));
    }
    return path;
  }

  it('serves its one .onnx model in onnxruntime', async () => {
    const path = await folder('iris', { 'iris.onnx': { copy: models.iris }, 'README.md': '# iris' });
    const { server, result } = await deploy({ kind: 'directory', path }, {}, 'iris');
    expect(result.outputs.get('load-model')).toMatchObject({ runner: 'onnx', path: join(path, 'iris.onnx') });
    const out = await runtimeClient(server.url).send(
      new InvokeEndpointCommand({
        EndpointName: 'iris',
        Body: json([[5.1, 3.5, 1.4, 0.2]]),
        ContentType: 'application/json',
      }),
    );
    const answer = parse(out.Body) as { predictions: { label: number }[] };
    expect(answer.predictions).toHaveLength(1);
    expect(answer.predictions[0]?.label).toBe(0);
  });

  it('prefers a handler to an .onnx file beside it, and model.onnx among several', async () => {
    const both = await folder('both', {
      'handler.mjs': { copy: fixture('no-stream.mjs') },
      'model.onnx': { copy: models.iris },
    });
    const several = await folder('several', {
      'model.onnx': { copy: models.iris },
      'other.onnx': { copy: models.addOne },
    });
    const [a, b] = await Promise.all([
      Local().plan(spec({ kind: 'directory', path: both }), ctx),
      Local().plan(spec({ kind: 'directory', path: several }), ctx),
    ]);
    expect(a[0]?.resource.name).toBe(join(both, 'handler.mjs'));
    expect(b[0]?.resource.name).toBe(join(several, 'model.onnx'));
  });

  it('says what the folder must contain when it holds nothing to serve, or too much', async () => {
    const empty = await folder('empty', { 'notes.txt': 'hello' });
    const many = await folder('many', { 'a.onnx': { copy: models.iris }, 'b.onnx': { copy: models.addOne } });
    const none = await rejection(Local().plan(spec({ kind: 'directory', path: empty }), ctx));
    expect(none).toBeInstanceOf(InvalidArgumentError);
    expect(none.message).toMatch(
      /must contain a handler.js \(or handler.mjs\).*exactly one .onnx file.*it has notes.txt/,
    );
    const two = await rejection(Local().plan(spec({ kind: 'directory', path: many }), ctx));
    expect(two.message).toMatch(/it has 2 .onnx files \(a.onnx, b.onnx\)/);
    const missing = await rejection(Local().plan(spec({ kind: 'directory', path: join(dir, 'nowhere') }), ctx));
    expect(missing).toBeInstanceOf(NotFoundError);
  });
});

describe('a deployed ONNX file', () => {
  it('runs with batching off when asked, and answers bad input with a 400 ModelError', async () => {
    const { server } = await deploy(
      { kind: 'file', path: models.iris },
      { batching: false, endpointName: 'iris-file' },
    );
    const client = runtimeClient(server.url);
    const out = await client.send(
      new InvokeEndpointCommand({
        EndpointName: 'iris-file',
        Body: new TextEncoder().encode('5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3'),
        ContentType: 'text/csv',
        Accept: 'application/json',
      }),
    );
    expect((parse(out.Body) as { predictions: unknown[] }).predictions).toHaveLength(2);
    const error = await rejection(
      client.send(
        new InvokeEndpointCommand({ EndpointName: 'iris-file', Body: json([[1, 2]]), ContentType: 'application/json' }),
      ),
    );
    expect(error.name).toBe('ModelError');
    expect((error as unknown as { OriginalStatusCode: number }).OriginalStatusCode).toBe(400);
  });
});
