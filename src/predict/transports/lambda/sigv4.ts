/**
 * SigV4 signing of plain HTTPS requests, with the AWS SDK's own signer (`@smithy/signature-v4`) and SHA-256
 * (`@smithy/core/checksum`), for Function URLs (service `lambda`) and API Gateway routes (service
 * `execute-api`) with IAM auth. Credentials come from the caller, or from the SDK's default chain, loaded only
 * when first needed so that unsigned transports and injected credentials never load it.
 */
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { InvalidArgumentError } from '../../../errors.js';

/**
 * Static credentials, or a provider (the SDK's `fromNodeProviderChain()`, `fromIni()`, …).
 *
 * @example
 * ```ts
 * import { defaultProvider } from '@aws-sdk/credential-provider-node';
 * const credentials: CredentialsOption = defaultProvider({ profile: 'ml-invoke' });
 * new LambdaUrlTransport({ url, auth: 'iam', credentials });
 * ```
 */
export type CredentialsOption = AwsCredentialIdentity | AwsCredentialIdentityProvider;

/**
 * The service a URL signs for: Function URLs are `lambda`, API Gateway APIs `execute-api`.
 *
 * @example
 * ```ts
 * new LambdaUrlTransport({
 *   url: 'https://ml.example.com/predict',
 *   auth: 'iam',
 *   service: 'execute-api',
 *   region: 'eu-west-1',
 * });
 * ```
 */
export type SigningService = 'lambda' | 'execute-api';

/**
 * A request to sign: what goes on the wire, minus `Host` (fetch sets that from the URL).
 *
 * @example
 * ```ts
 * const body = new TextEncoder().encode('[[5.1, 3.5, 1.4, 0.2]]');
 * const request: SignableRequest = {
 *   url: new URL('https://abc123.lambda-url.eu-west-1.on.aws/'), method: 'POST',
 *   headers: { 'content-type': 'application/json' }, body,
 * };
 * const headers = await signer.sign(request);
 * ```
 */
export interface SignableRequest {
  /** Where the request goes. */
  readonly url: URL;
  /** The HTTP method, e.g. `POST`. */
  readonly method: string;
  /** The headers to send (and sign), lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body to send. */
  readonly body: Uint8Array;
}

const FUNCTION_URL_HOST = /^[a-z0-9]+\.lambda-url\.([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d)\.on\.aws$/;
const EXECUTE_API_HOST = /^[a-z0-9]+\.execute-api\.([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d)\.amazonaws\.com(?:\.cn)?$/;

/**
 * The service and region a URL signs for, read from AWS hostnames (`<id>.lambda-url.<region>.on.aws`,
 * `<id>.execute-api.<region>.amazonaws.com`); undefined for a custom domain.
 */
export function signingScopeOf(url: URL): { service: SigningService; region: string } | undefined {
  const functionUrl = FUNCTION_URL_HOST.exec(url.hostname);
  if (functionUrl !== null) return { service: 'lambda', region: functionUrl[1]! };
  const api = EXECUTE_API_HOST.exec(url.hostname);
  if (api !== null) return { service: 'execute-api', region: api[1]! };
  return undefined;
}

/**
 * Signs requests for one service and region with one set of credentials.
 *
 * @example
 * ```ts
 * const signer = new RequestSigner({ service: 'lambda', region: 'eu-west-1' });
 * const url = new URL('https://abc123.lambda-url.eu-west-1.on.aws/');
 * const body = new TextEncoder().encode('{}');
 * const headers = await signer.sign({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body });
 * await fetch(url, { method: 'POST', headers, body });
 * ```
 */
export class RequestSigner {
  /** The service it signs for. */
  readonly service: SigningService;
  /** The region it signs for. */
  readonly region: string;
  readonly #signer: SignatureV4;

  /**
   * @param options - The service and region to sign for, and `credentials`; without them, the SDK's default chain
   * (`@aws-sdk/credential-provider-node`), made on first use.
   */
  constructor(options: { service: SigningService; region: string; credentials?: CredentialsOption | undefined }) {
    this.service = options.service;
    this.region = options.region;
    this.#signer = new SignatureV4({
      service: options.service,
      region: options.region,
      credentials: options.credentials ?? defaultChain(),
      sha256: Sha256,
      // Function URLs and API Gateway are not S3: their canonical paths are URI-escaped (again), as the SDK does.
      uriEscapePath: true,
    });
  }

  /**
   * Returns `request.headers` plus the signature's (`authorization`, `x-amz-date`, `x-amz-content-sha256`,
   * `x-amz-security-token` for temporary credentials). `Host` is signed but left out: fetch sends the same.
   * @throws whatever the credential provider throws (no credentials found, expired SSO session, …).
   */
  async sign(request: SignableRequest, signingDate?: Date): Promise<Record<string, string>> {
    const { url } = request;
    const signed = await this.#signer.sign(
      {
        method: request.method,
        protocol: url.protocol,
        hostname: url.hostname,
        ...(url.port === '' ? {} : { port: Number(url.port) }),
        path: url.pathname,
        query: queryOf(url),
        // `url.host` carries the port only when it is not the scheme's default, exactly as fetch's Host header.
        headers: { ...request.headers, host: url.host },
        body: request.body,
      },
      signingDate === undefined ? {} : { signingDate },
    );
    const { host: _host, ...headers } = signed.headers;
    return headers;
  }
}

/** Resolves the region for signing: the option, the URL's hostname, then `AWS_REGION`/`AWS_DEFAULT_REGION`. */
export function resolveSigningRegion(url: URL, region: string | undefined): string {
  const resolved =
    region ?? signingScopeOf(url)?.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? undefined;
  if (resolved === undefined || resolved === '') {
    throw new InvalidArgumentError(
      'region',
      `The region to sign requests to ${url.origin} for cannot be told from its hostname; pass { region: 'eu-west-1' } or set AWS_REGION.`,
    );
  }
  return resolved;
}

function queryOf(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const seen = query[key];
    query[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return query;
}

/**
 * The SDK's default credential chain (environment, SSO, profile, web identity, container, instance metadata),
 * memoized with refresh before expiry by the SDK itself. Imported on the first signature only.
 */
function defaultChain(): AwsCredentialIdentityProvider {
  let provider: Promise<AwsCredentialIdentityProvider> | undefined;
  return async (options) => {
    provider ??= import('@aws-sdk/credential-provider-node').then(({ defaultProvider }) => defaultProvider());
    return (await provider)(options);
  };
}
