/** The `target` of type `local`: the options of `Local({ … })` (src/targets/local/options.ts). */
import * as z from 'zod';
import { number, path, strict } from './strict.js';

const batching = z.union([
  z.boolean(),
  strict({
    /** How long the first request of a batch waits for others, in ms. @default 2 */
    maxDelayMs: number.optional(),
    /** The most rows one run takes; a larger request still runs, alone. @default 64 */
    maxBatchSize: number.optional(),
  }),
]);

// `store.s3` is an S3 client configuration (endpoint, forcePathStyle, region…): the S3 client checks it.
const asyncStore = z.union([
  strict({
    /** A folder standing in for S3: `s3://bucket/key` is the file `<folder>/bucket/key`. */
    folder: path,
  }),
  strict({
    /** The configuration of the S3 client to use, e.g. `{ endpoint, forcePathStyle, region }`. */
    s3: z.record(z.string(), z.unknown()),
  }),
]);

const localAsync = strict({
  /** Where outputs are written, `s3://bucket/prefix/`, as `SageMaker.async`'s `outputS3Uri`. */
  outputS3Uri: z.string(),
  /** Where failures are written, `s3://bucket/prefix/`. @default none */
  failureS3Uri: z.string().optional(),
  /** Where payloads are read and results written: `{ folder }` or `{ s3 }` (the S3 API). */
  store: asyncStore,
  /** Inferences run at once. @default 1 */
  maxConcurrency: number.optional(),
  /** Inferences that may wait; past it the server answers `ThrottlingException`. @default 1000 */
  maxQueue: number.optional(),
  /** How long closing lets running inferences finish before stopping them, in ms. @default 10000 */
  closeTimeoutMs: number.optional(),
});

/** `{ type: 'local', …LocalOptions }`. */
export const localTargetSchema = strict({
  /** A server on this machine that answers as a SageMaker endpoint does (`Local({ … })`). */
  type: z.literal('local'),
  /** The port to listen on. @default 0: a free port, shown in the deployment's outputs */
  port: number.optional(),
  /** The address to listen on; only loopback unless `allowRemote`. @default '127.0.0.1' */
  host: z.string().optional(),
  /** Allow a non-loopback `host` such as `0.0.0.0` (the server has no authentication). @default false */
  allowRemote: z.boolean().optional(),
  /** The endpoint name the server answers to. @default the deployment's name */
  endpointName: z.string().optional(),
  /** Dynamic batching of an ONNX model: `true`, `false` or `{ maxDelayMs, maxBatchSize }`. @default true */
  batching: batching.optional(),
  /** How long one invocation may take before it fails with SageMaker's timeout error, in ms. @default 60000 */
  requestTimeoutMs: number.optional(),
  /** Invocations the model runs at once; up to 1024 more wait. @default 256 */
  maxConcurrency: number.optional(),
  /** Also answer InvokeEndpointAsync, as a SageMaker async endpoint does. @default off */
  async: localAsync.optional(),
});
