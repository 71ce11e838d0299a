/** The `target` of a plain config: which target, by `type`, and that target's options. */
import * as z from 'zod';
import { lambdaTargetSchema } from './lambda-target.js';
import { localTargetSchema } from './local-target.js';
import { asyncTargetSchema, realtimeTargetSchema, serverlessTargetSchema } from './sagemaker-target.js';

/** Every `target.type`. */
export const TARGET_TYPES = [
  'local',
  'sagemaker-realtime',
  'sagemaker-serverless',
  'sagemaker-async',
  'lambda',
] as const;

/** `{ type, …options }`, discriminated on `type`. */
export const targetSchema = z.discriminatedUnion(
  'type',
  [localTargetSchema, realtimeTargetSchema, serverlessTargetSchema, asyncTargetSchema, lambdaTargetSchema],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? `expected a target type: one of ${TARGET_TYPES.map((type) => JSON.stringify(type)).join(', ')}`
        : undefined,
  },
);
