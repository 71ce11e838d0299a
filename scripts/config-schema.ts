/**
 * Writes schema/modelship.config.schema.json, the JSON Schema of a plain config, from the zod schema the CLI checks
 * configs with, so that `"$schema"` in a `modelship.config.json` gives editor completion and hover docs.
 * A test fails when the committed file is not what this generates: run `npx tsx scripts/config-schema.ts` after
 * changing the schema.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as z from 'zod';
import { configSchema } from '../src/cli/config/schema/config.js';

export const CONFIG_SCHEMA_PATH = fileURLToPath(new URL('../schema/modelship.config.schema.json', import.meta.url));

/** The JSON Schema's text, as committed. */
export function configJsonSchema(): string {
  const schema = z.toJSONSchema(configSchema, {
    target: 'draft-2020-12',
    io: 'input',
    // Functions (a TypeScript config's accuracy metric) have no JSON form: JSON configs name a built-in metric.
    unrepresentable: 'any',
  });
  const titled = {
    ...schema,
    $id: 'https://unpkg.com/modelship/schema/modelship.config.schema.json',
    title: 'modelship config',
    description:
      'A modelship deployment as a plain object (modelship.config.json). See docs/cli.md, "The config file".',
  };
  return `${JSON.stringify(titled, null, 2)}\n`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await writeFile(CONFIG_SCHEMA_PATH, configJsonSchema());
  console.log(`Wrote ${CONFIG_SCHEMA_PATH}`);
}
