/**
 * The `target`s of type `sagemaker-realtime`, `sagemaker-serverless` and `sagemaker-async`: the options of
 * `SageMaker.realtime/serverless/async({ … })` (src/targets/sagemaker/options.ts, async/options.ts). A variant's or
 * shadow's `model` is written as the config's own `model` is.
 */
import * as z from 'zod';
import { variantModelSchema } from './model.js';
import { number, strict } from './strict.js';

const strings = z.array(z.string());

const trafficShift = z.discriminatedUnion('type', [
  strict({
    /** All traffic moves to the new fleet at once, after it is healthy. */
    type: z.literal('all-at-once'),
    /** Seconds to watch the new fleet before the old one is removed. @default 0 */
    waitS: number.optional(),
  }),
  strict({
    /** A share of traffic moves first; the rest follows after `waitS` if no rollback alarm fired. */
    type: z.literal('canary'),
    /** The canary's share, a percentage of capacity (1–50); or give `instances`. */
    percent: number.optional(),
    /** The canary's share, a number of instances; or give `percent`. */
    instances: number.optional(),
    /** Seconds between the canary and the rest (0–3600). */
    waitS: number,
  }),
  strict({
    /** Traffic moves in equal steps, `waitS` apart. */
    type: z.literal('linear'),
    /** Each step's share, a percentage of capacity (1–100); or give `stepInstances`. */
    stepPercent: number.optional(),
    /** Each step's share, a number of instances; or give `stepPercent`. */
    stepInstances: number.optional(),
    /** Seconds between steps (0–3600). */
    waitS: number,
  }),
]);

const common = {
  /** The endpoint's name. @default the deployment's name */
  endpointName: z.string().optional(),
  /** The ARN of the IAM role SageMaker assumes. Give this or `createRole`. */
  role: z.string().optional(),
  /** Create a least-privilege execution role, removed with the deployment. @default false */
  createRole: z
    .union([
      z.boolean(),
      strict({
        /** Seconds to wait after creating or changing the role before SageMaker uses it (0–600). @default 10 */
        propagationWaitS: number.optional(),
      }),
    ])
    .optional(),
  /** The production variant's name; an update must keep it. @default 'AllTraffic' */
  variantName: z.string().optional(),
  /** A KMS key (id, ARN or alias ARN) for the uploaded artifact and the volumes. @default SSE-S3, AWS-managed keys */
  kmsKeyId: z.string().optional(),
  /** The bucket a local model is uploaded to. @default `modelship-<account>-<region>`, created */
  artifactBucket: z.string().optional(),
  /** How updates of the live endpoint roll out and roll back (blue/green). */
  update: strict({
    /** How traffic moves to the new version. @default { type: 'all-at-once' } */
    traffic: trafficShift.optional(),
    /** CloudWatch alarms (at most 10) that roll the update back when one fires. */
    rollbackAlarms: strings.optional(),
    /** Seconds the old fleet is kept after all traffic moved (0–3600). @default 0 */
    terminationWaitS: number.optional(),
    /** The longest the whole update may take, in seconds (600–28800). @default SageMaker's own limit */
    maxExecutionTimeoutS: number.optional(),
  }).optional(),
};

const instances = {
  /** The instance type, e.g. `ml.m5.large` (CPU) or `ml.g5.xlarge` (GPU). */
  instanceType: z.string(),
  /** How many instances serve the model (2 or more spread across Availability Zones). @default 1 */
  instanceCount: number.optional(),
  /** Each instance's storage volume, in GB (1–512); not for instance types with local NVMe storage. */
  volumeSizeGb: number.optional(),
  /** How long SageMaker may take to download the artifact, in seconds (60–3600). */
  modelDataDownloadTimeoutS: number.optional(),
  /** How long the container may take to pass its first `/ping`, in seconds (60–3600). */
  startupHealthCheckTimeoutS: number.optional(),
  /** Captures requests and responses to S3 (for monitoring and drift). */
  dataCapture: strict({
    /** Where captures go: `s3://bucket/prefix`. */
    destination: z.string(),
    /** The percentage of requests captured (0–100). @default 100 */
    samplingPercent: number.optional(),
    /** What is captured of each request. @default 'both' */
    capture: z.enum(['input', 'output', 'both']).optional(),
  }).optional(),
  /** Runs the containers in your VPC. */
  vpc: strict({
    /** Subnet ids (`subnet-…`), 1 to 16. */
    subnets: strings,
    /** Security group ids (`sg-…`), 1 to 5. */
    securityGroupIds: strings,
  }).optional(),
  /** Cuts the containers off from the network, AWS services included. @default false */
  networkIsolation: z.boolean().optional(),
};

const variant = {
  /** The variant's model, written as the config's own `model` is (but not `{ registry }`). */
  model: variantModelSchema,
  /** The variant's instance type. @default the endpoint's `instanceType` */
  instanceType: z.string().optional(),
  /** The variant's instance count. @default 1 */
  instanceCount: number.optional(),
};

/** `{ type: 'sagemaker-realtime', …RealtimeOptions }`. */
export const realtimeTargetSchema = strict({
  /** A SageMaker endpoint on dedicated instances, billed by the hour (`SageMaker.realtime({ … })`). */
  type: z.literal('sagemaker-realtime'),
  ...common,
  ...instances,
  /** More models behind the endpoint, by variant name, for A/B tests (split traffic with `traffic`). */
  variants: z.record(z.string(), strict(variant)).optional(),
  /** A shadow variant: it gets a copy of live requests, its answers are logged, never returned. Not with `variants`. */
  shadow: strict({
    ...variant,
    /** The shadow variant's name. @default 'shadow' */
    variantName: z.string().optional(),
    /** The percentage of requests copied to the shadow (1–100). @default 100 */
    samplingPercent: number.optional(),
  }).optional(),
});

/** `{ type: 'sagemaker-serverless', …ServerlessOptions }`. */
export const serverlessTargetSchema = strict({
  /** A SageMaker endpoint billed by the request, which scales to zero (`SageMaker.serverless({ … })`). */
  type: z.literal('sagemaker-serverless'),
  ...common,
  /** Memory of each worker, in MB: 1024, 2048, 3072, 4096, 5120 or 6144. */
  memoryMb: number,
  /** The most invocations served at once (1–200). */
  maxConcurrency: number,
  /** Workers kept warm so the first requests skip the cold start (1–200, at most `maxConcurrency`). */
  provisionedConcurrency: number.optional(),
});

/** `{ type: 'sagemaker-async', …AsyncOptions }`. */
export const asyncTargetSchema = strict({
  /** A SageMaker endpoint that queues requests, with payloads and results in S3 (`SageMaker.async({ … })`). */
  type: z.literal('sagemaker-async'),
  ...common,
  ...instances,
  /** Where SageMaker writes each output, `s3://bucket/prefix/`. */
  outputS3Uri: z.string(),
  /** Where SageMaker writes each failure, `s3://bucket/prefix/`. @default none */
  failureS3Uri: z.string().optional(),
  /** SNS notifications of outputs and failures. */
  notify: strict({
    /** The topic ARN told of each output written. */
    success: z.string().optional(),
    /** The topic ARN told of each failure. */
    error: z.string().optional(),
    /** Also put the result itself in the notification, when it fits (256 KB). @default false */
    includeResult: z.boolean().optional(),
  }).optional(),
  /** Requests each instance's container is sent at once (1–1000). @default SageMaker's choice */
  maxConcurrentInvocationsPerInstance: number.optional(),
  /** Where callers upload payloads, `s3://bucket/prefix/`; needed with `createRole`. */
  inputS3Uri: z.string().optional(),
});
