/**
 * Registering a model: checks everything before the store is touched, takes the artifact into the store, and
 * writes the version record either under the number the registry picks or under the caller's version.
 */
import { InvalidArgumentError } from '../errors.js';
import type { ModelSource } from '../model/source.js';
import { artifactInputOf, servingFieldsOf } from './model-source.js';
import { checkModelName, checkVersion } from './names.js';
import { createNumberedVersion } from './numbering.js';
import { checkRecordedOptions, type RegisterOptions } from './register-options.js';
import type { RegistryStore } from './store.js';
import type { ModelVersion } from './types.js';

/**
 * Anything with a model source: a `Model`.
 *
 * @example
 * ```ts
 * const model: RegistrableModel = Model.fromFile('churn.onnx', { framework: 'onnx' });
 * await registry.register(model, { name: 'churn' });
 * ```
 */
export interface RegistrableModel {
  /** Where the model's artifact comes from. */
  readonly source: ModelSource;
}

/** Who registers, and when. */
export interface Registrant {
  readonly user: string;
  /** The current time, ISO 8601 UTC. */
  readonly now: () => string;
}

/**
 * Registers `model` in `store`. See `Registry.register` for the rules.
 * @throws {@link InvalidArgumentError} for a bad name, version, option or model, before anything is written.
 * @throws {@link ConflictError} when `options.version` exists with other content.
 */
export async function registerModel(
  store: RegistryStore,
  registrant: Registrant,
  model: RegistrableModel,
  options: RegisterOptions,
): Promise<ModelVersion> {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError('options', 'register needs options with at least a name: { name: "churn" }.');
  }
  checkModelName(options.name);
  if (options.version !== undefined) checkVersion(options.version);
  checkRecordedOptions(options);
  if (typeof model !== 'object' || model === null || typeof model.source !== 'object' || model.source === null) {
    throw new InvalidArgumentError('model', 'register needs a Model, e.g. Model.fromFile("model.onnx").');
  }
  const input = artifactInputOf(model.source);

  const artifact = input === undefined ? undefined : await store.storeArtifact(options.name, input, options.signal);
  const record: Omit<ModelVersion, 'version'> = {
    name: options.name,
    ...(artifact === undefined ? {} : { artifact }),
    ...servingFieldsOf(model.source),
    ...(options.contentTypes === undefined ? {} : { contentTypes: [...options.contentTypes] }),
    ...(options.description === undefined ? {} : { description: options.description }),
    metadata: { ...options.metadata },
    metrics: { ...options.metrics },
    ...(options.lineage === undefined ? {} : { lineage: { ...options.lineage } }),
    createdAt: registrant.now(),
    createdBy: registrant.user,
  };
  if (options.version === undefined) return createNumberedVersion(store, record, options.signal);

  const version: ModelVersion = { ...record, version: options.version };
  // A ConflictError (the version exists with other content) goes to the caller as it is.
  if ((await store.createVersion(version)) === 'created') return version;
  // The same content was registered before: that registration stands, with its own time and author.
  return (await store.getVersion(version.name, version.version)) ?? version;
}
