import { InvokeCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { encodeInvokeSuccess } from '../../../src/targets/lambda/runtime/protocol.js';
import { FakeCloudWatchLogs } from '../../monitor/support/fake-cloudwatch-logs.js';
import { churn, fakePackager, fakeServices, fastApply } from './support/setup.js';

describe('attach to a Lambda deployment made by another process', () => {
  it('has the outputs a deploy leaves, predicts through live, reads the function’s logs, destroys it', async () => {
    const { lambda } = fakeServices();
    const { packager } = fakePackager();
    const made = await churn({ expose: 'function-url' }, packager).deploy(fastApply());
    const mutations = lambda.log.length;

    const deployment = await churn({ expose: 'function-url' }, packager).attach();

    expect(lambda.log).toHaveLength(mutations);
    for (const id of ['function', 'alias', 'function-url']) {
      expect(deployment.outputs.get(id)).toEqual(made.outputs.get(id));
    }

    const encoder = new TextEncoder();
    lambda.stub.on(InvokeCommand).callsFake(() => ({
      StatusCode: 200,
      ExecutedVersion: '1',
      Payload: encoder.encode(
        JSON.stringify(encodeInvokeSuccess({ body: encoder.encode('[0]'), contentType: 'application/json' })),
      ),
    }));
    expect(await deployment.predictor<number[][], number[]>().predict([[5.1, 3.5, 1.4, 0.2]])).toEqual([0]);
    expect(lambda.stub.commandCalls(InvokeCommand)[0]?.args[0].input).toMatchObject({
      FunctionName: 'churn',
      Qualifier: 'live',
    });

    const logs = new FakeCloudWatchLogs();
    logs.log('/aws/lambda/churn', '2026/11/25/[1]abc', Date.now() - 30_000, 'START RequestId: 1\n');
    const events = [];
    for await (const event of deployment.logs({ since: new Date(Date.now() - 60_000) })) events.push(event.message);
    expect(events).toEqual(['START RequestId: 1\n']);
    expect(logs.requests()[0]?.logGroupName).toBe('/aws/lambda/churn');
    expect(logs.requests()[0]?.logStreamNamePrefix).toBeUndefined();

    await deployment.destroy(fastApply());
    expect(lambda.functions.has('churn')).toBe(false);
  });
});
