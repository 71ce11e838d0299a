import { describe, expect, it } from 'vitest';
import { ConflictError, DeploymentFailedError, InvalidArgumentError } from '../../../src/errors.js';
import { Lambda } from '../../../src/targets/lambda/index.js';
import { churn, fakeClock, fakePackager, fakeServices, fastApply, ROLE } from './support/setup.js';

const mutations = (log: readonly string[]) => log.map((line) => line.split(' ')[0]);

describe('Lambda: a new function', () => {
  it('creates the function, publishes version 1 and points the live alias at it, tagged', async () => {
    const { lambda } = fakeServices();
    const { packager } = fakePackager();
    const options = fastApply();
    const deployment = await churn({}, packager).deploy(options);

    expect(mutations(lambda.log)).toEqual(['CreateFunction', 'PublishVersion', 'CreateAlias']);
    const fn = lambda.fn('churn');
    expect(fn.latest).toMatchObject({ MemorySize: 1024, Timeout: 30, Role: ROLE, Handler: 'index.handler' });
    expect(fn.latest.Architectures).toEqual(['x86_64']);
    expect(fn.tags).toMatchObject({ team: 'ml', 'modelship:deployment': 'churn', 'modelship:target': 'lambda' });
    expect(lambda.live()).toBe('1');
    expect(deployment.outputs.get('alias')).toMatchObject({ functionName: 'churn', qualifier: 'live', version: '1' });
    const waited = options.events.filter((e) => e.type === 'step-waiting').map((e) => (e as { status: string }).status);
    expect(waited).toContain('Pending');
  });

  it('exposes a Function URL with AWS_IAM by default, and a public one only with allowPublic', async () => {
    const { lambda } = fakeServices();
    const { packager } = fakePackager();
    const deployment = await churn({ expose: 'function-url' }, packager).deploy(fastApply());
    expect(lambda.fn('churn').urls.get('live')).toBe('AWS_IAM');
    expect(mutations(lambda.log)).not.toContain('AddPermission');
    expect(deployment.outputs.get('function-url')).toMatchObject({ authType: 'AWS_IAM' });

    const plan = await churn({ expose: 'function-url', auth: 'none', allowPublic: true }, packager).plan();
    expect(plan.steps.find((s) => s.id === 'function-url')?.reason).toMatch(/PUBLIC/);
    await churn({ expose: 'function-url', auth: 'none', allowPublic: true }, packager).deploy(fastApply());
    expect(lambda.fn('churn').urls.get('live')).toBe('NONE');
    expect(lambda.log).toContain('AddPermission churn live modelship-public-function-url lambda:InvokeFunctionUrl');

    // Back to IAM: the public statement goes.
    await churn({ expose: 'function-url' }, packager).deploy(fastApply());
    expect(lambda.fn('churn').statements.get('live')?.size ?? 0).toBe(0);
    expect(lambda.fn('churn').urls.get('live')).toBe('AWS_IAM');
  });

  it('sets reserved concurrency on the function and provisioned concurrency on the alias', async () => {
    const { lambda } = fakeServices();
    const { packager } = fakePackager();
    await churn({ reservedConcurrency: 5, provisionedConcurrency: 2 }, packager).deploy(fastApply());
    expect(lambda.fn('churn').reserved).toBe(5);
    expect(lambda.fn('churn').provisioned.get('live')).toBe(2);
  });

  it('creates a least-privilege role for Lambda that may write its own logs only, and destroy removes it', async () => {
    const { lambda, iam } = fakeServices();
    const { packager } = fakePackager();
    await churn({ role: undefined, createRole: true }, packager).deploy(fastApply());
    const role = iam.roles.get('modelship-lambda-churn');
    expect(JSON.parse(role?.trust ?? '{}').Statement[0].Principal).toEqual({ Service: 'lambda.amazonaws.com' });
    const policy = JSON.parse(role?.inline.get('modelship-model-access') ?? '{}');
    expect(policy.Statement.map((s: { Resource: string }) => s.Resource)).toEqual([
      'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/churn:*',
      'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/churn:log-stream:*',
    ]);
    expect(lambda.fn('churn').latest.Role).toBe('arn:aws:iam::123456789012:role/modelship/modelship-lambda-churn');

    await churn({ role: undefined, createRole: true }, packager).destroy(fastApply());
    expect(iam.roles.has('modelship-lambda-churn')).toBe(false);
    expect(lambda.functions.has('churn')).toBe(false);
  });

  it('refuses a function another deployment made', async () => {
    const { lambda } = fakeServices();
    const { packager } = fakePackager();
    await churn({}, packager).deploy(fastApply());
    lambda.fn('churn').tags['modelship:deployment'] = 'someone-else';
    await expect(churn({}, packager).plan()).rejects.toThrow(ConflictError);
  });
});

describe('Lambda: the same spec again, updates and rollouts', () => {
  it('changes nothing when deployed twice with the same spec', async () => {
    const { lambda } = fakeServices();
    const { packager } = fakePackager();
    const spec = { expose: 'function-url', provisionedConcurrency: 1, reservedConcurrency: 3 } as const;
    await churn(spec, packager).deploy(fastApply());
    const before = lambda.log.length;
    const plan = await churn(spec, packager).plan();
    expect(plan.steps.filter((s) => s.action !== 'none').map((s) => s.id)).toEqual([]);
    await churn(spec, packager).deploy(fastApply());
    expect(lambda.log.length).toBe(before);
  });

  it('updates code and configuration, publishes version 2 and moves the alias at once', async () => {
    const { lambda } = fakeServices();
    const { packager, code } = fakePackager();
    await churn({}, packager).deploy(fastApply());
    code.text = 'v2';
    await churn({ memoryMb: 2048 }, packager).deploy(fastApply());
    expect(mutations(lambda.log).slice(3)).toEqual([
      'UpdateFunctionCode',
      'UpdateFunctionConfiguration',
      'PublishVersion',
      'UpdateAlias',
    ]);
    expect(lambda.live()).toBe('2');
    expect(lambda.fn('churn').versions.get('2')?.MemorySize).toBe(2048);
  });

  it('shifts traffic canary-style: canaryPercent for waitS, then all of it', async () => {
    const { lambda } = fakeServices();
    const { packager, code } = fakePackager();
    const clock = fakeClock();
    const rollout = { canaryPercent: 10, waitS: 60, rollbackAlarms: ['churn-errors'] };
    await churn({ rollout }, packager, clock.now).deploy(fastApply());
    code.text = 'v2';
    const options = fastApply({
      onEvent: (event) => {
        if (event.type === 'step-waiting') clock.ms += 20_000;
        options.events.push(event);
      },
    });
    await churn({ rollout }, packager, clock.now).deploy(options);
    const aliasMoves = lambda.log.filter((line) => line.startsWith('UpdateAlias'));
    expect(aliasMoves).toEqual(['UpdateAlias churn live 1 {"2":0.1}', 'UpdateAlias churn live 2 {}']);
    const statuses = options.events
      .filter((e) => e.type === 'step-waiting')
      .map((e) => (e as { status: string }).status);
    expect(statuses.some((s) => /canary: 10% on version 2/.test(s))).toBe(true);
  });

  it('rolls the alias back to the old version and fails when a rollback alarm fires during the canary', async () => {
    const { lambda, alarms } = fakeServices();
    const { packager, code } = fakePackager();
    const rollout = { canaryPercent: 10, waitS: 600, rollbackAlarms: ['churn-errors'] };
    await churn({ rollout }, packager).deploy(fastApply());
    code.text = 'v2';
    alarms.set('churn-errors', 'ALARM');
    const failed = await churn({ rollout }, packager)
      .deploy(fastApply())
      .catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(DeploymentFailedError);
    expect(String((failed as DeploymentFailedError).cause)).toMatch(/churn-errors fired/);
    expect(lambda.live()).toBe('1');
    expect(lambda.fn('churn').versions.has('2')).toBe(false); // the unserved version is removed again

    // Once the alarm clears, the next deploy goes through.
    alarms.set('churn-errors', 'OK');
    await churn({ rollout: { ...rollout, waitS: 0 } }, packager).deploy(fastApply());
    expect(lambda.live()).toBe('3');
  });
});

describe('Lambda: destroy', () => {
  it('removes the function with its versions, alias and URL, and is safe to run twice', async () => {
    const { lambda } = fakeServices();
    const { packager } = fakePackager();
    await churn({ expose: 'function-url' }, packager).deploy(fastApply());
    await churn({ expose: 'function-url' }, packager).destroy(fastApply());
    expect(lambda.functions.size).toBe(0);
    const calls = lambda.log.length;
    await churn({ expose: 'function-url' }, packager).destroy(fastApply());
    expect(lambda.log.length).toBe(calls);
  });
});

describe('Lambda: bad input is refused before any call', () => {
  it.each([
    [{ memoryMb: 64 }, 'memoryMb'],
    [{ timeoutS: 901 }, 'timeoutS'],
    [{ ephemeralStorageMb: 20_000 }, 'ephemeralStorageMb'],
    [{ expose: 'function-url', auth: 'none' }, 'allowPublic'],
    [{ role: undefined }, 'role'],
    [{ rollout: { canaryPercent: 100, waitS: 10 } }, 'rollout.canaryPercent'],
    [{ expose: 'http-api', auth: 'none' }, 'allowPublic'],
    [{ expose: 'api-gateway' }, 'expose'],
  ] as const)('%j', (bad, argument) => {
    const { lambda } = fakeServices();
    let error: unknown;
    try {
      Lambda({ memoryMb: 1024, timeoutS: 30, role: ROLE, ...bad } as never);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe(argument);
    expect(lambda.stub.calls()).toHaveLength(0);
  });
});
