/** The `Model` a plain config's `model` describes, made with the same factory the fluent API would call. */
import { isAbsolute, resolve } from 'node:path';
import { Model } from '../../deploy/model.js';
import { InvalidArgumentError } from '../../errors.js';
import type { Registry } from '../../registry/registry.js';
import type { ParsedConfig } from './schema/config.js';

type ModelSpec = ParsedConfig['model'];

/**
 * The model, with relative paths taken from `dir` (the config file's folder).
 * @param registry - the config's registry, for `{ registry: 'name@alias' }`.
 * @throws {@link InvalidArgumentError} for `{ registry }` without a registry, or what the factory refuses.
 */
export async function modelOf(spec: ModelSpec, dir: string, registry: Registry | undefined): Promise<Model> {
  if ('registry' in spec) {
    if (registry === undefined) {
      throw new InvalidArgumentError(
        'model.registry',
        `model { registry: ${JSON.stringify(spec.registry)} } needs a registry: add "registry": { "local": "./registry" } ` +
          '(or { s3: { bucket } }, { sagemaker: { artifactBucket } }) to the config.',
      );
    }
    return Model.fromRegistry(registry, spec.registry);
  }
  return staticModelOf(spec, dir);
}

/** A model that needs no registry: the config's own, or an endpoint variant's. */
export function staticModelOf(spec: Exclude<ModelSpec, { registry: string }>, dir: string): Model {
  if ('file' in spec) {
    const { file, ...info } = spec;
    return Model.fromFile(inDir(dir, file), info);
  }
  if ('directory' in spec) {
    const { directory, ...info } = spec;
    return Model.fromDirectory(inDir(dir, directory), info);
  }
  if ('s3' in spec) {
    const { s3, ...options } = spec;
    return Model.fromS3(s3, options);
  }
  if ('image' in spec) {
    const { image, ...options } = spec;
    return Model.fromImage(image, options);
  }
  return Model.fromHandler(inDir(dir, spec.handler));
}

/** `path` taken from `dir` when relative. */
export function inDir(dir: string, path: string): string {
  return isAbsolute(path) ? path : resolve(dir, path);
}
