import { describe, expect, it } from 'vitest';
import { main } from '../../examples/lambda-http-api.js';
import { AWS, fakePackager, fakeServices } from '../targets/lambda/support/setup.js';

// The HTTP API example runs here as users run it, against the fake Lambda, API Gateway v2, IAM, STS (every request
// checked against the service models) and the fake packager. The HTTP call goes to a `fetch` given through the
// transport's `fetch` option: it refuses unsigned requests and answers what the churn handler would.

const decoder = new TextDecoder();
const poll = { initialDelayMs: 1, maxDelayMs: 1, jitter: 0 };

/** The API's route: 403 without a SigV4 signature, else the handler's answer; records what it was sent. */
function fakeRoute() {
  const received: { url: string; method: string; headers: Headers; body: string }[] = [];
  const fetcher: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    const body = decoder.decode(init?.body as Uint8Array);
    received.push({ url: String(input), method: init?.method ?? 'GET', headers, body });
    if (!headers.get('authorization')?.startsWith('AWS4-HMAC-SHA256 ')) {
      return new Response('{"message":"Forbidden"}', { status: 403 });
    }
    const customers = JSON.parse(body) as { tenureMonths: number }[];
    const churn = customers.map((c) => (c.tenureMonths < 12 ? 0.9 : 0.1));
    return new Response(JSON.stringify({ churn }), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { fetcher, received };
}

describe('lambda-http-api example', () => {
  it('plan only, without --apply: prints the plan and changes nothing', async () => {
    const { lambda, gateway } = fakeServices();
    const { packager } = fakePackager();
    const lines: string[] = [];
    await main({
      handlerPath: '/models/churn.mjs',
      apply: false,
      aws: AWS,
      lambda: { package: packager, roleSettleMs: 0 },
      log: (l) => lines.push(l),
    });
    const out = lines.join('\n');
    expect(out).toMatch(/\+\s+Lambda function\s+churn-http\s/);
    expect(out).toMatch(/\+\s+API Gateway HTTP API\s+modelship-churn-http\s/);
    expect(out).toMatch(/\+\s+API Gateway route\s+POST \/invocations\s.*AWS_IAM/);
    expect(lambda.log).toEqual([]);
    expect(gateway.log).toEqual([]);
  });

  it('deploys behind an HTTP API, calls the route signed for execute-api, and tears everything down', async () => {
    const { lambda, gateway, iam } = fakeServices();
    lambda.polls = 0;
    const { packager } = fakePackager();
    const route = fakeRoute();
    const lines: string[] = [];
    let exposure: ReturnType<typeof gateway.exposure>;
    const fetcher: typeof fetch = (input, init) => {
      exposure = gateway.exposure('modelship-churn-http'); // what the API looked like when it was called
      return route.fetcher(input, init);
    };
    await main({
      handlerPath: '/models/churn.mjs',
      apply: true,
      aws: AWS,
      lambda: { package: packager, roleSettleMs: 0 },
      poll,
      fetch: fetcher,
      log: (l) => lines.push(l),
    });
    const out = lines.join('\n');

    expect(exposure).toMatchObject({
      auth: 'AWS_IAM',
      uri: 'arn:aws:lambda:eu-west-1:123456789012:function:churn-http:live',
      payload: '2.0',
      autoDeploy: true,
    });
    const apiId = exposure && 'apiId' in exposure ? exposure.apiId : '';
    expect(out).toContain(
      `HTTP API ${apiId}: POST https://${apiId}.execute-api.eu-west-1.amazonaws.com/invocations (auth AWS_IAM)`,
    );
    expect(route.received).toHaveLength(1);
    expect(route.received[0]).toMatchObject({
      url: `https://${apiId}.execute-api.eu-west-1.amazonaws.com/invocations`,
      method: 'POST',
      body: '[{"tenureMonths":2,"monthlyCharges":95},{"tenureMonths":60,"monthlyCharges":20}]',
    });
    expect(route.received[0]?.headers.get('authorization')).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d{8}\/eu-west-1\/execute-api\/aws4_request/,
    );
    expect(out).toContain('churn scores: 0.9, 0.1');

    expect(out).toContain('Tearing down');
    expect(gateway.apis.size).toBe(0);
    expect(lambda.functions.has('churn-http')).toBe(false);
    expect(iam.roles.has('modelship-lambda-churn-http')).toBe(false);
  });
});
