/**
 * Makes `import … from 'modelship'` in a config work when the config's project does not have modelship installed
 * (a CLI run with `npx modelship` from its cache, or installed globally): the import then gets the CLI's own copy.
 * A project that has it installed gets its own, as Node would resolve it.
 */
import { createRequire } from 'node:module';

/** The public entry points, `modelship` and its subpaths (package.json `exports`). */
const ENTRY_POINTS = ['modelship', 'modelship/predictor', 'modelship/predictor/lambda', 'modelship/local'] as const;

/** jiti aliases from the entry points to the CLI's own files, or none when the config's folder resolves them. */
export function modelshipAliases(configFile: string): Record<string, string> {
  try {
    createRequire(configFile).resolve('modelship');
    return {};
  } catch {
    // Not installed where the config is: fall back on this package's own files.
  }
  const aliases: Record<string, string> = {};
  for (const entry of ENTRY_POINTS) {
    const own = ownEntry(entry);
    if (own !== undefined) aliases[entry] = own;
  }
  return aliases;
}

/** Where this package's entry point is, by self-reference through its `exports` (undefined outside a build). */
function ownEntry(entry: string): string | undefined {
  try {
    return new URL(import.meta.resolve(entry)).pathname;
  } catch {
    return undefined;
  }
}
