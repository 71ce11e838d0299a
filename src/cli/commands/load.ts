import { type LoadConfigOptions, type LoadedConfig, loadConfig } from '../config/index.js';
import type { CommandContext } from '../context.js';

/** The config a command works on, with the global options applied (`--config`, `--set`, `--profile`, `--region`). */
export function loadDeployment(
  ctx: CommandContext,
  extra: Pick<LoadConfigOptions, 'target'> = {},
): Promise<LoadedConfig> {
  const { config, set, profile, region } = ctx.globals;
  return loadConfig({
    cwd: ctx.cwd,
    set,
    ...(config === undefined ? {} : { file: config }),
    ...(profile === undefined ? {} : { profile }),
    ...(region === undefined ? {} : { region }),
    ...extra,
  });
}
