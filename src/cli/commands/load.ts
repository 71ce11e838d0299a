import type { LoadConfigOptions, LoadedConfig } from '../config/index.js';
import type { CommandContext } from '../context.js';

/**
 * The config a command works on, with the global options applied (`--config`, `--set`, `--profile`, `--region`).
 * What loading had to tell (a flag that replaced the chain's own AWS settings) goes to stderr, never into a
 * `--json` document.
 */
export async function loadDeployment(
  ctx: CommandContext,
  extra: Pick<LoadConfigOptions, 'target'> = {},
): Promise<LoadedConfig> {
  const { config, set, profile, region } = ctx.globals;
  // Loaded here, not at the top: `predict --url` and `local <model>` need no config, nor zod and jiti to read one.
  const { loadConfig } = await import('../config/index.js');
  const loaded = await loadConfig({
    cwd: ctx.cwd,
    set,
    ...(config === undefined ? {} : { file: config }),
    ...(profile === undefined ? {} : { profile }),
    ...(region === undefined ? {} : { region }),
    ...extra,
  });
  for (const notice of loaded.notices) ctx.io.stderr.write(`note: ${notice}\n`);
  return loaded;
}
