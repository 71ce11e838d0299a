/**
 * The AWS context: the one place modelship gets AWS SDK clients from. It builds each client class once, lazily,
 * from one {@link AwsConfig}, so a target that never calls AWS never builds a client and every piece of a
 * deployment shares connections, credentials and retries.
 */
import { InvalidArgumentError, isModelshipError } from '../errors.js';
import { fetchAccountId, loadSts } from './account.js';
import {
  type AwsClientOptions,
  type AwsConfig,
  type AwsSdkClient,
  serviceOptions,
  toClientOptions,
  validateAwsConfig,
} from './config.js';

/**
 * An AWS SDK v3 client class, such as `SageMakerClient`. Typed structurally so that modelship's AWS layer
 * does not import every client package.
 *
 * @example
 * ```ts
 * const ClientClass: AwsClientClass<SageMakerClient> = SageMakerClient;
 * const sagemaker = new AwsContext({ region: 'eu-west-1' }).client(ClientClass);
 * ```
 */
export type AwsClientClass<C extends AwsSdkClient = AwsSdkClient> = new (options: AwsClientOptions) => C;

// What the SDK's resolved client config offers for the region: a provider, as the SDK resolves it.
interface RegionConfig {
  readonly region?: string | (() => Promise<string>);
}

/**
 * AWS clients and account facts for one configuration. Creating it makes no call and reads nothing.
 *
 * @example
 * ```ts
 * const aws = new AwsContext({ region: 'eu-west-1' });
 * const sagemaker = aws.client(SageMakerClient); // created now, once
 * aws.client(SageMakerClient) === sagemaker;      // true
 * const account = await aws.accountId();          // one STS call, then cached
 * aws.destroy();
 * ```
 */
export class AwsContext {
  readonly #config: AwsConfig;
  readonly #provided: readonly AwsSdkClient[];
  readonly #created = new Map<AwsClientClass, AwsSdkClient>();
  #region: Promise<string> | undefined;
  #accountId: Promise<string> | undefined;

  /**
   * @param config - how to reach AWS. Everything left out is resolved by the AWS SDK as for any client.
   * @throws {@link InvalidArgumentError} when an option is not allowed (no AWS call is made).
   */
  constructor(config: AwsConfig = {}) {
    validateAwsConfig(config);
    this.#config = { ...config };
    this.#provided = [...(config.clients ?? [])];
  }

  /**
   * The client of the given class: one of `clients` when one of that class was given, otherwise one created
   * on first use with this context's configuration (region, credentials, retries, logger, the endpoint
   * override of its service, the modelship user agent) and returned again on every later call.
   *
   * @example
   * ```ts
   * const s3 = aws.client(S3Client);
   * ```
   */
  client<C extends AwsSdkClient>(ClientClass: AwsClientClass<C>): C {
    return this.providedClient(ClientClass) ?? this.#own(ClientClass);
  }

  /**
   * @internal The client of the given class the user passed in `clients`, if any: it is used as it is.
   */
  providedClient<C extends AwsSdkClient>(ClientClass: AwsClientClass<C>): C | undefined {
    return this.#provided.find((client) => client instanceof ClientClass) as C | undefined;
  }

  /**
   * @internal The options this context gives a client of the service `serviceId` (e.g. `SageMaker Runtime`), for
   * the few clients modelship must build with settings of their own (a predictor's runtime client, which leaves
   * retries to the predictor).
   */
  clientOptions(serviceId: string): AwsClientOptions {
    return { ...toClientOptions(this.#config), ...serviceOptions(this.#config, serviceId) };
  }

  /**
   * @internal Where and as whom a client of the service `serviceId` calls (region, credentials or profile, logger,
   * endpoint override), without the transport settings: for the predictor clients modelship builds with an HTTP
   * handler and retries of their own.
   */
  callerOptions(
    serviceId: string,
  ): Partial<Pick<AwsClientOptions, 'region' | 'credentials' | 'profile' | 'logger' | 'endpoint'>> {
    const options = this.clientOptions(serviceId);
    const picked: Partial<Pick<AwsClientOptions, 'region' | 'credentials' | 'profile' | 'logger' | 'endpoint'>> = {};
    for (const key of ['region', 'credentials', 'profile', 'logger', 'endpoint'] as const) {
      if (options[key] !== undefined) Object.assign(picked, { [key]: options[key] });
    }
    return picked;
  }

  /**
   * The AWS region this context's clients use: the configured `region`, or else what the AWS SDK resolves
   * (`AWS_REGION`, the profile's region, …), read from a client created with this context's configuration.
   * Clients given in `clients` do not count: they may be configured otherwise.
   *
   * @throws {@link InvalidArgumentError} (`argument: 'region'`) when no region is configured anywhere.
   */
  region(): Promise<string> {
    if (this.#config.region !== undefined) return Promise.resolve(this.#config.region);
    this.#region ??= this.#resolveRegion().catch((error: unknown) => {
      this.#region = undefined; // a later call may succeed once the environment is fixed
      throw error;
    });
    return this.#region;
  }

  /**
   * The 12-digit id of the AWS account the credentials belong to, from STS `GetCallerIdentity`. The call is
   * made once: concurrent and later calls share its answer. A failed call is not cached.
   *
   * @throws {@link AccessDeniedError} when the credentials are missing, invalid or expired.
   * @throws {@link ThrottledError} | {@link ServiceError} when STS cannot answer now (retryable).
   */
  accountId(): Promise<string> {
    this.#accountId ??= fetchAccountId(this).catch((error: unknown) => {
      this.#accountId = undefined;
      throw error;
    });
    return this.#accountId;
  }

  /**
   * Closes the connections of the clients this context created. Clients given in `clients` stay open: they
   * are yours. The context stays usable and creates clients again when asked.
   */
  destroy(): void {
    const created = [...this.#created.values()];
    this.#created.clear();
    for (const client of created) client.destroy();
  }

  #own<C extends AwsSdkClient>(ClientClass: AwsClientClass<C>): C {
    const existing = this.#created.get(ClientClass);
    if (existing !== undefined) return existing as C;
    const client = this.#create(ClientClass);
    this.#created.set(ClientClass, client);
    return client;
  }

  #create<C extends AwsSdkClient>(ClientClass: AwsClientClass<C>): C {
    const options = toClientOptions(this.#config);
    const client = new ClientClass(options);
    // A client's service is only known from the client itself (class names do not survive minifiers), so a
    // client whose service has an endpoint override is built a second time with it. Constructing makes no I/O.
    const extra = serviceOptions(this.#config, client.config.serviceId);
    if (Object.keys(extra).length === 0) return client;
    client.destroy();
    return new ClientClass({ ...options, ...extra });
  }

  async #resolveRegion(): Promise<string> {
    let client = this.#created.values().next().value;
    if (client === undefined) {
      const { STSClient } = await loadSts();
      client = this.#own(STSClient);
    }
    const { region } = client.config as RegionConfig;
    try {
      const resolved = typeof region === 'function' ? await region() : region;
      if (typeof resolved === 'string' && resolved !== '') return resolved;
    } catch (error) {
      if (isModelshipError(error)) throw error;
      throw noRegion(error);
    }
    throw noRegion(undefined);
  }
}

function noRegion(cause: unknown): InvalidArgumentError {
  return new InvalidArgumentError(
    'region',
    'No AWS region is configured. Pass { region: "eu-west-1" } to modelship, set AWS_REGION, or set region in ' +
      'your AWS profile (~/.aws/config).',
    { cause },
  );
}
