/**
 * `Model.fromImage` on Lambda: a function of PackageType Image made from an ECR image (every request checked
 * against the Lambda service model), a second deploy that changes nothing, a new tag that updates the code, the
 * refusal to switch between zip and image, an image URI Lambda cannot pull refused before any call, and destroy.
 */
import { UpdateFunctionCodeCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { Model } from '../../../src/deploy/model.js';
import { ConflictError, InvalidArgumentError } from '../../../src/errors.js';
import { lambdaError, resolved } from './support/fake-lambda.js';
import { churn, fakePackager, fakeServices, fastApply } from './support/setup.js';

const REPO = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn-serving';
const mutations = (log: readonly string[]) => log.map((line) => line.split(' ')[0]);

/** The `churn` deployment of the image `uri` (with the model's own environment) and these Lambda options. */
function churnImage(uri: string, options: Parameters<typeof churn>[0] = {}) {
  const model = Model.fromImage(uri, { env: { MODEL_NAME: 'churn' } });
  return churn({ env: { LOG_LEVEL: 'info' }, ...options }, fakePackager().packager, undefined, model);
}

describe('Lambda: a container image from ECR', () => {
  it('creates a function of PackageType Image with the image, no runtime or handler, and both environments', async () => {
    const { lambda } = fakeServices();
    const deployment = await churnImage(`${REPO}:v1`, { architecture: 'arm64' }).deploy(fastApply());

    expect(mutations(lambda.log)).toEqual(['CreateFunction', 'PublishVersion', 'CreateAlias']);
    const fn = lambda.fn('churn');
    expect(fn.latest).toMatchObject({ PackageType: 'Image', Architectures: ['arm64'], MemorySize: 1024 });
    expect(fn.latest.Runtime).toBeUndefined();
    expect(fn.latest.Handler).toBeUndefined();
    expect(fn.latest.Environment?.Variables).toEqual({ MODEL_NAME: 'churn', LOG_LEVEL: 'info' });
    expect(fn.images.get('1')).toBe(`${REPO}:v1`);
    expect(deployment.outputs.get('alias')).toMatchObject({ functionName: 'churn', version: '1' });
  });

  it('changes nothing when the same image is deployed again, by tag or by the digest it resolved to', async () => {
    const { lambda } = fakeServices();
    await churnImage(`${REPO}:v1`).deploy(fastApply());
    const before = lambda.log.length;
    const plan = await churnImage(`${REPO}:v1`).plan();
    expect(plan.steps.filter((s) => s.action !== 'none').map((s) => s.id)).toEqual([]);
    await churnImage(`${REPO}:v1`).deploy(fastApply());
    const digest = await churnImage(resolved(`${REPO}:v1`)).plan();
    expect(digest.steps.filter((s) => s.action !== 'none').map((s) => s.id)).toEqual([]);
    expect(lambda.log.length).toBe(before);
  });

  it('updates the code with the new ImageUri for a new tag, publishes version 2 and moves the alias', async () => {
    const { lambda } = fakeServices();
    await churnImage(`${REPO}:v1`).deploy(fastApply());
    const plan = await churnImage(`${REPO}:v2`).plan();
    expect(plan.steps.find((s) => s.id === 'function')?.reason).toMatch(/image of Lambda function churn differs/);
    await churnImage(`${REPO}:v2`).deploy(fastApply());

    expect(mutations(lambda.log).slice(3)).toEqual(['UpdateFunctionCode', 'PublishVersion', 'UpdateAlias']);
    const [update] = lambda.stub.commandCalls(UpdateFunctionCodeCommand);
    expect(update?.args[0].input).toEqual({
      FunctionName: 'churn',
      ImageUri: `${REPO}:v2`,
      Architectures: ['x86_64'],
    });
    expect(lambda.fn('churn').images.get('2')).toBe(`${REPO}:v2`);
    expect(lambda.live()).toBe('2');
  });

  it.each([
    ['CreateFunction', 'v1'],
    ['UpdateFunctionCode', 'v2'],
  ])('converges when %s is carried out but its answer is lost (a 500)', async (operation, tag) => {
    const { lambda } = fakeServices();
    if (tag === 'v2') await churnImage(`${REPO}:v1`).deploy(fastApply());
    lambda.fail(operation, () => lambdaError('ServiceException', 'Internal error', 500), 1, true);
    const retry = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 };
    await churnImage(`${REPO}:${tag}`).deploy(fastApply({ retry }));
    expect(lambda.fn('churn').images.get('$LATEST')).toBe(`${REPO}:${tag}`);
    expect(lambda.live()).toBe(tag === 'v1' ? '1' : '2');
  });

  it('refuses to turn a zip function into an image function and back', async () => {
    const { lambda } = fakeServices();
    const { packager } = fakePackager();
    await churn({}, packager).deploy(fastApply());
    const calls = lambda.log.length;
    await expect(churnImage(`${REPO}:v1`).plan()).rejects.toThrow(ConflictError);
    await expect(churnImage(`${REPO}:v1`).deploy(fastApply())).rejects.toThrow(/destroy|another functionName/i);
    expect(lambda.log.length).toBe(calls);

    await churnImage(`${REPO}:v1`, { functionName: 'churn-image' }).deploy(fastApply());
    await expect(churn({ functionName: 'churn-image' }, packager).plan()).rejects.toThrow(ConflictError);
  });

  it.each([
    ['a registry other than ECR', 'docker.io/library/churn:v1'],
    ['a public ECR image', 'public.ecr.aws/acme/churn:v1'],
    ['an account that is not 12 digits', '1234.dkr.ecr.eu-west-1.amazonaws.com/churn:v1'],
    ['another region than the function', '123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:v1'],
    ['a malformed digest', `${REPO}@sha256:abc`],
  ])('refuses %s before any call', async (_, uri) => {
    const { lambda } = fakeServices();
    const failed = await churnImage(uri)
      .deploy(fastApply())
      .catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(InvalidArgumentError);
    expect((failed as InvalidArgumentError).argument).toBe('model');
    expect(lambda.stub.calls()).toHaveLength(0);
  });

  it('refuses a model environment variable Lambda reserves', async () => {
    const { lambda } = fakeServices();
    const model = Model.fromImage(`${REPO}:v1`, { env: { AWS_REGION: 'eu-west-1' } });
    await expect(churn({}, fakePackager().packager, undefined, model).deploy(fastApply())).rejects.toThrow(
      InvalidArgumentError,
    );
    expect(lambda.stub.calls()).toHaveLength(0);
  });

  it('destroys the image function with its versions and alias', async () => {
    const { lambda } = fakeServices();
    await churnImage(`${REPO}:v1`, { expose: 'function-url' }).deploy(fastApply());
    await churnImage(`${REPO}:v1`, { expose: 'function-url' }).destroy(fastApply());
    expect(lambda.functions.size).toBe(0);
    expect(lambda.log.at(-1)).toBe('DeleteFunction churn');
  });
});
