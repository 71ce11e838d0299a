/** The `target` of type `lambda`: the options of `Lambda({ … })` (src/targets/lambda/options.ts). */
import * as z from 'zod';
import type { LambdaArchitecture, LambdaExposure, LambdaRuntime } from '../../../targets/lambda/options.js';
import { number, strict, stringMap } from './strict.js';

const ARCHITECTURES = ['x86_64', 'arm64'] as const satisfies readonly LambdaArchitecture[];
const RUNTIMES = ['nodejs20.x', 'nodejs22.x'] as const satisfies readonly LambdaRuntime[];
const EXPOSURES = ['none', 'function-url', 'http-api'] as const satisfies readonly LambdaExposure[];

/** `{ type: 'lambda', …LambdaOptions }`. */
export const lambdaTargetSchema = strict({
  /** A Lambda function (`Lambda({ … })`). */
  type: z.literal('lambda'),
  /** Memory in MB, 128 to 10240; Lambda gives CPU in proportion. */
  memoryMb: number,
  /** The longest one invocation may run, in seconds, 1 to 900. */
  timeoutS: number,
  /** The instruction set: `x86_64` or `arm64` (Graviton). @default 'x86_64' */
  architecture: z.enum(ARCHITECTURES).optional(),
  /** The runtime of a zip package (an image brings its own). @default 'nodejs20.x' */
  runtime: z.enum(RUNTIMES).optional(),
  /** The size of `/tmp` in MB, 512 to 10240. @default 512 */
  ephemeralStorageMb: number.optional(),
  /** Concurrent executions reserved for (and capping) the function. @default none: the account's pool */
  reservedConcurrency: number.optional(),
  /** Execution environments kept initialized on the `live` alias (billed). @default none */
  provisionedConcurrency: number.optional(),
  /** Environment variables of the function; `MODELSHIP_*` keys are reserved. */
  env: stringMap.optional(),
  /** How it is reached besides `Invoke`: `none`, `function-url` or `http-api`. @default 'none' */
  expose: z.enum(EXPOSURES).optional(),
  /** Who may call the exposure: `iam` (signed requests) or `none` (anyone; needs `allowPublic`). @default 'iam' */
  auth: z.enum(['iam', 'none']).optional(),
  /** Required with `auth: 'none'`: says a public, unauthenticated endpoint is intended. */
  allowPublic: z.boolean().optional(),
  /** The execution role's ARN. Give this or `createRole`. */
  role: z.string().optional(),
  /** Create a least-privilege execution role (logs of this function only). */
  createRole: z.boolean().optional(),
  /** The function's name. @default the deployment's name */
  functionName: z.string().optional(),
  /** Where packages over Lambda's direct-upload limit go. @default `modelship-<account>-<region>`, created */
  artifactBucket: z.string().optional(),
  /** Canary rollout of updates. @default all traffic moves to the new version at once */
  rollout: strict({
    /** The share of requests the new version gets first, 1 to 99. */
    canaryPercent: number,
    /** How long the canary runs before the new version gets all traffic, in seconds (0 to 3600). */
    waitS: number,
    /** CloudWatch alarms watched during the canary: one in `ALARM` moves traffic back and fails the deploy. */
    rollbackAlarms: z.array(z.string()).optional(),
  }).optional(),
  /** The KMS key of the environment variables and the uploaded package. @default an AWS-owned key */
  kmsKeyId: z.string().optional(),
});
