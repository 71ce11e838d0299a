/**
 * What a config file may export, and `defineConfig`, the typed identity that gives a TypeScript config completion
 * and type checks.
 */
import type * as z from 'zod';
import type { AwsConfig } from '../../aws/config.js';
import type { DeploymentBuilder } from '../../deploy/builder.js';
import type { Registry } from '../../registry/registry.js';
import type { configSchema } from './schema/config.js';

type Schema = z.input<typeof configSchema>;

/**
 * A fluent deployment to any target. `DeploymentBuilder<F>` is invariant in its target's features `F` (they type
 * both what `withAutoscaling` takes and what the deployment reports), so no one features type covers every target.
 *
 * @example
 * ```ts
 * const deployments: AnyDeploymentBuilder[] = [
 *   Model.fromFile('./iris.onnx').deployTo(Local()),
 *   Model.fromFile('./iris.onnx').deployTo(Lambda({ memoryMb: 1024, timeoutS: 30, createRole: true })),
 * ];
 * ```
 */
// biome-ignore lint/suspicious/noExplicitAny: any target's builder; the CLI only calls what every builder has.
export type AnyDeploymentBuilder = DeploymentBuilder<any>;

/**
 * A deployment written as a plain object: what `modelship.config.json` holds, and what a `.ts`/`.js` config may
 * export instead of a fluent chain. Checked against the config schema before anything runs; relative paths are
 * taken from the config file's folder. See docs/cli.md, "The config file".
 *
 * @example
 * ```ts
 * export default defineConfig({
 *   name: 'iris',
 *   model: { file: './iris.onnx', framework: 'onnx' },
 *   target: { type: 'sagemaker-serverless', memoryMb: 2048, maxConcurrency: 5, createRole: true },
 *   aws: { region: 'eu-west-1' },
 * });
 * ```
 */
export interface ModelshipConfig {
  /** The JSON Schema of the file (`./node_modules/modelship/schema/modelship.config.schema.json`), for editors. */
  readonly $schema?: string;
  /**
   * The deployment's name, as `withName()`: targets derive resource names from it.
   * @default the model file's or folder's name
   */
  readonly name?: string;
  /**
   * What is served: `{ file }`, `{ directory }`, `{ s3 }`, `{ image }`, `{ handler }` (each with the options its
   * `Model.from…` factory takes), or `{ registry: 'name@alias' }` (needs `registry`).
   */
  readonly model: Schema['model'];
  /** Where it is served: `{ type: 'local' | 'sagemaker-realtime' | 'sagemaker-serverless' | 'sagemaker-async' | 'lambda', …the target's options }`. */
  readonly target: Schema['target'];
  /** As `withAutoscaling()`, for the targets that scale. */
  readonly autoscaling?: Schema['autoscaling'];
  /** As `monitor()`, for the targets that have alarms. */
  readonly monitor?: Schema['monitor'];
  /** As `withTraffic()`: percent of the traffic by variant name. */
  readonly traffic?: Schema['traffic'];
  /** As `withTags()`: tags of every resource the deployment makes. */
  readonly tags?: Schema['tags'];
  /** How to reach AWS. `--profile` and `--region` are taken over these. */
  readonly aws?: Schema['aws'];
  /** The registry `model.registry` and the `registry` commands use. */
  readonly registry?: Schema['registry'];
  /** The gate `deploy` runs after applying; a failed check is exit code 3. */
  readonly validate?: Schema['validate'];
}

// Derived from the public ModelshipConfig rather than the schema's inferred type, so that the API reference names
// no internal type.
/**
 * The `validate` gate of a config: the options of `validatePredictor` with `samples` and `expected` given as files
 * (a JSON array, or JSON Lines: one value per line) or, in a TypeScript config, as arrays. Its keys are documented
 * under {@link ModelshipConfig.validate}.
 *
 * @example
 * ```ts
 * const validate: ValidateConfig = {
 *   samples: './samples.jsonl',
 *   expected: './expected.json',
 *   accuracy: { metric: 'accuracy', min: 0.95 },
 *   latency: { p99Ms: 300 },
 * };
 * ```
 */
export type ValidateConfig = NonNullable<ModelshipConfig['validate']>;

/**
 * A deployment built with the fluent API, with what the CLI needs besides it.
 *
 * @example
 * ```ts
 * // modelship.config.ts
 * export default defineConfig({
 *   deployment: Model.fromFile('./iris.onnx').deployTo(
 *     SageMaker.serverless({ memoryMb: 2048, maxConcurrency: 5, createRole: true }),
 *   ),
 *   validate: { samples: './samples.json', latency: { p99Ms: 500 } },
 *   aws: { region: 'eu-west-1', profile: 'ml-deploy' },
 * });
 * ```
 */
export interface DeploymentConfig {
  /** The deployment `plan`, `deploy`, `status` and `destroy` work on: a chain ending before `.deploy()`. */
  readonly deployment: AnyDeploymentBuilder;
  /** The registry of the `registry` commands. */
  readonly registry?: Registry;
  /** The gate `deploy` runs after applying. */
  readonly validate?: ValidateConfig;
  /**
   * AWS settings the CLI applies with `deployment.withAws(…)`, with `--profile` and `--region` over them. Give them
   * here rather than in the chain when the CLI's flags should be able to change them: the flags replace whatever
   * the chain's own `withAws` set.
   */
  readonly aws?: AwsConfig;
}

/**
 * What a config's default export evaluates to.
 *
 * @example
 * ```ts
 * const value: ConfigValue = { model: { file: './iris.onnx' }, target: { type: 'local', port: 8080 } };
 * ```
 */
export type ConfigValue = AnyDeploymentBuilder | ModelshipConfig | DeploymentConfig;

/**
 * What a config module may export as `default`: a config, or a function (sync or async) that returns one.
 *
 * @example
 * ```ts
 * const config: ConfigExport = async () => ({
 *   model: { registry: 'iris@production' },
 *   target: { type: 'sagemaker-serverless', memoryMb: 2048, maxConcurrency: 5, createRole: true },
 *   registry: { s3: { bucket: process.env.REGISTRY_BUCKET ?? 'ml-registry' } },
 * });
 * export default config;
 * ```
 */
export type ConfigExport = ConfigValue | (() => ConfigValue | Promise<ConfigValue>);

/**
 * Types a config: returns what it is given, so the editor checks and completes it, and shows each key's
 * documentation on hover.
 *
 * @example
 * ```ts
 * // modelship.config.ts
 * import { defineConfig, Local, Model } from 'modelship';
 * export default defineConfig({ deployment: Model.fromFile('./iris.onnx').deployTo(Local({ port: 8080 })) });
 * ```
 */
// Not generic on purpose: an editor shows a key's documentation only when the object's contextual type is the
// config type itself; through a type parameter (even a `const` one) it shows the literal's own, undocumented type.
export function defineConfig(config: ConfigExport): ConfigExport {
  return config;
}

// The hand-written type and the schema must describe the same objects: a compile error here means they drifted.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesType: Same<Required<ModelshipConfig>, Required<Schema>> = true;
void schemaMatchesType;
