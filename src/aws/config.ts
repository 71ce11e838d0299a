/**
 * The one configuration every AWS client modelship creates is built from, and its checks.
 * Anything left out is resolved by the AWS SDK exactly as it would be for a client you create yourself
 * (environment, shared config files, instance metadata): modelship adds no defaults of its own except its
 * user agent.
 */
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, Logger } from '@smithy/types';
import { InvalidArgumentError } from '../errors.js';
import { VERSION } from './version.js';

/**
 * The services whose endpoint can be overridden in {@link AwsConfig.endpoints}, mapped to the SDK `serviceId`
 * of their client (the value a client reports as `client.config.serviceId`).
 */
export const AWS_SERVICE_IDS = {
  sagemaker: 'SageMaker',
  sagemakerRuntime: 'SageMaker Runtime',
  s3: 'S3',
  sts: 'STS',
  lambda: 'Lambda',
  iam: 'IAM',
  cloudwatch: 'CloudWatch',
  cloudwatchLogs: 'CloudWatch Logs',
  applicationAutoScaling: 'Application Auto Scaling',
  sns: 'SNS',
  ecr: 'ECR',
  apigatewayv2: 'ApiGatewayV2',
} as const;

/**
 * A key of {@link AwsConfig.endpoints}: `sagemaker`, `sagemakerRuntime`, `s3`, `sts`, `lambda`, `iam`, …
 *
 * @example
 * ```ts
 * const aws: AwsConfig = { endpoints: { s3: 'http://localhost:4569', sagemakerRuntime: 'http://localhost:8080' } };
 * ```
 */
export type AwsServiceKey = keyof typeof AWS_SERVICE_IDS;

/**
 * AWS credentials: fixed keys, or a provider such as `fromIni()` or `fromTemporaryCredentials()`.
 *
 * @example
 * ```ts
 * import { defaultProvider } from '@aws-sdk/credential-provider-node';
 * const credentials: AwsCredentials = defaultProvider({ profile: 'ml-deploy' });
 * const aws = new AwsContext({ region: 'eu-west-1', credentials });
 * ```
 */
export type AwsCredentials = AwsCredentialIdentity | AwsCredentialIdentityProvider;

/**
 * The smallest part of an AWS SDK v3 client modelship relies on. Every `@aws-sdk/client-*` client fits it.
 *
 * @example
 * ```ts
 * const client: AwsSdkClient = new SageMakerClient({ region: 'eu-west-1' });
 * console.log(client.config.serviceId); // SageMaker
 * ```
 */
export interface AwsSdkClient {
  /** The client's resolved configuration; modelship reads only its service id. */
  readonly config: {
    /** The SDK's service id, e.g. `SageMaker`. */
    readonly serviceId?: string;
  };
  /** Closes the client's connections. */
  destroy(): void;
}

/**
 * Options shared by every AWS configuration, whichever way credentials are given.
 *
 * @example
 * ```ts
 * const base: AwsConfigBase = { region: 'eu-west-1', maxAttempts: 5 };
 * const aws: AwsConfig = { ...base, profile: 'ml-deploy' };
 * ```
 */
export interface AwsConfigBase {
  /**
   * The AWS region, e.g. `eu-west-1`.
   * @default resolved by the AWS SDK: `AWS_REGION`, then the profile's `region`, then instance metadata
   */
  readonly region?: string;
  /**
   * Endpoint URLs by service, for emulators (LocalStack, MinIO) or VPC endpoints. Only the named services are
   * affected; the others keep their AWS endpoints.
   * @default none: the SDK's endpoints (including `AWS_ENDPOINT_URL_<SERVICE>` when set)
   * @example
   * ```ts
   * new AwsContext({ endpoints: { sagemaker: 'http://127.0.0.1:4566', s3: 'http://127.0.0.1:4566' } });
   * ```
   */
  readonly endpoints?: Readonly<Partial<Record<AwsServiceKey, string>>>;
  /**
   * How many times a request is tried at most, the first attempt included.
   * @default the SDK's: `AWS_MAX_ATTEMPTS`, the profile's `max_attempts`, or 3
   */
  readonly maxAttempts?: number;
  /**
   * The SDK retry strategy: `standard`, or `adaptive` (also rate-limits the client itself when throttled).
   * @default the SDK's: `AWS_RETRY_MODE`, the profile's `retry_mode`, or `standard`
   */
  readonly retryMode?: 'standard' | 'adaptive';
  /**
   * Receives the SDK's logs (requests and responses with their metadata; never credentials).
   * @default none
   */
  readonly logger?: Logger;
  /**
   * How long one HTTP request (one attempt) may take, in milliseconds, before it fails with a retryable error.
   * @default no limit (the SDK's default)
   */
  readonly requestTimeoutMs?: number;
  /**
   * Whether to keep connections open between requests. Turn off only where idle sockets are a problem.
   * @default true
   */
  readonly keepAlive?: boolean;
  /**
   * The most connections open at once per client and host.
   * @default 50 (the SDK's default)
   */
  readonly maxSockets?: number;
  /**
   * Address S3 buckets in the path (`http://host/bucket/key`) rather than the host name, as S3-compatible
   * emulators need.
   * @default false
   */
  readonly s3ForcePathStyle?: boolean;
  /**
   * Clients you built yourself, used as they are (their own configuration applies, modelship adds nothing) in
   * place of creating one of the same class. {@link AwsContext.destroy} leaves them open.
   * @default none
   * @example
   * ```ts
   * new AwsContext({ clients: [new SageMakerClient({ region: 'eu-west-1' })] });
   * ```
   */
  readonly clients?: readonly AwsSdkClient[];
}

/**
 * How modelship talks to AWS. Give `credentials` or a `profile`, not both; give neither to use the AWS SDK's
 * default credential chain.
 * @example
 * ```ts
 * const aws: AwsConfig = { region: 'eu-west-1', profile: 'ml-deploy', maxAttempts: 5 };
 * ```
 */
export type AwsConfig = AwsConfigBase &
  (
    | {
        /**
         * Credentials to sign requests with.
         * @default the AWS SDK default credential chain
         */
        readonly credentials?: AwsCredentials;
        /** Not with `credentials`: give one or the other. */
        readonly profile?: never;
      }
    | {
        /**
         * The profile of `~/.aws/config` and `~/.aws/credentials` to use, for credentials and other settings.
         * @default `AWS_PROFILE`, or `default`
         */
        readonly profile?: string;
        /** Not with `profile`: give one or the other. */
        readonly credentials?: never;
      }
  );

/** What modelship passes to every client constructor. Fields it does not set are left for the SDK to resolve. */
export interface AwsClientOptions {
  region?: string;
  credentials?: AwsCredentials;
  profile?: string;
  maxAttempts?: number;
  retryMode?: string;
  logger?: Logger;
  customUserAgent: [string, string][];
  requestHandler?: {
    requestTimeout?: number;
    throwOnRequestTimeout?: boolean;
    httpAgent?: { keepAlive?: boolean; maxSockets?: number };
    httpsAgent?: { keepAlive?: boolean; maxSockets?: number };
  };
  endpoint?: string;
  forcePathStyle?: boolean;
}

// Partition-aware but deliberately loose: `us-east-1`, `us-gov-west-1`, `cn-north-1`, `us-isob-east-1`.
const REGION_PATTERN = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;
const SERVICE_KEYS = Object.keys(AWS_SERVICE_IDS) as AwsServiceKey[];

/** The service key of an SDK `serviceId`, or undefined for a service without an endpoint key. */
export function serviceKeyOf(serviceId: string | undefined): AwsServiceKey | undefined {
  return SERVICE_KEYS.find((key) => AWS_SERVICE_IDS[key] === serviceId);
}

/**
 * Checks a configuration without any I/O.
 * @throws {@link InvalidArgumentError} naming the option at fault and what is allowed.
 */
export function validateAwsConfig(config: AwsConfig): void {
  if (typeof config !== 'object' || config === null) {
    throw new InvalidArgumentError('aws', 'The AWS configuration must be an object, e.g. { region: "eu-west-1" }.');
  }
  const { region, credentials, profile, endpoints, maxAttempts, retryMode, logger } = config;
  if (region !== undefined && (typeof region !== 'string' || !REGION_PATTERN.test(region))) {
    throw new InvalidArgumentError(
      'region',
      `"${String(region)}" is not an AWS region. Use a region code such as "us-east-1" or "eu-west-1", or leave ` +
        'region out to let the AWS SDK resolve it (AWS_REGION, your profile).',
    );
  }
  if (credentials !== undefined && profile !== undefined) {
    throw new InvalidArgumentError(
      'credentials',
      'Both credentials and profile were given. Pass one: credentials to sign with those, or profile to read ' +
        'them from ~/.aws/config.',
    );
  }
  if (credentials !== undefined && !isCredentials(credentials)) {
    throw new InvalidArgumentError(
      'credentials',
      'credentials must be { accessKeyId, secretAccessKey, sessionToken? } or a credential provider function ' +
        '(such as fromIni() from @aws-sdk/credential-providers).',
    );
  }
  if (profile !== undefined && (typeof profile !== 'string' || profile.trim() === '')) {
    throw new InvalidArgumentError('profile', 'profile must be the non-empty name of a profile in ~/.aws/config.');
  }
  validateEndpoints(endpoints);
  checkInteger('maxAttempts', maxAttempts, 'the total number of attempts, e.g. 3 (1 turns retries off)');
  if (retryMode !== undefined && retryMode !== 'standard' && retryMode !== 'adaptive') {
    throw new InvalidArgumentError(
      'retryMode',
      `retryMode must be "standard" or "adaptive", not "${String(retryMode)}".`,
    );
  }
  if (logger !== undefined && !isLogger(logger)) {
    throw new InvalidArgumentError(
      'logger',
      'logger must have debug, info, warn and error methods (console fits, as do pino and winston loggers).',
    );
  }
  checkInteger('requestTimeoutMs', config.requestTimeoutMs, 'a time in milliseconds, e.g. 30000');
  checkInteger('maxSockets', config.maxSockets, 'a number of connections, e.g. 50');
  for (const key of ['keepAlive', 's3ForcePathStyle'] as const) {
    if (config[key] !== undefined && typeof config[key] !== 'boolean') {
      throw new InvalidArgumentError(key, `${key} must be true or false.`);
    }
  }
  validateClients(config.clients);
}

/** The options every client this configuration creates gets (before its service's endpoint override). */
export function toClientOptions(config: AwsConfig): AwsClientOptions {
  const options: AwsClientOptions = { customUserAgent: [['modelship', VERSION]] };
  // Only what the user set is passed: an `undefined` region would still be a value to some SDK resolvers.
  if (config.region !== undefined) options.region = config.region;
  if (config.credentials !== undefined) options.credentials = config.credentials;
  if (config.profile !== undefined) options.profile = config.profile;
  if (config.maxAttempts !== undefined) options.maxAttempts = config.maxAttempts;
  if (config.retryMode !== undefined) options.retryMode = config.retryMode;
  if (config.logger !== undefined) options.logger = config.logger;
  const agent: { keepAlive?: boolean; maxSockets?: number } = {};
  if (config.keepAlive === false) agent.keepAlive = false;
  if (config.maxSockets !== undefined) agent.maxSockets = config.maxSockets;
  const hasAgentOptions = Object.keys(agent).length > 0;
  if (hasAgentOptions || config.requestTimeoutMs !== undefined) {
    options.requestHandler = {};
    if (config.requestTimeoutMs !== undefined) {
      options.requestHandler.requestTimeout = config.requestTimeoutMs;
      // Without this the SDK only logs a warning when the timeout passes.
      options.requestHandler.throwOnRequestTimeout = true;
    }
    if (hasAgentOptions) {
      // Both: an endpoint override may be plain http (an emulator on 127.0.0.1).
      options.requestHandler.httpAgent = { ...agent };
      options.requestHandler.httpsAgent = { ...agent };
    }
  }
  return options;
}

/** The extra options of the client of one service: its endpoint override, S3 path-style addressing. */
export function serviceOptions(config: AwsConfig, serviceId: string | undefined): Partial<AwsClientOptions> {
  const key = serviceKeyOf(serviceId);
  const extra: Partial<AwsClientOptions> = {};
  const endpoint = key === undefined ? undefined : config.endpoints?.[key];
  if (endpoint !== undefined) extra.endpoint = endpoint;
  if (key === 's3' && config.s3ForcePathStyle) extra.forcePathStyle = true;
  return extra;
}

function validateEndpoints(endpoints: AwsConfig['endpoints']): void {
  if (endpoints === undefined) return;
  if (typeof endpoints !== 'object' || endpoints === null) {
    throw new InvalidArgumentError('endpoints', 'endpoints must be an object of URLs by service, e.g. { s3: "…" }.');
  }
  for (const [key, url] of Object.entries(endpoints)) {
    if (url === undefined) continue; // `{ s3: process.env.S3_URL }` with the variable unset: no override
    if (!(key in AWS_SERVICE_IDS)) {
      throw new InvalidArgumentError(
        `endpoints.${key}`,
        `"${key}" is not a service modelship knows. Use one of: ${SERVICE_KEYS.join(', ')}.`,
      );
    }
    let parsed: URL | undefined;
    try {
      parsed = typeof url === 'string' ? new URL(url) : undefined;
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
      throw new InvalidArgumentError(
        `endpoints.${key}`,
        `"${String(url)}" is not an http(s) URL. Give the full URL, e.g. "http://127.0.0.1:4566".`,
      );
    }
  }
}

function validateClients(clients: AwsConfig['clients']): void {
  if (clients === undefined) return;
  if (!Array.isArray(clients)) {
    throw new InvalidArgumentError('clients', 'clients must be an array of AWS SDK v3 clients.');
  }
  const seen = new Set<unknown>();
  clients.forEach((client, index) => {
    const shaped = client as unknown as { send?: unknown; destroy?: unknown; config?: unknown } | null;
    if (
      typeof shaped !== 'object' ||
      shaped === null ||
      typeof shaped.send !== 'function' ||
      typeof shaped.destroy !== 'function' ||
      typeof shaped.config !== 'object'
    ) {
      throw new InvalidArgumentError(
        `clients[${index}]`,
        'Each of clients must be an AWS SDK v3 client, such as new SageMakerClient({ … }).',
      );
    }
    if (seen.has(shaped.constructor)) {
      throw new InvalidArgumentError(
        `clients[${index}]`,
        `Two ${shaped.constructor.name || 'clients'} of the same class were given; pass one client per class.`,
      );
    }
    seen.add(shaped.constructor);
  });
}

function checkInteger(argument: string, value: unknown, what: string): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new InvalidArgumentError(
      argument,
      `${argument} must be a whole number of at least 1 (${what}), not ${String(value)}.`,
    );
  }
}

function isCredentials(value: unknown): value is AwsCredentials {
  if (typeof value === 'function') return true;
  if (typeof value !== 'object' || value === null) return false;
  const { accessKeyId, secretAccessKey } = value as { accessKeyId?: unknown; secretAccessKey?: unknown };
  return (
    typeof accessKeyId === 'string' &&
    accessKeyId !== '' &&
    typeof secretAccessKey === 'string' &&
    secretAccessKey !== ''
  );
}

function isLogger(value: unknown): value is Logger {
  if (typeof value !== 'object' || value === null) return false;
  const logger = value as Record<string, unknown>;
  return ['debug', 'info', 'warn', 'error'].every((level) => typeof logger[level] === 'function');
}
