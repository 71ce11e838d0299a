/**
 * `loadConfig` and `loadRegistry`: from the command line's options to the deployment, registry and gate a command
 * works on. See docs/cli.md, "The config file".
 */
import { dirname } from 'node:path';
import type { AwsConfig } from '../../aws/config.js';
import type { DeploymentBuilder } from '../../deploy/builder.js';
import { InvalidArgumentError } from '../../errors.js';
import type { Registry } from '../../registry/registry.js';
import { Local } from '../../targets/local/index.js';
import type { Target, TargetFeatures } from '../../targets/target.js';
import { type AwsFlags, hasAwsFlags, withAwsFlags } from './aws.js';
import type { DeploymentConfig, ModelshipConfig } from './define.js';
import { findConfigFile } from './find.js';
import { importConfig } from './import.js';
import { modelOf } from './model.js';
import { schemaError } from './problems.js';
import { registryFromFlag, registryOf } from './registry.js';
import { type ResolvedValidation, resolveValidation } from './samples.js';
import { configSchema, type ParsedConfig } from './schema/config.js';
import { applySets, parseSets } from './set.js';
import { isDeploymentBuilder, isDeploymentConfig, isRegistry } from './shape.js';
import { targetOf } from './target.js';

/** Options of {@link loadConfig}: the global options of the command line. */
export interface LoadConfigOptions extends AwsFlags {
  /** The folder the CLI runs in: where the config is looked for, and `--config` is taken from. */
  readonly cwd: string;
  /** `--config`: the config file. @default the first `modelship.config.*` in `cwd` */
  readonly file?: string;
  /** `--set key=value` overrides. */
  readonly set?: readonly string[];
  /** Serve the config's model on Local instead of its target (`modelship local`). */
  readonly target?: { readonly type: 'local'; readonly port?: number; readonly host?: string };
}

/** A config, loaded: the deployment to work on, and what the CLI needs besides it. */
export interface LoadedConfig {
  /** The config file's absolute path. */
  readonly file: string;
  readonly builder: DeploymentBuilder<TargetFeatures>;
  readonly registry?: Registry;
  /** The config's `validate` gate, its files read. */
  readonly validate?: ResolvedValidation;
  /** The plain config after `--set`, when the config is one. */
  readonly plain?: ModelshipConfig;
  /** Things the user should know about how the options were applied, for stderr. */
  readonly notices: readonly string[];
}

/**
 * Finds, reads and checks the config, and makes its deployment.
 * @throws {@link InvalidArgumentError} (exit code 2) for a missing file, a config that does not pass the schema, a
 * `--set` that cannot apply, or an option a factory refuses; nothing has been called.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const file = findConfigFile(options.cwd, options.file);
  const value = await importConfig(file);
  if (isDeploymentBuilder(value)) return fromCode(file, { deployment: value }, options);
  if (isDeploymentConfig(value)) return fromCode(file, value, options);
  return fromPlain(file, value, options);
}

/** Options of {@link loadRegistry}. */
export interface LoadRegistryOptions extends AwsFlags {
  readonly cwd: string;
  readonly file?: string;
  /** `--registry`: a folder, `s3://bucket/prefix`, `sagemaker` or `sagemaker://bucket/prefix`. */
  readonly registry?: string;
}

/**
 * The registry of the `registry` commands: `--registry` when given (no config is needed then, but one is read
 * for its `aws` and `registry.sagemaker` when there is one), else the config's.
 * @throws {@link InvalidArgumentError} when there is neither, saying what to pass.
 */
export async function loadRegistry(options: LoadRegistryOptions): Promise<Registry> {
  const config = await configIfAny(options);
  if (options.registry !== undefined) {
    const plain = config?.plain;
    return registryFromFlag(options.registry, options.cwd, withAwsFlags(plain?.aws, options), plain?.registry);
  }
  if (config === undefined) {
    // No config and no flag: the same error as loadConfig's, which names the files and --config.
    await loadConfig(options);
  }
  if (config?.registry === undefined) {
    throw new InvalidArgumentError(
      'registry',
      `${config?.file ?? 'The config'} has no registry: add registry: { local: "./registry" } (or { s3: { bucket } }, ` +
        '{ sagemaker: { artifactBucket } }) to it, or pass --registry <dir | s3://bucket/prefix | sagemaker>.',
    );
  }
  return config.registry;
}

async function configIfAny(options: LoadRegistryOptions): Promise<LoadedConfig | undefined> {
  try {
    return await loadConfig(options);
  } catch (error) {
    const noFile = error instanceof InvalidArgumentError && error.argument === 'config' && options.file === undefined;
    if (noFile && options.registry !== undefined) return undefined;
    throw error;
  }
}

async function fromCode(file: string, config: DeploymentConfig, options: LoadConfigOptions): Promise<LoadedConfig> {
  if (options.target !== undefined) {
    throw new InvalidArgumentError(
      'target',
      `${file} exports a fluent deployment, whose model cannot be moved to another target from outside the chain: ` +
        'pass the model to `modelship local <file or folder>`, or export a plain config ({ model, target }).',
    );
  }
  if (config.registry !== undefined && !isRegistry(config.registry)) {
    throw new InvalidArgumentError(
      'registry',
      `${file}: registry must be a Registry (Registry.local('./registry'), Registry.s3({ … }), Registry.sagemaker({ … })).`,
    );
  }
  let builder = config.deployment;
  for (const set of parseSets(options.set ?? [])) {
    if (set.path.join('.') !== 'name') {
      throw new InvalidArgumentError(
        'set',
        `--set ${set.path.join('.')}: ${file} exports a fluent deployment, where only --set name=… applies; change ` +
          'the chain in the code for anything else.',
      );
    }
    builder = builder.withName(String(set.value));
  }
  const notices: string[] = [];
  if (config.aws !== undefined || hasAwsFlags(options)) {
    builder = builder.withAws(withAwsFlags(config.aws, options));
    if (config.aws === undefined) {
      notices.push(
        `--profile/--region replace the AWS settings of the deployment's .withAws(…), if it calls it; to keep ` +
          'some, export { deployment, aws } and the flags go over that aws.',
      );
    }
  }
  const validate = config.validate === undefined ? undefined : await resolveValidation(config.validate, dirname(file));
  return {
    file,
    builder,
    ...(config.registry === undefined ? {} : { registry: config.registry }),
    ...(validate === undefined ? {} : { validate }),
    notices,
  };
}

async function fromPlain(file: string, value: unknown, options: LoadConfigOptions): Promise<LoadedConfig> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidArgumentError(
      'config',
      `${file} must export (or hold) a config object or a fluent deployment, got ${Array.isArray(value) ? 'an array' : typeof value}.`,
    );
  }
  const data = applySets(value as Record<string, unknown>, parseSets(options.set ?? []));
  const parsed = configSchema.safeParse(data);
  if (!parsed.success) throw schemaError(file, parsed.error, data);
  const config = parsed.data;
  const dir = dirname(file);
  const aws = withAwsFlags(config.aws as AwsConfig | undefined, options);
  const registry = config.registry === undefined ? undefined : registryOf(config.registry, dir, aws);
  const builder = await builderOf(config, dir, aws, registry, options.target);
  const validate = config.validate === undefined ? undefined : await resolveValidation(config.validate, dir);
  return {
    file,
    builder,
    ...(registry === undefined ? {} : { registry }),
    ...(validate === undefined ? {} : { validate }),
    plain: config,
    notices: [],
  };
}

/** The fluent chain a plain config amounts to. */
async function builderOf(
  config: ParsedConfig,
  dir: string,
  aws: AwsConfig,
  registry: Registry | undefined,
  local: LoadConfigOptions['target'],
): Promise<DeploymentBuilder<TargetFeatures>> {
  const model = await modelOf(config.model, dir, registry);
  // `modelship local`: the same model on Local, without the target's features (Local has none).
  const target: Target<TargetFeatures> =
    local === undefined
      ? targetOf(config.target, dir)
      : Local({
          ...(local.port === undefined ? {} : { port: local.port }),
          ...(local.host === undefined ? {} : { host: local.host }),
        });
  let builder = model.deployTo(target);
  if (config.name !== undefined) builder = builder.withName(config.name);
  if (config.tags !== undefined) builder = builder.withTags(config.tags);
  if (local === undefined) {
    if (config.autoscaling !== undefined) builder = builder.withAutoscaling(config.autoscaling);
    if (config.monitor !== undefined) builder = builder.monitor(config.monitor);
    if (config.traffic !== undefined) builder = builder.withTraffic(config.traffic);
  }
  return builder.withAws(aws);
}
