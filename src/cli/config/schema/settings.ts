/**
 * The parts of a plain config around the deployment: `aws` (how to reach AWS), `registry` (where model versions
 * live) and `validate` (the gate `deploy` runs after applying).
 */
import * as z from 'zod';
import { AWS_SERVICE_IDS, type AwsServiceKey } from '../../../aws/config.js';
import { number, oneOf, path, strict } from './strict.js';

const serviceKeys = Object.keys(AWS_SERVICE_IDS) as AwsServiceKey[];
const endpoints = strict(
  Object.fromEntries(serviceKeys.map((key) => [key, z.string().optional()])) as Record<
    AwsServiceKey,
    z.ZodOptional<z.ZodString>
  >,
);

/** `aws`: the parts of `AwsConfig` that can be written down (no credentials: use a profile). */
export const awsSchema = strict({
  region: z.string().optional(),
  profile: z.string().optional(),
  endpoints: endpoints.optional(),
  maxAttempts: number.optional(),
  retryMode: z.enum(['standard', 'adaptive']).optional(),
  requestTimeoutMs: number.optional(),
  s3ForcePathStyle: z.boolean().optional(),
});

/** `registry`: `{ local: dir }`, `{ s3: { bucket, … } }` or `{ sagemaker: { artifactBucket, … } }`. */
export const registrySchema = oneOf(
  [
    strict({ local: path }),
    strict({
      s3: strict({
        bucket: z.string(),
        prefix: z.string().optional(),
        kmsKeyId: z.string().optional(),
        pageSize: number.optional(),
        hashLimitBytes: number.optional(),
      }),
    }),
    strict({
      sagemaker: strict({
        artifactBucket: z.string(),
        prefix: z.string().optional(),
        kmsKeyId: z.string().optional(),
        groupPrefix: z.string().optional(),
        mirrorAliases: z.boolean().optional(),
      }),
    }),
  ],
  'one of { local: "./dir" }, { s3: { bucket, prefix? } }, { sagemaker: { artifactBucket, prefix? } }',
);

// In a TypeScript config the metric and the prediction may be functions; JSON has only the built-in metrics.
const fn = z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function', 'expected a function');

/** `validate`: `ValidationOptions` with files instead of arrays (a JSON array or a JSON Lines file each). */
export const validateSchema = strict({
  samples: z.union([path, z.array(z.unknown())]),
  expected: z.union([path, z.array(z.unknown())]).optional(),
  latency: strict({ p50Ms: number.optional(), p90Ms: number.optional(), p99Ms: number.optional() }).optional(),
  accuracy: strict({
    metric: z.union([z.enum(['accuracy', 'mae', 'rmse']), fn]),
    prediction: fn.optional(),
    min: number.optional(),
    max: number.optional(),
  }).optional(),
  throughput: strict({
    minRps: number,
    concurrency: number,
    durationS: number,
    maxRequests: number.optional(),
  }).optional(),
  maxErrorRate: number.optional(),
  warmup: number.optional(),
  timeoutMs: number.optional(),
});
