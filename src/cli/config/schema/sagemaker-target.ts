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
  strict({ type: z.literal('all-at-once'), waitS: number.optional() }),
  strict({ type: z.literal('canary'), percent: number.optional(), instances: number.optional(), waitS: number }),
  strict({
    type: z.literal('linear'),
    stepPercent: number.optional(),
    stepInstances: number.optional(),
    waitS: number,
  }),
]);

const common = {
  endpointName: z.string().optional(),
  role: z.string().optional(),
  createRole: z.union([z.boolean(), strict({ propagationWaitS: number.optional() })]).optional(),
  variantName: z.string().optional(),
  kmsKeyId: z.string().optional(),
  artifactBucket: z.string().optional(),
  update: strict({
    traffic: trafficShift.optional(),
    rollbackAlarms: strings.optional(),
    terminationWaitS: number.optional(),
    maxExecutionTimeoutS: number.optional(),
  }).optional(),
};

const instances = {
  instanceType: z.string(),
  instanceCount: number.optional(),
  volumeSizeGb: number.optional(),
  modelDataDownloadTimeoutS: number.optional(),
  startupHealthCheckTimeoutS: number.optional(),
  dataCapture: strict({
    destination: z.string(),
    samplingPercent: number.optional(),
    capture: z.enum(['input', 'output', 'both']).optional(),
  }).optional(),
  vpc: strict({ subnets: strings, securityGroupIds: strings }).optional(),
  networkIsolation: z.boolean().optional(),
};

const variant = {
  model: variantModelSchema,
  instanceType: z.string().optional(),
  instanceCount: number.optional(),
};

/** `{ type: 'sagemaker-realtime', …RealtimeOptions }`. */
export const realtimeTargetSchema = strict({
  type: z.literal('sagemaker-realtime'),
  ...common,
  ...instances,
  variants: z.record(z.string(), strict(variant)).optional(),
  shadow: strict({ ...variant, variantName: z.string().optional(), samplingPercent: number.optional() }).optional(),
});

/** `{ type: 'sagemaker-serverless', …ServerlessOptions }`. */
export const serverlessTargetSchema = strict({
  type: z.literal('sagemaker-serverless'),
  ...common,
  memoryMb: number,
  maxConcurrency: number,
  provisionedConcurrency: number.optional(),
});

/** `{ type: 'sagemaker-async', …AsyncOptions }`. */
export const asyncTargetSchema = strict({
  type: z.literal('sagemaker-async'),
  ...common,
  ...instances,
  outputS3Uri: z.string(),
  failureS3Uri: z.string().optional(),
  notify: strict({
    success: z.string().optional(),
    error: z.string().optional(),
    includeResult: z.boolean().optional(),
  }).optional(),
  maxConcurrentInvocationsPerInstance: number.optional(),
  inputS3Uri: z.string().optional(),
});
