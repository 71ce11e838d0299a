/**
 * The schema of a plain-object config (`modelship.config.json`, or a plain object exported by a `.ts`/`.js`
 * config). It checks the shape — known keys, types, enums — and leaves values to the targets and factories, which
 * check them with their own messages when the deployment is built and planned.
 */
import * as z from 'zod';
import { autoscalingSchema, monitorSchema, trafficSchema } from './features.js';
import { modelSchema } from './model.js';
import { awsSchema, registrySchema, validateSchema } from './settings.js';
import { strict, stringMap } from './strict.js';
import { targetSchema } from './target.js';

/** A whole plain config. */
export const configSchema = strict({
  $schema: z.string().optional().describe('The JSON Schema of this file, for editor completion.'),
  name: z.string().optional().describe('The deployment name (withName); resource names derive from it.'),
  model: modelSchema.describe(
    'What is served: { file } | { directory } | { s3 } | { image } | { handler } | { registry }.',
  ),
  target: targetSchema.describe('Where it is served: { type, …the target options }.'),
  autoscaling: autoscalingSchema.optional().describe('As withAutoscaling().'),
  monitor: monitorSchema.optional().describe('As monitor().'),
  traffic: trafficSchema.optional().describe('As withTraffic(): percent by variant name.'),
  tags: stringMap.optional().describe('As withTags(): tags of every resource made.'),
  aws: awsSchema.optional().describe('How to reach AWS: region, profile, endpoints.'),
  registry: registrySchema.optional().describe('The registry of model.registry and the registry commands.'),
  validate: validateSchema.optional().describe('The gate deploy runs after applying.'),
});

/** A plain config once it passed the schema. */
export type ParsedConfig = z.output<typeof configSchema>;
