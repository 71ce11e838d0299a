/**
 * The HTTPS transport for a Lambda function exposed through a Function URL or an API Gateway HTTP API: a plain
 * `POST` with the serialized input, SigV4-signed when the URL uses IAM auth. Needs no AWS client, only `fetch`
 * and the SDK's signer.
 */
import {
  AbortedError,
  AccessDeniedError,
  InvalidArgumentError,
  type ModelshipError,
  ServiceError,
} from '../../../errors.js';
import { HEADERS } from '../../../targets/local/server/wire.js';
import type { InvokeRequest, InvokeResponse, Transport } from '../../transport.js';
import { toModelshipError } from '../sagemaker-runtime-errors.js';
import { LAMBDA_SYNC_PAYLOAD_BYTES } from './envelope.js';
import {
  type CredentialsOption,
  RequestSigner,
  resolveSigningRegion,
  type SigningService,
  signingScopeOf,
} from './sigv4.js';
import { rejectSageMakerOnlyOptions } from './unsupported-options.js';
import { toUrlError, type UrlCallContext } from './url-errors.js';

/**
 * Room kept in Lambda's 6 MiB event for what a Function URL or API Gateway wraps around the body: headers,
 * request context, the JSON structure (64 KiB; HTTP APIs cap headers well below that).
 *
 * @example
 * ```ts
 * const roomForBody = LAMBDA_SYNC_PAYLOAD_BYTES - URL_EVENT_RESERVED_BYTES;
 * ```
 */
export const URL_EVENT_RESERVED_BYTES = 64 * 1024;

/**
 * The largest request body sent to a Function URL or HTTP API route by default: Lambda receives it inside a JSON
 * event, base64-encoded unless its content type is text, so `floor((6291456 - 65536) / 4) * 3` = 4,669,440
 * bytes. A text body heavy in quotes and backslashes grows more when JSON-escaped; Lambda then answers 413, a
 * `PayloadTooLargeError`.
 *
 * @example
 * ```ts
 * // JSON dense in quotes grows when Lambda escapes it: keep requests to half the limit.
 * new LambdaUrlTransport({ url, auth: 'iam', maxRequestBytes: Math.floor(LAMBDA_URL_MAX_BODY_BYTES / 2) });
 * ```
 */
export const LAMBDA_URL_MAX_BODY_BYTES = Math.floor((LAMBDA_SYNC_PAYLOAD_BYTES - URL_EVENT_RESERVED_BYTES) / 4) * 3;

/**
 * Options of {@link LambdaUrlTransport}.
 *
 * @example
 * ```ts
 * const transport = new LambdaUrlTransport({
 *   url: 'https://abc123.execute-api.eu-west-1.amazonaws.com/predict',
 *   auth: 'iam',
 *   credentials: { accessKeyId: 'AKIA…', secretAccessKey: '…' },
 * });
 * ```
 */
export interface LambdaUrlTransportOptions {
  /** The Function URL, or the API Gateway route's URL (`https://…/predict`). */
  readonly url: string | URL;
  /**
   * `iam`: requests are SigV4-signed (the URL's `AWS_IAM` auth, modelship's default). `none`: sent unsigned, for
   * a URL made public on purpose.
   */
  readonly auth: 'iam' | 'none';
  /** The service to sign for. @default from the hostname (`lambda-url` → `lambda`, `execute-api`) */
  readonly service?: SigningService;
  /** The region to sign for. @default from the hostname, else `AWS_REGION` */
  readonly region?: string;
  /** Credentials to sign with. @default the AWS SDK's default chain, loaded on first use */
  readonly credentials?: CredentialsOption;
  /** @default {@link LAMBDA_URL_MAX_BODY_BYTES} */
  readonly maxRequestBytes?: number;
  /** @default `Lambda function URL <url>` (`API Gateway route <url>` for execute-api) */
  readonly description?: string;
  /**
   * The `fetch` to use, e.g. one bound to an undici `Agent` with more connections. Node's own keeps connections
   * alive per origin already. @default globalThis.fetch
   */
  readonly fetch?: typeof fetch;
}

/**
 * Calls a Lambda function through its Function URL or an API Gateway HTTP API route with `fetch`. Requests are
 * sent once: retries belong to the predictor.
 *
 * Failures: the model's own error answer (the runtime's `X-Amzn-ErrorType` and JSON details) or any other
 * status the function chose → `ModelError` with `originalStatusCode` (`InvalidArgumentError` for the runtime's
 * `ValidationError`); 401/403 → `AccessDeniedError` naming
 * `lambda:InvokeFunctionUrl` or `execute-api:Invoke`; 429 → `ThrottledError`; 502/503/504 and the gateway's own
 * 500 (the function crashed or timed out) → `ServiceError`; 404 from the gateway → `NotFoundError`; 413 →
 * `PayloadTooLargeError`; connection failures → `ServiceError`; an aborted signal → `AbortedError`.
 *
 * @example
 * ```ts
 * const transport = new LambdaUrlTransport({ url: 'https://abc123.lambda-url.eu-west-1.on.aws/', auth: 'iam' });
 * const churn = new Predictor({ transport });
 * ```
 */
export class LambdaUrlTransport implements Transport {
  readonly description: string;
  readonly maxRequestBytes: number;
  /** The URL called. */
  readonly url: URL;
  /** Whether requests are signed (`iam`) or not (`none`). */
  readonly auth: 'iam' | 'none';
  /** The signer, when `auth` is `iam`. */
  readonly signer: RequestSigner | undefined;
  readonly #fetch: typeof fetch;
  readonly #service: SigningService | undefined;

  /** @throws InvalidArgumentError for a URL that is not http(s), an unknown `auth`, or no region to sign for. */
  constructor(options: LambdaUrlTransportOptions) {
    let url: URL;
    try {
      url = new URL(options.url);
    } catch (error) {
      throw new InvalidArgumentError('url', `"${String(options.url)}" is not a URL.`, { cause: error });
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new InvalidArgumentError('url', `${url.href} is not an http(s) URL.`);
    }
    if (options.auth !== 'iam' && options.auth !== 'none') {
      throw new InvalidArgumentError(
        'auth',
        `auth must be 'iam' (SigV4-signed) or 'none' (a public URL); got ${String(options.auth)}.`,
      );
    }
    const max = options.maxRequestBytes ?? LAMBDA_URL_MAX_BODY_BYTES;
    if (!Number.isSafeInteger(max) || max <= 0) {
      throw new InvalidArgumentError('maxRequestBytes', `maxRequestBytes must be a positive integer; got ${max}.`);
    }
    this.url = url;
    this.auth = options.auth;
    this.maxRequestBytes = max;
    this.#service = options.service ?? signingScopeOf(url)?.service;
    this.description =
      options.description ??
      `${this.#service === 'execute-api' ? 'API Gateway route' : 'Lambda function URL'} ${url.href}`;
    this.#fetch = options.fetch ?? globalThis.fetch;
    if (options.auth === 'iam') {
      if (this.#service === undefined) {
        throw new InvalidArgumentError(
          'service',
          `Cannot tell from ${url.hostname} whether it is a Function URL or an API Gateway API; pass service: 'lambda' or 'execute-api'.`,
        );
      }
      this.signer = new RequestSigner({
        service: this.#service,
        region: resolveSigningRegion(url, options.region),
        credentials: options.credentials,
      });
    }
  }

  /**
   * Sends one `POST`.
   * @throws InvalidArgumentError for SageMaker-only options (`targetVariant`, `targetModel`, …), no call made.
   * @throws ModelshipError as described on the class.
   */
  async invoke(request: InvokeRequest): Promise<InvokeResponse> {
    rejectSageMakerOnlyOptions(request, this.description);
    const context: UrlCallContext = {
      description: this.description,
      url: this.url.href,
      service: this.#service,
      requestBytes: request.body.byteLength,
      maxRequestBytes: this.maxRequestBytes,
    };
    if (request.signal?.aborted) {
      throw new AbortedError(`The call to ${this.description} was aborted.`, { cause: request.signal.reason });
    }
    const sent = await this.#headers(request);
    let status: number;
    let headers: Headers;
    let body: Uint8Array;
    try {
      const response = await this.#fetch(this.url, {
        method: 'POST',
        headers: sent,
        body: request.body,
        ...(request.signal === undefined ? {} : { signal: request.signal }),
      });
      status = response.status;
      headers = response.headers;
      body = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      throw this.#connectionError(error, context);
    }
    if (status < 200 || status >= 300) {
      throw toUrlError({ status, headers, text: new TextDecoder().decode(body.subarray(0, 8192)) }, context);
    }
    return {
      body,
      contentType: headers.get('content-type') ?? undefined,
      // A Function URL or route does not say which version answered.
      invokedProductionVariant: undefined,
      customAttributes: headers.get(HEADERS.customAttributes) ?? undefined,
    };
  }

  async #headers(request: InvokeRequest): Promise<Record<string, string>> {
    const headers: Record<string, string> = {
      'content-type': request.contentType,
      accept: request.accept,
      ...(request.customAttributes === undefined ? {} : { [HEADERS.customAttributes]: request.customAttributes }),
    };
    if (this.signer === undefined) return headers;
    try {
      return await this.signer.sign({ url: this.url, method: 'POST', headers, body: request.body });
    } catch (error) {
      // Nothing was sent: the credential chain found nothing usable (no profile, an expired SSO session, …).
      throw new AccessDeniedError(
        `No AWS credentials to sign the call to ${this.description} with: ${(error as Error)?.message ?? String(error)} Configure credentials (AWS_PROFILE, SSO, an instance role) or pass { credentials }, or use auth: 'none' for a public URL.`,
        { cause: error, retryable: false },
      );
    }
  }

  #connectionError(error: unknown, context: UrlCallContext): ModelshipError {
    // undici names its socket failures with codes of its own; those are as transient as a reset connection.
    const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
    if (typeof code === 'string' && UNDICI_TRANSIENT.has(code)) {
      return new ServiceError(`The connection to ${context.description} failed (${code}).`, { cause: error });
    }
    return toModelshipError(error, {
      description: context.description,
      endpointName: context.url,
      operation: 'InvokeEndpoint',
    });
  }
}

const UNDICI_TRANSIENT = new Set([
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);
