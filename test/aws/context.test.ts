import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DescribeEndpointCommand, ListEndpointsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { AwsContext } from '../../src/aws/context.js';
import { toModelshipError } from '../../src/aws/errors.js';
import { VERSION } from '../../src/aws/version.js';
import {
  AbortedError,
  AccessDeniedError,
  InvalidArgumentError,
  NotFoundError,
  ServiceError,
  ThrottledError,
} from '../../src/errors.js';
import { assertAwsRequestsValid, mockAwsClient } from '../support/aws-contract.js';
import { json, type Loopback, startLoopback, TEST_CREDENTIALS } from './loopback.js';

const ACCOUNT = '123456789012';
const IDENTITY = { Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/ci`, UserId: 'AIDAEXAMPLE' };

let home: string;
let loopback: Loopback | undefined;
const contexts: AwsContext[] = [];

// Each test sees an AWS environment of its own: no region, no credentials, no profile files, no instance metadata.
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'modelship-aws-'));
  for (const name of [
    'AWS_REGION',
    'AWS_DEFAULT_REGION',
    'AWS_PROFILE',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
  ]) {
    vi.stubEnv(name, undefined);
  }
  vi.stubEnv('AWS_SESSION_TOKEN', undefined);
  vi.stubEnv('AWS_CONFIG_FILE', join(home, 'config'));
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(home, 'credentials'));
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
});

afterEach(async () => {
  for (const ctx of contexts.splice(0)) ctx.destroy();
  await loopback?.close();
  loopback = undefined;
  vi.unstubAllEnvs();
  rmSync(home, { recursive: true, force: true });
});

function context(config: ConstructorParameters<typeof AwsContext>[0] = {}): AwsContext {
  const ctx = new AwsContext(config);
  contexts.push(ctx);
  return ctx;
}

describe('AwsContext.client', () => {
  it('creates each client class once and returns the same instance after', () => {
    const ctx = context({ region: 'eu-west-1' });
    const sagemaker = ctx.client(SageMakerClient);
    expectTypeOf(sagemaker).toEqualTypeOf<SageMakerClient>();
    expect(sagemaker).toBeInstanceOf(SageMakerClient);
    expect(ctx.client(SageMakerClient)).toBe(sagemaker);
    expect(ctx.client(S3Client)).toBeInstanceOf(S3Client);
    expect(ctx.client(S3Client)).not.toBe(sagemaker);
  });

  it('builds clients from the configuration, with the modelship user agent', async () => {
    const ctx = context({ region: 'eu-west-1', credentials: TEST_CREDENTIALS, maxAttempts: 5, retryMode: 'adaptive' });
    const { config } = ctx.client(SageMakerClient);
    expect(await config.region()).toBe('eu-west-1');
    expect(await config.credentials()).toMatchObject(TEST_CREDENTIALS);
    expect(await config.maxAttempts()).toBe(5);
    expect(await config.retryStrategy()).toMatchObject({ mode: 'adaptive' });
    expect(config.customUserAgent).toEqual([['modelship', VERSION]]);
  });

  it('leaves region and credentials to the AWS SDK chain when not given', async () => {
    // Set after modelship was imported: nothing was read at module load.
    vi.stubEnv('AWS_REGION', 'ap-south-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDFROMENVIRONMENT');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'env-secret');
    const { config } = context().client(SageMakerClient);
    expect(await config.region()).toBe('ap-south-1');
    expect(await config.credentials()).toMatchObject({ accessKeyId: 'AKIDFROMENVIRONMENT' });
  });

  it('reads region and credentials from the named profile', async () => {
    writeFileSync(join(home, 'config'), '[profile ml]\nregion = sa-east-1\n');
    writeFileSync(join(home, 'credentials'), '[ml]\naws_access_key_id = AKIDFROMPROFILE\naws_secret_access_key = s\n');
    const ctx = context({ profile: 'ml' });
    expect(await ctx.region()).toBe('sa-east-1');
    expect(await ctx.client(SageMakerClient).config.credentials()).toMatchObject({ accessKeyId: 'AKIDFROMPROFILE' });
  });

  it('sends requests to the endpoint override of their service only, with the user agent', async () => {
    loopback = await startLoopback((_, res) => json(res, 200, { Endpoints: [] }, { 'x-amzn-requestid': 'r1' }));
    const ctx = context({ region: 'us-east-1', credentials: TEST_CREDENTIALS, endpoints: { sagemaker: loopback.url } });
    const output = await ctx.client(SageMakerClient).send(new ListEndpointsCommand({}));
    expect(output.Endpoints).toEqual([]);
    expect(loopback.requests).toHaveLength(1);
    expect(loopback.requests[0]?.headers['x-amz-target']).toBe('SageMaker.ListEndpoints');
    expect(String(loopback.requests[0]?.headers['user-agent'])).toContain(`modelship/${VERSION}`);
    expect(ctx.client(SageMakerClient).config.isCustomEndpoint).toBe(true);
    expect(ctx.client(SageMakerRuntimeClient).config.isCustomEndpoint).toBe(false);
    expect(ctx.client(S3Client).config.isCustomEndpoint).toBe(false);
  });

  it('addresses S3 buckets in the path for emulators', async () => {
    loopback = await startLoopback((_, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(
        '<ListBucketResult><Name>models</Name><KeyCount>0</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>',
      );
    });
    const ctx = context({
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS,
      endpoints: { s3: loopback.url },
      s3ForcePathStyle: true,
    });
    await ctx.client(S3Client).send(new ListObjectsV2Command({ Bucket: 'models' }));
    expect(loopback.requests[0]?.url).toMatch(/^\/models\/?\?list-type=2/);
  });

  it('retries as configured and logs through the logger', async () => {
    loopback = await startLoopback((_, res) =>
      json(res, 500, { __type: 'InternalFailure', message: 'boom' }, { 'x-amzn-requestid': 'req-500' }),
    );
    const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const ctx = context({
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS,
      endpoints: { sagemaker: loopback.url },
      maxAttempts: 2,
      logger,
    });
    const error = await ctx
      .client(SageMakerClient)
      .send(new ListEndpointsCommand({}))
      .catch((e: unknown) => toModelshipError(e, { service: 'SageMaker', operation: 'ListEndpoints' }));
    expect(loopback.requests).toHaveLength(2);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ retryable: true, aws: { httpStatusCode: 500, requestId: 'req-500' } });
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ commandName: 'ListEndpointsCommand' }));
  });

  it.each([
    [undefined, 1],
    [false, 2],
  ])('with keepAlive %s, two requests in a row use %i connection(s)', async (keepAlive, connections) => {
    loopback = await startLoopback((_, res) => json(res, 200, { Endpoints: [] }));
    const ctx = context({
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS,
      endpoints: { sagemaker: loopback.url },
      ...(keepAlive === undefined ? {} : { keepAlive }),
    });
    await ctx.client(SageMakerClient).send(new ListEndpointsCommand({}));
    await new Promise((resolve) => setTimeout(resolve, 20)); // let the first socket go back to the pool, or close
    await ctx.client(SageMakerClient).send(new ListEndpointsCommand({}));
    expect(new Set(loopback.requests.map((r) => r.remotePort)).size).toBe(connections);
  });

  it('fails a request that runs past requestTimeoutMs with a retryable error', async () => {
    loopback = await startLoopback(() => {}); // never answers
    const ctx = context({
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS,
      endpoints: { sagemaker: loopback.url },
      requestTimeoutMs: 150,
      maxAttempts: 1,
    });
    const error = await ctx
      .client(SageMakerClient)
      .send(new ListEndpointsCommand({}))
      .catch((e: unknown) => toModelshipError(e, { service: 'SageMaker', operation: 'ListEndpoints' }));
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ retryable: true, aws: { name: 'TimeoutError' } });
  });

  it("maps what a real SageMaker answer and an abort turn into through the SDK's own deserializer", async () => {
    loopback = await startLoopback((req, res) => {
      if (req.headers['x-amz-target'] === 'SageMaker.DescribeEndpoint') {
        json(
          res,
          400,
          { __type: 'ValidationException', Message: 'Could not find endpoint "churn".' },
          { 'x-amzn-requestid': 'req-404' },
        );
      }
      // ListEndpoints never answers: the caller aborts.
    });
    const ctx = context({ region: 'us-east-1', credentials: TEST_CREDENTIALS, endpoints: { sagemaker: loopback.url } });
    const sagemaker = ctx.client(SageMakerClient);
    const call = {
      service: 'SageMaker',
      operation: 'DescribeEndpoint',
      resource: { kind: 'SageMaker endpoint', name: 'churn' },
    };
    const missing = await sagemaker
      .send(new DescribeEndpointCommand({ EndpointName: 'churn' }))
      .catch((e: unknown) => toModelshipError(e, call));
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing).toMatchObject({
      resource: call.resource,
      aws: { name: 'ValidationException', requestId: 'req-404' },
    });

    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const aborted = await sagemaker
      .send(new ListEndpointsCommand({}), { abortSignal: controller.signal })
      .catch((e: unknown) => toModelshipError(e, call));
    expect(aborted).toBeInstanceOf(AbortedError);
  });

  it('uses a client given in clients as it is, and never destroys it', () => {
    const mine = new SageMakerClient({ region: 'us-west-2' });
    const ctx = context({ region: 'eu-west-1', clients: [mine] });
    const destroyMine = vi.spyOn(mine, 'destroy');
    expect(ctx.client(SageMakerClient)).toBe(mine);
    expect(mine.config.customUserAgent).toBeUndefined();
    const s3 = ctx.client(S3Client);
    const destroyS3 = vi.spyOn(s3, 'destroy');
    ctx.destroy();
    expect(destroyS3).toHaveBeenCalledOnce();
    expect(destroyMine).not.toHaveBeenCalled();
    expect(ctx.client(SageMakerClient)).toBe(mine);
    // A destroyed context creates its clients again when asked.
    expect(ctx.client(S3Client)).not.toBe(s3);
    mine.destroy();
  });

  it('refuses two given clients of one class', () => {
    const one = new SageMakerClient({});
    const two = new SageMakerClient({});
    expect(() => new AwsContext({ clients: [one, two] })).toThrow(InvalidArgumentError);
  });
});

describe('AwsContext.region', () => {
  it('returns the configured region', async () => {
    expect(await context({ region: 'eu-north-1' }).region()).toBe('eu-north-1');
  });

  it('resolves it as the SDK does when not configured', async () => {
    vi.stubEnv('AWS_REGION', 'ca-central-1');
    expect(await context().region()).toBe('ca-central-1');
  });

  it('says how to configure one when there is none, and tries again on the next call', async () => {
    const ctx = context();
    const error = await ctx.region().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ argument: 'region' });
    expect((error as Error).message).toContain('AWS_REGION');
    vi.stubEnv('AWS_REGION', 'eu-south-1');
    expect(await ctx.region()).toBe('eu-south-1');
  });
});

describe('AwsContext.accountId', () => {
  it('asks STS once, even when asked concurrently', async () => {
    const sts = mockAwsClient(STSClient);
    sts.on(GetCallerIdentityCommand).callsFake(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return IDENTITY;
    });
    const ctx = context({ region: 'us-east-1', credentials: TEST_CREDENTIALS });
    const ids = await Promise.all([ctx.accountId(), ctx.accountId(), ctx.accountId()]);
    expect(ids).toEqual([ACCOUNT, ACCOUNT, ACCOUNT]);
    expect(await ctx.accountId()).toBe(ACCOUNT);
    expect(sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(1);
    assertAwsRequestsValid();
  });

  it('does not cache a failure', async () => {
    const sts = mockAwsClient(STSClient);
    const throttled = Object.assign(new Error('Rate exceeded'), {
      name: 'Throttling',
      $fault: 'client',
      $metadata: { httpStatusCode: 400, requestId: 'sts-1' },
    });
    sts.on(GetCallerIdentityCommand).rejectsOnce(throttled).resolves(IDENTITY);
    const ctx = context({ region: 'us-east-1', credentials: TEST_CREDENTIALS });
    const error = await ctx.accountId().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottledError);
    expect(error).toMatchObject({ aws: { service: 'STS', operation: 'GetCallerIdentity', requestId: 'sts-1' } });
    expect(await ctx.accountId()).toBe(ACCOUNT);
    expect(sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(2);
  });

  it('maps expired credentials to AccessDeniedError', async () => {
    const sts = mockAwsClient(STSClient);
    sts.on(GetCallerIdentityCommand).rejects(
      Object.assign(new Error('The security token included in the request is expired'), {
        name: 'ExpiredToken',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
      }),
    );
    const error = await context({ region: 'us-east-1' })
      .accountId()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccessDeniedError);
    expect((error as Error).message).toContain('STS GetCallerIdentity failed: the AWS credentials are missing');
  });

  it('uses a given STS client', async () => {
    const mine = new STSClient({ region: 'us-east-1', credentials: TEST_CREDENTIALS });
    const sts = mockAwsClient(mine);
    sts.on(GetCallerIdentityCommand).resolves(IDENTITY);
    expect(await context({ clients: [mine] }).accountId()).toBe(ACCOUNT);
    expect(sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(1);
    mine.destroy();
  });

  it('rejects an answer without an account id', async () => {
    mockAwsClient(STSClient).on(GetCallerIdentityCommand).resolves({ Arn: IDENTITY.Arn });
    const error = await context({ region: 'us-east-1', credentials: TEST_CREDENTIALS })
      .accountId()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as Error).message).toContain('without a valid account id');
  });

  it('talks to the STS endpoint override over HTTP', async () => {
    loopback = await startLoopback((_, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(
        '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
          `<Arn>${IDENTITY.Arn}</Arn><UserId>${IDENTITY.UserId}</UserId><Account>${ACCOUNT}</Account>` +
          '</GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>' +
          '</GetCallerIdentityResponse>',
      );
    });
    const ctx = context({ region: 'us-east-1', credentials: TEST_CREDENTIALS, endpoints: { sts: loopback.url } });
    expect(await ctx.accountId()).toBe(ACCOUNT);
    expect(loopback.requests[0]?.body).toContain('Action=GetCallerIdentity');
  });
});
