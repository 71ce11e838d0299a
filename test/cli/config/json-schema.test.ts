/** The committed JSON Schema of a config is what the zod schema generates, so editors complete what the CLI accepts. */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA_PATH, configJsonSchema } from '../../../scripts/config-schema.js';

describe('schema/modelship.config.schema.json', () => {
  it('equals a fresh generation (run `npx tsx scripts/config-schema.ts` after changing the schema)', async () => {
    expect(await readFile(CONFIG_SCHEMA_PATH, 'utf8')).toBe(configJsonSchema());
  });

  it('describes the target types and rejects unknown keys, as the CLI does', () => {
    const schema = JSON.parse(configJsonSchema()) as {
      additionalProperties: boolean;
      required: string[];
      properties: { target: { oneOf?: { properties: { type: { const: string } } }[] } };
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['model', 'target']);
    const types = schema.properties.target.oneOf?.map((option) => option.properties.type.const);
    expect(types).toEqual(['local', 'sagemaker-realtime', 'sagemaker-serverless', 'sagemaker-async', 'lambda']);
  });
});
