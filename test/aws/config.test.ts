import { describe, expect, it } from 'vitest';
import { type AwsConfig, serviceOptions, toClientOptions, validateAwsConfig } from '../../src/aws/config.js';
import { AwsContext } from '../../src/aws/context.js';
import { VERSION } from '../../src/aws/version.js';
import { InvalidArgumentError } from '../../src/errors.js';
import { TEST_CREDENTIALS } from './loopback.js';

describe('toClientOptions', () => {
  it('sets only the user agent when nothing is configured, leaving the rest to the SDK', () => {
    expect(toClientOptions({})).toEqual({ customUserAgent: [['modelship', VERSION]] });
  });

  it('passes what is configured', () => {
    const logger = { debug() {}, info() {}, warn() {}, error() {} };
    expect(
      toClientOptions({
        region: 'eu-west-1',
        credentials: TEST_CREDENTIALS,
        maxAttempts: 5,
        retryMode: 'adaptive',
        logger,
        requestTimeoutMs: 30_000,
        maxSockets: 10,
      }),
    ).toEqual({
      region: 'eu-west-1',
      credentials: TEST_CREDENTIALS,
      maxAttempts: 5,
      retryMode: 'adaptive',
      logger,
      customUserAgent: [['modelship', VERSION]],
      requestHandler: {
        requestTimeout: 30_000,
        throwOnRequestTimeout: true,
        httpAgent: { maxSockets: 10 },
        httpsAgent: { maxSockets: 10 },
      },
    });
    expect(toClientOptions({ profile: 'ml' })).toMatchObject({ profile: 'ml' });
    expect(toClientOptions({ keepAlive: false }).requestHandler).toEqual({
      httpAgent: { keepAlive: false },
      httpsAgent: { keepAlive: false },
    });
    // keepAlive: true is the SDK's own default: nothing to pass.
    expect(toClientOptions({ keepAlive: true }).requestHandler).toBeUndefined();
  });

  it("adds a service's endpoint and S3 path style to that service only", () => {
    const config: AwsConfig = { endpoints: { s3: 'http://127.0.0.1:9000' }, s3ForcePathStyle: true };
    expect(serviceOptions(config, 'S3')).toEqual({ endpoint: 'http://127.0.0.1:9000', forcePathStyle: true });
    expect(serviceOptions(config, 'SageMaker')).toEqual({});
    expect(serviceOptions({ endpoints: { sagemakerRuntime: 'http://localhost:8080' } }, 'SageMaker Runtime')).toEqual({
      endpoint: 'http://localhost:8080',
    });
    expect(serviceOptions({ endpoints: { sagemakerRuntime: 'http://localhost:8080' } }, 'SageMaker')).toEqual({});
    expect(() => validateAwsConfig({ endpoints: { s3: undefined } })).not.toThrow();
    expect(serviceOptions({ endpoints: { s3: undefined } }, 'S3')).toEqual({});
  });
});

describe('validateAwsConfig', () => {
  it.each([
    [{ region: 'US East' }, 'region', 'is not an AWS region'],
    [{ region: 'us-east' }, 'region', 'is not an AWS region'],
    [{ credentials: TEST_CREDENTIALS, profile: 'ml' }, 'credentials', 'Both credentials and profile'],
    [{ credentials: { accessKeyId: 'AKID' } }, 'credentials', 'credential provider function'],
    [{ profile: ' ' }, 'profile', 'non-empty name'],
    [
      { endpoints: { sagemakr: 'http://127.0.0.1:1' } },
      'endpoints.sagemakr',
      'Use one of: sagemaker, sagemakerRuntime, s3',
    ],
    [{ endpoints: { s3: '127.0.0.1:9000' } }, 'endpoints.s3', 'is not an http(s) URL'],
    [{ endpoints: { s3: 'ftp://127.0.0.1' } }, 'endpoints.s3', 'is not an http(s) URL'],
    [{ maxAttempts: 0 }, 'maxAttempts', 'at least 1'],
    [{ maxAttempts: 2.5 }, 'maxAttempts', 'whole number'],
    [{ retryMode: 'legacy' }, 'retryMode', '"standard" or "adaptive"'],
    [{ logger: { info() {} } }, 'logger', 'debug, info, warn and error'],
    [{ requestTimeoutMs: -1 }, 'requestTimeoutMs', 'at least 1'],
    [{ maxSockets: Number.POSITIVE_INFINITY }, 'maxSockets', 'whole number'],
    [{ keepAlive: 'yes' }, 'keepAlive', 'true or false'],
    [{ clients: [{}] }, 'clients[0]', 'AWS SDK v3 client'],
  ])('rejects %o', (config, argument, why) => {
    let error: unknown;
    try {
      validateAwsConfig(config as unknown as AwsConfig);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ argument });
    expect((error as Error).message).toContain(why);
  });

  it('never puts a secret in a message', () => {
    const config = { credentials: { accessKeyId: 'AKID', secretAccessKey: 'super-secret' }, profile: 'ml' };
    expect(() => new AwsContext(config as unknown as AwsConfig)).toThrow(InvalidArgumentError);
    try {
      validateAwsConfig(config as unknown as AwsConfig);
    } catch (error) {
      expect((error as Error).message).not.toContain('super-secret');
    }
  });

  it('accepts every region shape AWS uses', () => {
    for (const region of [
      'us-east-1',
      'eu-central-2',
      'us-gov-west-1',
      'cn-northwest-1',
      'us-isob-east-1',
      'ap-southeast-7',
    ]) {
      expect(() => validateAwsConfig({ region })).not.toThrow();
    }
  });

  it('forbids credentials and profile together at compile time', () => {
    // @ts-expect-error: a configuration gives credentials or a profile, not both
    const both: AwsConfig = { credentials: TEST_CREDENTIALS, profile: 'ml' };
    expect(both).toBeDefined();
  });
});
