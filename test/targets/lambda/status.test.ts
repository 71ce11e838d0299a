import { GetFunctionCommand, GetFunctionUrlConfigCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../../src/errors.js';
import { churn, fakePackager, fakeServices, fastApply } from './support/setup.js';

const ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:churn';

describe('Lambda status', () => {
  it('says NotDeployed when there is no function of the name, after one GetFunction', async () => {
    const { lambda } = fakeServices();
    const { packager } = fakePackager();
    const status = await churn({}, packager).status();
    expect(status).toEqual({
      name: 'churn',
      target: 'lambda',
      deployed: false,
      state: 'NotDeployed',
      healthy: false,
      resources: [],
    });
    expect(lambda.stub.calls()).toHaveLength(1);
  });

  it('reports a function deployed by another process: Active, the version live serves, its tags, read-only', async () => {
    const { lambda } = fakeServices();
    const { packager, code } = fakePackager();
    await churn({ provisionedConcurrency: 2 }, packager).deploy(fastApply());
    code.text = 'v2';
    await churn({ provisionedConcurrency: 2 }, packager).deploy(fastApply());
    lambda.fn('churn').tags['modelship:model-version'] = 'churn:7';
    const mutations = lambda.log.length;
    const urlCalls = lambda.stub.commandCalls(GetFunctionUrlConfigCommand).length;

    const status = await churn({ provisionedConcurrency: 2 }, packager).status();

    expect(status).toMatchObject({ deployed: true, state: 'Active', healthy: true, modelVersion: 'churn:7' });
    expect(status.url).toBeUndefined();
    expect(status.resources).toEqual([
      {
        kind: 'Lambda function',
        name: 'churn',
        arn: ARN,
        status: 'Active',
        detail: expect.stringMatching(/^1024 MB, .*, last update Successful$/),
      },
      { kind: 'Lambda alias', name: 'churn:live', arn: `${ARN}:live`, status: 'Active', detail: 'version 2' },
      {
        kind: 'Lambda provisioned concurrency',
        name: 'churn:live',
        status: 'READY',
        detail: '2 of 2 environments ready',
      },
    ]);
    expect(lambda.log).toHaveLength(mutations);
    // Not exposed: no call about a Function URL, which would need a permission this deployment does not use.
    expect(lambda.stub.commandCalls(GetFunctionUrlConfigCommand)).toHaveLength(urlCalls);
  });

  it('shows a canary in progress and a failed update of $LATEST with Lambda’s reason', async () => {
    const { lambda } = fakeServices();
    const { packager } = fakePackager();
    await churn({}, packager).deploy(fastApply());
    const fn = lambda.fn('churn');
    fn.aliases.set('live', { version: '1', weights: { '2': 0.1 } });
    fn.versions.set('2', { ...fn.latest, Version: '2' });
    fn.latest = {
      ...fn.latest,
      LastUpdateStatus: 'Failed',
      LastUpdateStatusReason: 'The image manifest could not be read.',
    };
    // The fake settles $LATEST on every read; Lambda keeps a failed update failed.
    lambda.stub.on(GetFunctionCommand, { FunctionName: 'churn', Qualifier: undefined }).resolves({
      Configuration: fn.latest,
      Tags: fn.tags,
    });

    const status = await churn({}, packager).status();

    expect(status.failureReason).toBe('The image manifest could not be read.');
    expect(status.resources.find((r) => r.kind === 'Lambda alias')?.detail).toBe('version 1 (10% to version 2)');
    expect(status.resources[0]?.detail).toMatch(/last update Failed$/);
  });

  it('gives the Function URL of the live alias', async () => {
    fakeServices();
    const { packager } = fakePackager();
    await churn({ expose: 'function-url' }, packager).deploy(fastApply());
    const status = await churn({ expose: 'function-url' }, packager).status();
    expect(status.url).toBe('https://churn-live.lambda-url.eu-west-1.on.aws/');
    expect(status.resources.at(-1)).toEqual({
      kind: 'Lambda function URL',
      name: 'churn:live',
      detail: 'https://churn-live.lambda-url.eu-west-1.on.aws/ (AWS_IAM)',
    });
  });

  it('gives the HTTP API route’s URL', async () => {
    const { gateway } = fakeServices();
    const { packager } = fakePackager();
    await churn({ expose: 'http-api' }, packager).deploy(fastApply());
    const apiId = gateway.exposure()?.apiId ?? '';
    const status = await churn({ expose: 'http-api' }, packager).status();
    expect(status.url).toBe(`https://${apiId}.execute-api.eu-west-1.amazonaws.com/invocations`);
    expect(status.resources.at(-1)).toMatchObject({ kind: 'API Gateway HTTP API', name: 'modelship-churn' });
  });

  it('reports a function without its live alias as deployed but not serving, and says what to do', async () => {
    const { lambda } = fakeServices();
    const { packager } = fakePackager();
    await churn({}, packager).deploy(fastApply());
    lambda.fn('churn').aliases.delete('live');
    const status = await churn({}, packager).status();
    expect(status).toMatchObject({ deployed: true, healthy: false, detail: expect.stringMatching(/Deploy again/) });
    expect(status.resources.map((r) => r.kind)).toEqual(['Lambda function']);
  });

  it('refuses, as a conflict, a function of that name made by another deployment', async () => {
    fakeServices();
    const { packager } = fakePackager();
    await churn({}, packager).deploy(fastApply());
    const other = churn({ functionName: 'churn' }, packager).withName('churn-canary');
    const error = await other.status().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toMatch(/not made by the modelship deployment "churn-canary"/);
    await expect(other.attach()).rejects.toBeInstanceOf(ConflictError);
  });

  it('attach says to deploy first when there is no function', async () => {
    fakeServices();
    const { packager } = fakePackager();
    const error = await churn({}, packager)
      .attach()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toMatch(/run deploy first/);
  });
});
