/**
 * The options of the Local target, checked when `Local()` is called so a mistake shows where it was made.
 */
import { isIP } from 'node:net';
import { integerOption } from '../../checks.js';
import { InvalidArgumentError } from '../../errors.js';
import { checkLocalAsyncOptions, type LocalAsyncOptions } from './async/options.js';
import type { OnnxBatchingOptions } from './onnx/index.js';

/**
 * Options of {@link Local}.
 *
 * @example
 * ```ts
 * const deployment = await Model.fromFile('iris.onnx')
 *   .deployTo(Local({ port: 8080, requestTimeoutMs: 5_000 }))
 *   .deploy();
 * ```
 */
export interface LocalOptions {
  /**
   * The port to listen on.
   * @default 0 (a free port the system picks; read it from `deployment.outputs`)
   */
  readonly port?: number;
  /**
   * The address to listen on. Only loopback addresses are accepted unless `allowRemote` is set.
   * @default '127.0.0.1'
   */
  readonly host?: string;
  /**
   * Allows a `host` other than loopback (such as `0.0.0.0`). The server has no authentication: anyone who can
   * reach the address can call the model, so only set it on a network you trust.
   * @default false
   */
  readonly allowRemote?: boolean;
  /**
   * The endpoint name the server answers to, as `EndpointName` in SageMaker Runtime requests.
   * @default the deployment's name
   */
  readonly endpointName?: string;
  /**
   * Dynamic batching of an ONNX model: concurrent requests within `maxDelayMs` of each other run as one session
   * run. `false` runs every request alone. Handler models ignore it.
   * @default true (a window of at most 2 ms, closed early when no more requests come; at most 64 rows)
   */
  readonly batching?: boolean | OnnxBatchingOptions;
  /**
   * How long one invocation may take before it fails with SageMaker's timeout `ModelError`.
   * @default 60000 (SageMaker's limit for a real-time endpoint)
   */
  readonly requestTimeoutMs?: number;
  /**
   * Invocations the model runs at once. Up to 1024 more wait in arrival order; past that the server answers
   * `ThrottlingException` (HTTP 429), which callers retry with backoff.
   * @default 256
   */
  readonly maxConcurrency?: number;
  /**
   * Makes the endpoint asynchronous as well: it answers InvokeEndpointAsync (`AsyncPredictor`), reading payloads
   * from and writing results to S3 (e.g. a loopback S3 server) or a local folder, as a SageMaker async endpoint does.
   * @default off
   */
  readonly async?: LocalAsyncOptions;
}

/** The checked options. */
export interface LocalSettings {
  readonly port: number;
  readonly host: string;
  readonly endpointName: string | undefined;
  readonly batching: boolean | OnnxBatchingOptions | undefined;
  readonly requestTimeoutMs: number;
  readonly maxConcurrency: number;
  readonly async: LocalAsyncOptions | undefined;
}

// SageMaker's EndpointName: 1 to 63 letters, digits and hyphens, starting and ending with a letter or digit.
const ENDPOINT_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/;
const MAX_TIMER_MS = 2 ** 31 - 1;

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/**
 * Whether `name` is a valid SageMaker endpoint name; `undefined` when it is, or what is wrong.
 */
export function endpointNameProblem(name: string): string | undefined {
  if (name.length === 0 || name.length > 63) return `it has ${name.length} characters (1 to 63 allowed)`;
  if (!ENDPOINT_NAME.test(name))
    return 'it may hold only letters, digits and hyphens, starting and ending with a letter or digit';
  return undefined;
}

/**
 * Checks the options of `Local()`.
 * @throws {@link InvalidArgumentError} naming the option at fault and what it allows.
 */
export function checkLocalOptions(options: LocalOptions): LocalSettings {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError(
      'options',
      'Local() takes an options object, e.g. Local({ port: 8080 }), or nothing.',
    );
  }
  const host = options.host ?? '127.0.0.1';
  if (typeof host !== 'string' || host.trim() === '') {
    throw new InvalidArgumentError('host', 'host must be a non-empty address, such as 127.0.0.1.');
  }
  if (!isLoopback(host) && options.allowRemote !== true) {
    throw new InvalidArgumentError(
      'host',
      `host ${host} is reachable from other machines, and the Local server has no authentication: anyone who can ` +
        'reach it could call the model. Use 127.0.0.1 (the default), or set allowRemote: true if that is what you want.',
    );
  }
  const { endpointName } = options;
  if (endpointName !== undefined) {
    const problem = typeof endpointName === 'string' ? endpointNameProblem(endpointName) : 'it is not a string';
    if (problem) {
      throw new InvalidArgumentError(
        'endpointName',
        `endpointName ${JSON.stringify(endpointName)} is not a SageMaker endpoint name: ${problem}.`,
      );
    }
  }
  const { batching } = options;
  if (batching !== undefined && typeof batching !== 'boolean' && (typeof batching !== 'object' || batching === null)) {
    throw new InvalidArgumentError('batching', 'batching must be true, false, or { maxDelayMs?, maxBatchSize? }.');
  }
  return {
    port: integerOption('port', options.port, 0, 65535, 0),
    host,
    endpointName,
    batching,
    requestTimeoutMs: integerOption('requestTimeoutMs', options.requestTimeoutMs, 1, MAX_TIMER_MS, 60_000),
    maxConcurrency: integerOption('maxConcurrency', options.maxConcurrency, 1, 65536, 256),
    async: checkedAsync(options.async),
  };
}

/** The async options as given, once checked (the server reads them again when it starts). */
function checkedAsync(async: LocalAsyncOptions | undefined): LocalAsyncOptions | undefined {
  if (async !== undefined) checkLocalAsyncOptions(async);
  return async;
}
