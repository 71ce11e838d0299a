/**
 * `expose: 'http-api'`: the HTTP API, its Lambda proxy integration, the `POST /invocations` route, the `$default`
 * stage and the function's permission for API Gateway, against the fake Lambda and a stateful fake API Gateway v2
 * (every request checked against the service models): creation, a second deploy that changes nothing, public
 * routes, switching exposure, ownership, retries after lost answers, rollback and destroy.
 */
import { AddPermissionCommand, InvokeCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { ConflictError, DeploymentFailedError, InvalidArgumentError } from '../../../src/errors.js';
import { Lambda } from '../../../src/targets/lambda/index.js';
import { decodeInvokeRequest, encodeInvokeSuccess } from '../../../src/targets/lambda/runtime/protocol.js';
import { gatewayError } from './support/fake-apigateway.js';
import { lambdaError } from './support/fake-lambda.js';
import { churn, fakePackager, fakeServices, fastApply, ROLE } from './support/setup.js';

const ALIAS_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:churn:live';
const mutations = (log: readonly string[]) => log.map((line) => line.split(' ')[0]);
const retry = { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } } as const;

function sourceArns(lambda: ReturnType<typeof fakeServices>['lambda']): (string | undefined)[] {
  return lambda.stub.commandCalls(AddPermissionCommand).map((call) => call.args[0].input.SourceArn);
}

describe('Lambda HTTP API: a new exposure', () => {
  it('creates the API, a proxy integration to the live alias, POST /invocations with AWS_IAM, $default and the permission', async () => {
    const { lambda, gateway } = fakeServices();
    const { packager } = fakePackager();
    const deployment = await churn({ expose: 'http-api' }, packager).deploy(fastApply());

    expect(mutations(gateway.log)).toEqual(['CreateApi', 'CreateIntegration', 'CreateRoute', 'CreateStage']);
    const exposure = gateway.exposure();
    expect(exposure).toMatchObject({ auth: 'AWS_IAM', uri: ALIAS_ARN, payload: '2.0', autoDeploy: true });
    expect(exposure?.tags).toMatchObject({ team: 'ml', 'modelship:deployment': 'churn' });
    const apiId = exposure?.apiId ?? '';
    expect(deployment.outputs.get('http-api')).toEqual({
      url: `https://${apiId}.execute-api.eu-west-1.amazonaws.com/invocations`,
      apiId,
      authType: 'AWS_IAM',
    });
    expect(lambda.log).toContain('AddPermission churn live modelship-http-api lambda:InvokeFunction');
    expect(sourceArns(lambda)).toEqual([`arn:aws:execute-api:eu-west-1:123456789012:${apiId}/*/*/invocations`]);
    expect(lambda.fn('churn').urls.size).toBe(0); // no Function URL besides the API
  });

  it('changes nothing when deployed again with the same spec', async () => {
    const { lambda, gateway } = fakeServices();
    const { packager } = fakePackager();
    await churn({ expose: 'http-api' }, packager).deploy(fastApply());
    const before = [lambda.log.length, gateway.log.length];
    const plan = await churn({ expose: 'http-api' }, packager).plan();
    expect(plan.steps.filter((s) => s.action !== 'none').map((s) => s.id)).toEqual([]);
    const again = await churn({ expose: 'http-api' }, packager).deploy(fastApply());
    expect([lambda.log.length, gateway.log.length]).toEqual(before);
    expect(again.outputs.get('http-api')).toMatchObject({ apiId: gateway.exposure()?.apiId, authType: 'AWS_IAM' });
  });

  it('makes the route public only with allowPublic, warning in the plan, and back to AWS_IAM after', async () => {
    const { gateway } = fakeServices();
    const { packager } = fakePackager();
    expect(() => Lambda({ memoryMb: 1024, timeoutS: 30, role: ROLE, expose: 'http-api', auth: 'none' })).toThrow(
      InvalidArgumentError,
    );
    const open = { expose: 'http-api', auth: 'none', allowPublic: true } as const;
    const plan = await churn(open, packager).plan();
    expect(plan.steps.find((s) => s.id === 'http-api-route')?.reason).toMatch(/PUBLIC/);
    const deployment = await churn(open, packager).deploy(fastApply());
    expect(gateway.exposure()?.auth).toBe('NONE');
    expect(deployment.outputs.get('http-api')).toMatchObject({ authType: 'NONE' });

    await churn({ expose: 'http-api' }, packager).deploy(fastApply());
    expect(gateway.exposure()?.auth).toBe('AWS_IAM');
    expect(gateway.log.at(-1)).toMatch(/^UpdateRoute .* AWS_IAM integrations\//);
  });

  it('refuses an API of the same name another deployment made', async () => {
    const { gateway } = fakeServices();
    const { packager } = fakePackager();
    await churn({ expose: 'http-api' }, packager).deploy(fastApply());
    const [only] = [...gateway.apis.values()];
    if (only?.api.Tags) only.api.Tags['modelship:deployment'] = 'someone-else';
    await expect(churn({ expose: 'http-api' }, packager).plan()).rejects.toThrow(ConflictError);
    // Its destroy leaves that API alone.
    await churn({ expose: 'http-api' }, packager).destroy(fastApply());
    expect(gateway.apis.size).toBe(1);
  });

  it('keeps calling the function through Invoke, not the API', async () => {
    const { lambda } = fakeServices();
    const { packager } = fakePackager();
    const deployment = await churn({ expose: 'http-api' }, packager).deploy(fastApply());
    const encoder = new TextEncoder();
    lambda.stub.on(InvokeCommand).callsFake((input) => {
      decodeInvokeRequest(JSON.parse(new TextDecoder().decode(input.Payload as Uint8Array)));
      const answer = encodeInvokeSuccess({ body: encoder.encode('[1]'), contentType: 'application/json' });
      return { StatusCode: 200, ExecutedVersion: '1', Payload: encoder.encode(JSON.stringify(answer)) };
    });
    expect(await deployment.predictor<number[][], number[]>().predict([[1]])).toEqual([1]);
    expect(lambda.stub.commandCalls(InvokeCommand)[0]?.args[0].input).toMatchObject({ Qualifier: 'live' });
  });
});

describe('Lambda HTTP API: switching exposure', () => {
  it('function-url → http-api → function-url → http-api → none', async () => {
    const { lambda, gateway } = fakeServices();
    const { packager } = fakePackager();
    const fn = () => lambda.fn('churn');

    await churn({ expose: 'function-url' }, packager).deploy(fastApply());
    expect(fn().urls.get('live')).toBe('AWS_IAM');

    await churn({ expose: 'http-api' }, packager).deploy(fastApply());
    expect(fn().urls.has('live')).toBe(false);
    expect(gateway.exposure()).toMatchObject({ auth: 'AWS_IAM', uri: ALIAS_ARN });
    expect(fn().statements.get('live')?.has('modelship-http-api')).toBe(true);

    const plan = await churn({ expose: 'function-url' }, packager).plan();
    const removal = plan.steps.filter((s) => s.id.startsWith('http-api'));
    expect(removal.map((s) => [s.id, s.action, s.cleanup])).toEqual([
      ['http-api', 'delete', true],
      ['http-api-permission', 'delete', true],
    ]);
    await churn({ expose: 'function-url' }, packager).deploy(fastApply());
    expect(gateway.apis.size).toBe(0);
    expect(fn().statements.get('live')?.has('modelship-http-api') ?? false).toBe(false);
    expect(fn().urls.get('live')).toBe('AWS_IAM');

    // A new API has a new id: the permission names it, not the old one.
    await churn({ expose: 'http-api' }, packager).deploy(fastApply());
    const apiId = gateway.exposure()?.apiId ?? '';
    expect(sourceArns(lambda).at(-1)).toContain(`:${apiId}/*/*/invocations`);
    expect(sourceArns(lambda)).toHaveLength(2);

    await churn({}, packager).deploy(fastApply());
    expect(gateway.apis.size).toBe(0);
    expect(fn().urls.size).toBe(0);
    expect(fn().statements.get('live')?.size ?? 0).toBe(0);
    // Nothing left to remove: the next plan makes no API Gateway call at all.
    const calls = gateway.stub.calls().length;
    await churn({}, packager).plan();
    expect(gateway.stub.calls().length).toBe(calls);
  });
});

describe('Lambda HTTP API: retries and rollback', () => {
  it.each(['CreateApi', 'CreateIntegration', 'CreateRoute', 'CreateStage'])(
    'a 500 after %s was carried out converges on one of each',
    async (operation) => {
      const { lambda, gateway } = fakeServices();
      const { packager } = fakePackager();
      gateway.fail(operation, () => gatewayError('InternalServerError', 'Internal error', 500), 1, true);
      await churn({ expose: 'http-api' }, packager).deploy(fastApply(retry));
      const [only] = [...gateway.apis.values()];
      expect(gateway.apis.size).toBe(1);
      expect([only?.integrations.size, only?.routes.size, only?.stages.size]).toEqual([1, 1, 1]);
      expect(gateway.exposure()).toMatchObject({ auth: 'AWS_IAM', uri: ALIAS_ARN, autoDeploy: true });
      expect(lambda.fn('churn').statements.get('live')?.has('modelship-http-api')).toBe(true);
    },
  );

  it('a 500 after AddPermission was carried out converges on one statement', async () => {
    const { lambda } = fakeServices();
    const { packager } = fakePackager();
    lambda.fail('AddPermission', () => lambdaError('ServiceException', 'Internal error', 500), 1, true);
    await churn({ expose: 'http-api' }, packager).deploy(fastApply(retry));
    expect([...(lambda.fn('churn').statements.get('live') ?? [])]).toEqual(['modelship-http-api']);
  });

  it('undoes the API and the permission when the stage cannot be made', async () => {
    const { lambda, gateway } = fakeServices();
    const { packager } = fakePackager();
    await churn({}, packager).deploy(fastApply());
    gateway.fail('CreateStage', () => gatewayError('AccessDeniedException', 'not authorized', 403));
    await expect(churn({ expose: 'http-api' }, packager).deploy(fastApply(retry))).rejects.toThrow(
      DeploymentFailedError,
    );
    expect(mutations(gateway.log)).toEqual([
      'CreateApi',
      'CreateIntegration',
      'CreateRoute',
      'DeleteRoute',
      'DeleteIntegration',
      'DeleteApi',
    ]);
    expect(gateway.apis.size).toBe(0);
    expect(lambda.log.filter((line) => line.includes('modelship-http-api')).map((line) => line.split(' ')[0])).toEqual([
      'AddPermission',
      'RemovePermission',
    ]);
    expect(lambda.fn('churn').statements.get('live')?.size ?? 0).toBe(0);
  });
});

describe('Lambda HTTP API: destroy', () => {
  it('removes the API, the permission and the function, and is safe to run twice', async () => {
    const { lambda, gateway } = fakeServices();
    const { packager } = fakePackager();
    await churn({ expose: 'http-api' }, packager).deploy(fastApply());
    await churn({ expose: 'http-api' }, packager).destroy(fastApply());
    expect(mutations(gateway.log).at(-1)).toBe('DeleteApi');
    expect(gateway.apis.size).toBe(0);
    expect(lambda.functions.size).toBe(0);
    expect(lambda.log.slice(-2)).toEqual(['RemovePermission churn live modelship-http-api', 'DeleteFunction churn']);

    const calls = [lambda.log.length, gateway.log.length];
    await churn({ expose: 'http-api' }, packager).destroy(fastApply());
    expect([lambda.log.length, gateway.log.length]).toEqual(calls);
  });

  it('finds the API from the function’s policy even when the spec has moved on to another exposure', async () => {
    const { gateway } = fakeServices();
    const { packager } = fakePackager();
    await churn({ expose: 'http-api' }, packager).deploy(fastApply());
    await churn({ expose: 'function-url' }, packager).destroy(fastApply());
    expect(gateway.apis.size).toBe(0);
  });
});
