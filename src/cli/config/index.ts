/**
 * The CLI's config files: finding and reading `modelship.config.*`, its schema, `--set`, and the registry of the
 * `registry` commands. `defineConfig` and the config types are public (exported from the package root).
 *
 * @packageDocumentation
 */
export type {
  AnyDeploymentBuilder,
  ConfigExport,
  ConfigValue,
  DeploymentConfig,
  ModelshipConfig,
  ValidateConfig,
} from './define.js';
export { defineConfig } from './define.js';
export { CONFIG_FILE_NAMES, findConfigFile } from './find.js';
export {
  type LoadConfigOptions,
  type LoadedConfig,
  type LoadRegistryOptions,
  loadConfig,
  loadRegistry,
} from './load.js';
export type { ResolvedValidation } from './samples.js';
export { configSchema } from './schema/config.js';
