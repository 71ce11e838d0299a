/**
 * What of a `Model` the registry keeps: its artifact (copied into the store) and how it is served (image,
 * framework, environment). Handler models are refused: a handler is a JavaScript module that imports files and
 * packages around it, so a copy of the one file would not run, and only the Local target can serve it anyway.
 */
import { InvalidArgumentError } from '../errors.js';
import type { ModelSource } from '../model/source.js';
import type { ArtifactInput } from './store.js';
import type { ModelVersion } from './types.js';

/** The serving facts of a version, as recorded. */
export type ServingFields = Pick<ModelVersion, 'image' | 'framework' | 'frameworkVersion' | 'pyVersion' | 'env'>;

/**
 * The artifact to take into the store, or `undefined` for an image that downloads nothing.
 * @throws {@link InvalidArgumentError} (`argument: 'model'`) for a handler model.
 */
export function artifactInputOf(source: ModelSource): ArtifactInput | undefined {
  switch (source.kind) {
    case 'file':
    case 'directory':
      return source;
    case 's3':
      return { kind: 's3', uri: source.uri };
    case 'image':
      return source.modelData === undefined ? undefined : { kind: 's3', uri: source.modelData };
    case 'handler':
      throw new InvalidArgumentError(
        'model',
        `Cannot register the handler ${source.path}: a registry keeps model artifacts and container images, not ` +
          'JavaScript handlers (a handler imports files and packages a copy would lose). Register the model file ' +
          'the handler loads (Model.fromFile), or serve the handler from a container image (Model.fromImage).',
      );
    default:
      throw new InvalidArgumentError('model', 'model.source is not a known kind of model source.');
  }
}

/** The image, framework and environment a version is served with. */
export function servingFieldsOf(source: ModelSource): ServingFields {
  switch (source.kind) {
    case 'file':
    case 'directory':
      return pick({
        framework: source.framework,
        frameworkVersion: source.frameworkVersion,
        pyVersion: source.pyVersion,
      });
    case 's3':
      return pick({
        image: source.image,
        framework: source.framework,
        frameworkVersion: source.frameworkVersion,
        pyVersion: source.pyVersion,
        env: source.env,
      });
    case 'image':
      return pick({ image: source.imageUri, env: source.env });
    default:
      return {};
  }
}

// Leaves out unset fields, so records compare equal whether a field was absent or undefined.
function pick(fields: ServingFields): ServingFields {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as ServingFields;
}
