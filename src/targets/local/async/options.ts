/**
 * The options of async inference on the Local server: where outputs and failures go, and where payloads are read
 * from and results written to: the S3 API (the loopback S3 server in tests, or real S3) or a folder on this
 * machine standing in for S3.
 */
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { integerOption } from '../../../checks.js';
import { InvalidArgumentError } from '../../../errors.js';
import { parseS3Prefix } from '../../../predict/async/s3-uri.js';

/**
 * Where the Local server reads payloads and writes results.
 *
 * @example
 * ```ts
 * const inS3: LocalAsyncStore = {
 *   s3: { endpoint: 'http://localhost:4569', forcePathStyle: true, region: 'us-east-1' },
 * };
 * const inFolder: LocalAsyncStore = { folder: './.tmp/s3' };
 * ```
 */
export type LocalAsyncStore =
  /** Through the S3 API: a client of yours, or the configuration of one (e.g. `{ endpoint, forcePathStyle }`). */
  | {
      /** An S3 client of yours, or the configuration of one. */
      readonly s3: S3Client | S3ClientConfig;
      /** Not with `s3`. */
      readonly folder?: never;
    }
  /**
   * In a folder: `s3://bucket/key` is the file `<folder>/bucket/key`. For trying the flow with no S3 at all;
   * `AsyncPredictor` reads S3, so read the results with your own code then.
   */
  | {
      /** The folder that stands in for S3. */
      readonly folder: string;
      /** Not with `folder`. */
      readonly s3?: never;
    };

/**
 * Options of async inference on the Local server (`Local({ async: { … } })`).
 *
 * @example
 * ```ts
 * Local({ async: { outputS3Uri: 's3://results/out/', store: { folder: './.tmp/s3' }, maxConcurrency: 2 } });
 * ```
 */
export interface LocalAsyncOptions {
  /** Where outputs are written, `s3://bucket/prefix/`, as `SageMaker.async`'s `outputS3Uri`. */
  readonly outputS3Uri: string;
  /** Where failures are written, `s3://bucket/prefix/`. @default none: failures are only reported to `onError` */
  readonly failureS3Uri?: string;
  /** Where payloads are read and results written: the S3 API, or a folder. */
  readonly store: LocalAsyncStore;
  /** Inferences run at once. @default 1, as one instance with SageMaker's default per-instance concurrency */
  readonly maxConcurrency?: number;
  /** Inferences that may wait; past it the server answers `ThrottlingException`. @default 1000 */
  readonly maxQueue?: number;
  /** How long `close()` lets running inferences finish before stopping them, in ms. @default 10000 */
  readonly closeTimeoutMs?: number;
}

/** The checked options. */
export interface LocalAsyncSettings {
  readonly outputS3Uri: string;
  readonly failureS3Uri: string | undefined;
  readonly store: LocalAsyncStore;
  readonly maxConcurrency: number;
  readonly maxQueue: number;
  readonly closeTimeoutMs: number;
}

/**
 * Checks the async options of the Local target.
 * @throws {@link InvalidArgumentError} naming the option at fault.
 */
export function checkLocalAsyncOptions(options: LocalAsyncOptions): LocalAsyncSettings {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError('async', "async takes { outputS3Uri: 's3://bucket/results/', store: { folder } }.");
  }
  parseS3Prefix(options.outputS3Uri, 'async.outputS3Uri');
  if (options.failureS3Uri !== undefined) parseS3Prefix(options.failureS3Uri, 'async.failureS3Uri');
  const store = options.store as Partial<{ s3: unknown; folder: unknown }> | undefined;
  const hasS3 = typeof store?.s3 === 'object' && store.s3 !== null;
  const hasFolder = typeof store?.folder === 'string' && store.folder !== '';
  if (hasS3 === hasFolder) {
    throw new InvalidArgumentError(
      'async.store',
      "async.store takes one of { s3: S3Client | S3ClientConfig } and { folder: './async-store' }.",
    );
  }
  return {
    outputS3Uri: options.outputS3Uri,
    failureS3Uri: options.failureS3Uri,
    store: options.store,
    maxConcurrency: integerOption('async.maxConcurrency', options.maxConcurrency, 1, 1000, 1),
    maxQueue: integerOption('async.maxQueue', options.maxQueue, 0, 1_000_000, 1000),
    closeTimeoutMs: integerOption('async.closeTimeoutMs', options.closeTimeoutMs, 0, 2 ** 31 - 1, 10_000),
  };
}
