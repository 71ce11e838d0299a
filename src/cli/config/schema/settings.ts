/**
 * The parts of a plain config around the deployment: `aws` (how to reach AWS), `registry` (where model versions
 * live) and `validate` (the gate `deploy` runs after applying).
 */
import * as z from 'zod';
import type { AwsServiceKey } from '../../../aws/config.js';
import { number, oneOf, path, strict } from './strict.js';

const url = z.string().optional();

// Written out rather than mapped from AWS_SERVICE_IDS so each key carries its own hover doc; `satisfies` fails to
// compile when a service is added to (or removed from) AwsConfig.endpoints and not here.
const endpoints = strict({
  /** SageMaker's endpoint URL (endpoints, models, jobs, model packages). */
  sagemaker: url,
  /** SageMaker Runtime's endpoint URL (invocations; a Local target's URL). */
  sagemakerRuntime: url,
  /** S3's endpoint URL (artifacts, registry, async payloads), e.g. MinIO's. */
  s3: url,
  /** STS's endpoint URL (the caller's account). */
  sts: url,
  /** Lambda's endpoint URL. */
  lambda: url,
  /** IAM's endpoint URL (execution roles). */
  iam: url,
  /** CloudWatch's endpoint URL (alarms, metrics, dashboards). */
  cloudwatch: url,
  /** CloudWatch Logs' endpoint URL. */
  cloudwatchLogs: url,
  /** Application Auto Scaling's endpoint URL. */
  applicationAutoScaling: url,
  /** SNS's endpoint URL. */
  sns: url,
  /** ECR's endpoint URL (container images). */
  ecr: url,
  /** API Gateway v2's endpoint URL (a Lambda target's HTTP API). */
  apigatewayv2: url,
} satisfies Record<AwsServiceKey, typeof url>);

/** `aws`: the parts of `AwsConfig` that can be written down (no credentials: use a profile). */
export const awsSchema = strict({
  /** The AWS region, e.g. `eu-west-1`. @default the SDK's: `AWS_REGION`, then the profile's */
  region: z.string().optional(),
  /** The profile of `~/.aws/config` to use. @default `AWS_PROFILE`, or `default` */
  profile: z.string().optional(),
  /** Endpoint URLs by service, for emulators (LocalStack, MinIO) or VPC endpoints. @default the SDK's */
  endpoints: endpoints.optional(),
  /** How many times a request is tried at most, the first included. @default the SDK's, or 3 */
  maxAttempts: number.optional(),
  /** The SDK retry strategy: `standard`, or `adaptive` (also rate-limits itself). @default the SDK's, or 'standard' */
  retryMode: z.enum(['standard', 'adaptive']).optional(),
  /** How long one HTTP request (one attempt) may take, in ms. @default no limit */
  requestTimeoutMs: number.optional(),
  /** Address S3 buckets in the path rather than the host name, as S3 emulators need. @default false */
  s3ForcePathStyle: z.boolean().optional(),
});

/** `registry`: `{ local: dir }`, `{ s3: { bucket, … } }` or `{ sagemaker: { artifactBucket, … } }`. */
export const registrySchema = oneOf(
  [
    strict({
      /** A registry in a local folder, e.g. `./registry` (`Registry.local`). */
      local: path,
    }),
    strict({
      /** A registry in an S3 bucket (`Registry.s3`). */
      s3: strict({
        /** The bucket that holds the registry: its records and its versions' artifacts. */
        bucket: z.string(),
        /** A folder in the bucket, e.g. `ml/registry`. @default the bucket's root */
        prefix: z.string().optional(),
        /** Encrypts every object written with this KMS key (SSE-KMS). @default SSE-S3 */
        kmsKeyId: z.string().optional(),
        /** Keys per ListObjectsV2 page; only worth changing to test paging. @default 1000 */
        pageSize: number.optional(),
        /** Artifacts up to this size are hashed in full when verified; larger ones by metadata. @default 512 MiB */
        hashLimitBytes: number.optional(),
      }),
    }),
    strict({
      /** A registry in SageMaker Model Registry, with artifacts in S3 (`Registry.sagemaker`). */
      sagemaker: strict({
        /** The bucket for artifacts and alias records, in the model packages' region. */
        artifactBucket: z.string(),
        /** The folder in the bucket, e.g. `ml/registry`. @default 'modelship-registry' */
        prefix: z.string().optional(),
        /** Encrypts every object written with this KMS key (SSE-KMS). @default SSE-S3 */
        kmsKeyId: z.string().optional(),
        /** Put before every model name to make its model package group name, e.g. `ml-`. @default '' */
        groupPrefix: z.string().optional(),
        /** Also show each version's aliases on its model package, for SageMaker Studio. @default true */
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
  /** The inputs to send: a JSON array or JSON Lines file, or (in a TypeScript config) an array. */
  samples: z.union([path, z.array(z.unknown())]),
  /** The expected value of each sample, in order, as a file or an array; needed by `accuracy`. */
  expected: z.union([path, z.array(z.unknown())]).optional(),
  /** Latency gates on the sample phase, in milliseconds. */
  latency: strict({
    /** The highest passing median latency. */
    p50Ms: number.optional(),
    /** The highest passing 90th percentile latency. */
    p90Ms: number.optional(),
    /** The highest passing 99th percentile latency. */
    p99Ms: number.optional(),
  }).optional(),
  /** The accuracy gate: a metric of the outputs against `expected`, and its bounds. */
  accuracy: strict({
    /** `accuracy` (share equal), `mae`, `rmse`, or (in a TypeScript config) a function of outputs and expected. */
    metric: z.union([z.enum(['accuracy', 'mae', 'rmse']), fn]),
    /** Turns an output into what is compared, e.g. `(p) => p.label` (TypeScript configs). @default the output */
    prediction: fn.optional(),
    /** The metric's lowest passing value (for `accuracy` and scores). */
    min: number.optional(),
    /** The metric's highest passing value (for `mae`, `rmse` and losses). */
    max: number.optional(),
  }).optional(),
  /** A bounded load phase and its gate. */
  throughput: strict({
    /** The lowest passing rate of successful requests per second. */
    minRps: number,
    /** Requests in flight at once. */
    concurrency: number,
    /** How long new requests are started, in seconds (at most 600). */
    durationS: number,
    /** A hard cap on the requests of the phase. @default 10000 */
    maxRequests: number.optional(),
  }).optional(),
  /** The share of failed requests that still passes, 0 to 1. @default 0 */
  maxErrorRate: number.optional(),
  /** Requests sent before measuring, so a cold start is not taken for latency. @default 1 */
  warmup: number.optional(),
  /** A deadline for each request, retries included, in ms. @default the predictor's */
  timeoutMs: number.optional(),
});
