/** The `target` of type `lambda`: the options of `Lambda({ … })` (src/targets/lambda/options.ts). */
import * as z from 'zod';
import type { LambdaArchitecture, LambdaExposure, LambdaRuntime } from '../../../targets/lambda/options.js';
import { number, strict, stringMap } from './strict.js';

const ARCHITECTURES = ['x86_64', 'arm64'] as const satisfies readonly LambdaArchitecture[];
const RUNTIMES = ['nodejs20.x', 'nodejs22.x'] as const satisfies readonly LambdaRuntime[];
const EXPOSURES = ['none', 'function-url', 'http-api'] as const satisfies readonly LambdaExposure[];

/** `{ type: 'lambda', …LambdaOptions }`. */
export const lambdaTargetSchema = strict({
  type: z.literal('lambda'),
  memoryMb: number,
  timeoutS: number,
  architecture: z.enum(ARCHITECTURES).optional(),
  runtime: z.enum(RUNTIMES).optional(),
  ephemeralStorageMb: number.optional(),
  reservedConcurrency: number.optional(),
  provisionedConcurrency: number.optional(),
  env: stringMap.optional(),
  expose: z.enum(EXPOSURES).optional(),
  auth: z.enum(['iam', 'none']).optional(),
  allowPublic: z.boolean().optional(),
  role: z.string().optional(),
  createRole: z.boolean().optional(),
  functionName: z.string().optional(),
  artifactBucket: z.string().optional(),
  rollout: strict({ canaryPercent: number, waitS: number, rollbackAlarms: z.array(z.string()).optional() }).optional(),
  kmsKeyId: z.string().optional(),
});
