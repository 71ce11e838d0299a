/**
 * Finding a Local deployment from outside the call that made it: over real HTTP, with the iris ONNX model served by
 * the real Local server and called by the real SageMaker Runtime client.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeIrisModel } from '../../../scripts/make-iris-model.js';
import { Model } from '../../../src/deploy/model.js';
import { AbortedError, ConflictError, InvalidArgumentError, NotFoundError } from '../../../src/errors.js';
import { Local, type LocalOptions } from '../../../src/targets/local/index.js';

let dir: string;
let model: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'modelship-local-attach-'));
  model = join(dir, 'iris.onnx');
  await writeIrisModel(model);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const iris = (options: LocalOptions = {}, name = 'iris') =>
  Model.fromFile(model).deployTo(Local(options)).withName(name);

type Iris = { predictions: { label: number }[] };

describe('a Local deployment on a fixed port', () => {
  it('is found by a new builder, which predicts through it, while only its own process can stop it', async () => {
    const port = await freePort();
    const made = await iris({ port }).deploy();
    try {
      const attached = await iris({ port }).attach();
      expect(attached.outputs.get('start-server')).toMatchObject({
        url: `http://127.0.0.1:${port}`,
        endpointName: 'iris',
      });
      const answer = await attached.predictor<number[][], Iris>().predict([[5.1, 3.5, 1.4, 0.2]]);
      expect(answer.predictions[0]?.label).toBe(0);

      expect(await iris({ port }).status()).toEqual({
        name: 'iris',
        target: 'local',
        deployed: true,
        state: 'InService',
        healthy: true,
        url: `http://127.0.0.1:${port}`,
        resources: [{ kind: 'Local server', name: 'iris', status: 'InService', detail: `at http://127.0.0.1:${port}` }],
      });

      const destroy = await attached.destroy().catch((e: unknown) => e);
      expect(destroy).toBeInstanceOf(InvalidArgumentError);
      expect((destroy as Error).message).toMatch(/runs in another process/);
      expect((await fetch(`http://127.0.0.1:${port}/ping`)).status).toBe(200);
    } finally {
      await made.destroy();
    }

    await expect(iris({ port }).attach()).rejects.toBeInstanceOf(NotFoundError);
    expect(await iris({ port }).status()).toMatchObject({
      deployed: false,
      state: 'NotDeployed',
      detail: `No Local server answers at http://127.0.0.1:${port}.`,
    });
  });

  it('is a conflict when the port serves another endpoint, or is not a Local server at all', async () => {
    const port = await freePort();
    await using _other = await iris({ port }, 'churn').deploy();
    const error = await iris({ port })
      .attach()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toMatch(/serves endpoint churn, not iris/);
    await expect(iris({ port }).status()).rejects.toBeInstanceOf(ConflictError);

    const stranger: Server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => stranger.listen(0, '127.0.0.1', resolve));
    try {
      const { port: strangerPort } = stranger.address() as AddressInfo;
      await expect(iris({ port: strangerPort }).attach()).rejects.toThrow(/not a modelship Local server/);
    } finally {
      await new Promise<void>((resolve) => stranger.close(() => resolve()));
    }
  });
});

describe('looking for a Local deployment', () => {
  it('stops with an AbortedError when the signal aborts', async () => {
    const port = await freePort();
    const error = await iris({ port })
      .attach({ signal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
  });
});

describe('a Local deployment on a free port', () => {
  it('cannot be attached from elsewhere, and says how to make it findable', async () => {
    const error = await iris()
      .attach()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toBe(
      'A Local deployment without a fixed port lives only in the process that made it; give Local({ port }) or use --url.',
    );
    expect(await iris().status()).toMatchObject({
      deployed: false,
      state: 'NotDeployed',
      detail: expect.stringMatching(/without a fixed port/),
    });
  });

  it('reports its status to the process that deployed it, at the port it got', async () => {
    const deployment = await iris().deploy();
    const { url } = deployment.outputs.get('start-server') as { url: string };
    expect(await deployment.status()).toMatchObject({ deployed: true, healthy: true, url });
    await deployment.destroy();
    expect(await deployment.status()).toMatchObject({ deployed: false, state: 'NotDeployed' });
  });
});
