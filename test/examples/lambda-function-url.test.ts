import { CreateFunctionCommand, InvokeCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { main } from '../../examples/lambda-function-url.js';
import { decodeInvokeRequest, encodeInvokeSuccess } from '../../src/targets/lambda/runtime/protocol.js';
import { AWS, fakePackager, fakeServices } from '../targets/lambda/support/setup.js';

// The Lambda example runs here as users run it, against the fake Lambda, IAM, STS and CloudWatch (every request
// checked against the service models), with the fake packager (no 18 MB zip) and a canary clock that runs fast.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** What the iris model answers for rows: setosa for short petals, virginica otherwise. */
function irisAnswer(rows: number[][]): string {
  const predictions = rows.map((row) => {
    const label = (row[2] ?? 0) < 2.5 ? 0 : 2;
    return { probabilities: [0, 1, 2].map((i) => (i === label ? 0.9 : 0.05)), label };
  });
  return JSON.stringify({ predictions });
}

/** Answers Invoke as the function's runtime does: decodes the envelope, encodes the model's answer. */
function fakeFunction(lambda: ReturnType<typeof fakeServices>['lambda']) {
  lambda.stub.on(InvokeCommand).callsFake((input) => {
    const request = decodeInvokeRequest(JSON.parse(decoder.decode(input.Payload as Uint8Array)));
    const rows = JSON.parse(decoder.decode(request.body)) as number[][];
    const answer = encodeInvokeSuccess({ body: encoder.encode(irisAnswer(rows)), contentType: 'application/json' });
    return { StatusCode: 200, ExecutedVersion: '1', Payload: encoder.encode(JSON.stringify(answer)) };
  });
}

/** The Function URL: answers what the runtime answers to an HTTP event, and records what it was sent. */
function fakeUrl() {
  const received: { url: string; headers: Headers; body: string }[] = [];
  const fetcher: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    const body = decoder.decode(init?.body as Uint8Array);
    received.push({ url: String(input), headers, body });
    if (!headers.get('authorization')?.startsWith('AWS4-HMAC-SHA256 ')) {
      return new Response('{"Message":"Forbidden"}', {
        status: 403,
        headers: { 'x-amzn-errortype': 'AccessDeniedException' },
      });
    }
    const rows = JSON.parse(body) as number[][];
    return new Response(irisAnswer(rows), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { fetcher, received };
}

/** A clock that moves 2 minutes every time the canary reads it. */
function fastClock() {
  let ms = 0;
  return () => {
    ms += 120_000;
    return ms;
  };
}

const poll = { initialDelayMs: 1, maxDelayMs: 1, jitter: 0 };

describe('lambda-function-url example', () => {
  it('plan only, without --apply: prints the plan and changes nothing', async () => {
    const { lambda } = fakeServices();
    const { packager } = fakePackager();
    const lines: string[] = [];
    await main({
      modelPath: '/models/iris.onnx',
      apply: false,
      aws: AWS,
      lambda: { package: packager, roleSettleMs: 0 },
      log: (l) => lines.push(l),
    });
    const out = lines.join('\n');
    expect(out).toMatch(/IAM role\s+modelship-lambda-iris-lambda/);
    expect(out).toMatch(/\+\s+Lambda function\s+iris-lambda\s.*arm64/);
    expect(out).toMatch(/\+\s+Lambda function URL\s+iris-lambda:live\s.*AWS_IAM/);
    expect(lambda.log).toEqual([]);
  });

  it('deploys, predicts through Invoke and the signed Function URL, updates with a canary, and tears down', async () => {
    const { lambda, iam } = fakeServices();
    lambda.polls = 0;
    fakeFunction(lambda);
    const { packager } = fakePackager();
    const url = fakeUrl();
    const lines: string[] = [];
    await main({
      modelPath: '/models/iris.onnx',
      apply: true,
      rollbackAlarm: 'iris-lambda-model-errors',
      aws: AWS,
      lambda: { package: packager, now: fastClock(), roleSettleMs: 0 },
      poll,
      fetch: url.fetcher,
      log: (l) => lines.push(l),
    });
    const out = lines.join('\n');

    // Created on arm64, with the role modelship made, behind an AWS_IAM Function URL.
    expect(lambda.log).toContain('CreateFunction iris-lambda');
    expect(lambda.log).toContain('CreateFunctionUrlConfig iris-lambda live AWS_IAM');
    const created = lambda.stub.commandCalls(CreateFunctionCommand)[0]?.args[0].input;
    expect(created).toMatchObject({ Architectures: ['arm64'], MemorySize: 1024, Timeout: 30 });
    expect(created?.Role).toBe('arn:aws:iam::123456789012:role/modelship/modelship-lambda-iris-lambda');
    expect(out).toContain('Invoke: setosa, virginica');
    const sent = lambda.stub.commandCalls(InvokeCommand)[0]?.args[0].input;
    expect(sent).toMatchObject({ FunctionName: 'iris-lambda', Qualifier: 'live', InvocationType: 'RequestResponse' });

    // The URL call: the Function URL of the live alias, POSTed with a SigV4 signature for lambda in the region.
    expect(out).toMatch(/Function URL: https:\/\/\S+\.lambda-url\.eu-west-1\.on\.aws\/ \(auth AWS_IAM/);
    expect(out).toContain('Function URL: setosa, virginica');
    expect(url.received).toHaveLength(1);
    expect(url.received[0]?.headers.get('authorization')).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d{8}\/eu-west-1\/lambda\/aws4_request/,
    );
    expect(url.received[0]?.body).toBe('[[5.1,3.5,1.4,0.2],[6.7,3,5.2,2.3]]');

    // The update: version 2 took 10% of the alias first, then all of it.
    expect(lambda.log.filter((line) => line.startsWith('UpdateAlias'))).toEqual([
      'UpdateAlias iris-lambda live 1 {"2":0.1}',
      'UpdateAlias iris-lambda live 2 {}',
    ]);
    expect(out).toMatch(/canary: 10% on version 2/);
    expect(out).toContain('updated: the live alias serves version 2 (was 1)');

    // Torn down: the function (with its versions, alias and URL) and the role it created.
    expect(out).toContain('Tearing down');
    expect(lambda.functions.has('iris-lambda')).toBe(false);
    expect(iam.roles.has('modelship-lambda-iris-lambda')).toBe(false);
  });

  it('rolls the canary back when the alarm fires, and still tears down', async () => {
    const { lambda, alarms } = fakeServices();
    lambda.polls = 0;
    fakeFunction(lambda);
    alarms.set('iris-lambda-model-errors', 'ALARM');
    const { packager } = fakePackager();
    const lines: string[] = [];
    await expect(
      main({
        modelPath: '/models/iris.onnx',
        apply: true,
        rollbackAlarm: 'iris-lambda-model-errors',
        aws: AWS,
        lambda: { package: packager, now: fastClock(), roleSettleMs: 0 },
        poll,
        fetch: fakeUrl().fetcher,
        log: (l) => lines.push(l),
      }),
    ).rejects.toThrow(/iris-lambda-model-errors fired during the canary/);
    expect(lambda.log.filter((line) => line.startsWith('UpdateAlias'))[0]).toBe(
      'UpdateAlias iris-lambda live 1 {"2":0.1}',
    );
    expect(lines.join('\n')).toContain('Tearing down');
    expect(lambda.functions.has('iris-lambda')).toBe(false);
  });
});
