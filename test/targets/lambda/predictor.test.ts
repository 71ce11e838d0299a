import { InvokeCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { decodeInvokeRequest, encodeInvokeSuccess } from '../../../src/targets/lambda/runtime/protocol.js';
import { churn, fakePackager, fakeServices, fastApply } from './support/setup.js';

describe('the predictor of a Lambda deployment', () => {
  it('invokes the live alias with the runtime’s envelope and returns the model’s answer', async () => {
    const { lambda } = fakeServices();
    const { packager } = fakePackager();
    const deployment = await churn({}, packager).deploy(fastApply());
    const encoder = new TextEncoder();
    lambda.stub.on(InvokeCommand).callsFake((input) => {
      // What the function's runtime would do: decode the request, answer the model's output.
      const request = decodeInvokeRequest(JSON.parse(new TextDecoder().decode(input.Payload as Uint8Array)));
      const rows = JSON.parse(new TextDecoder().decode(request.body)) as number[][];
      const answer = encodeInvokeSuccess({
        body: encoder.encode(JSON.stringify(rows.map((r) => r.length))),
        contentType: 'application/json',
      });
      return { StatusCode: 200, ExecutedVersion: '1', Payload: encoder.encode(JSON.stringify(answer)) };
    });
    const model = deployment.predictor<number[][], number[]>();
    expect(await model.predict([[1, 2, 3], [4]])).toEqual([3, 1]);
    const sent = lambda.stub.commandCalls(InvokeCommand)[0]?.args[0].input;
    expect(sent).toMatchObject({ FunctionName: 'churn', Qualifier: 'live', InvocationType: 'RequestResponse' });
  });
});
