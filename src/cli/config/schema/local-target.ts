/** The `target` of type `local`: the options of `Local({ … })` (src/targets/local/options.ts). */
import * as z from 'zod';
import { number, path, strict } from './strict.js';

const batching = z.union([z.boolean(), strict({ maxDelayMs: number.optional(), maxBatchSize: number.optional() })]);

// `store.s3` is an S3 client configuration (endpoint, forcePathStyle, region…): the S3 client checks it.
const asyncStore = z.union([strict({ folder: path }), strict({ s3: z.record(z.string(), z.unknown()) })]);

const localAsync = strict({
  outputS3Uri: z.string(),
  failureS3Uri: z.string().optional(),
  store: asyncStore,
  maxConcurrency: number.optional(),
  maxQueue: number.optional(),
  closeTimeoutMs: number.optional(),
});

/** `{ type: 'local', …LocalOptions }`. */
export const localTargetSchema = strict({
  type: z.literal('local'),
  port: number.optional(),
  host: z.string().optional(),
  allowRemote: z.boolean().optional(),
  endpointName: z.string().optional(),
  batching: batching.optional(),
  requestTimeoutMs: number.optional(),
  maxConcurrency: number.optional(),
  async: localAsync.optional(),
});
