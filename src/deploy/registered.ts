/**
 * A model taken from a registry: which version it is, which alias it came through, and how to check its artifact
 * is still what was registered. Deployments tag what they make with the version, verify the artifact before every
 * plan, and can roll the alias back.
 */
import { InvalidArgumentError } from '../errors.js';
import type { ModelSource } from '../model/source.js';
import { parseModelRef } from '../registry/ref.js';
import type { Registry } from '../registry/registry.js';
import type { ModelVersion } from '../registry/types.js';

/**
 * Where a model came from in a registry.
 *
 * @example
 * ```ts
 * const model = await Model.fromRegistry(Registry.local('./registry'), 'churn@production');
 * console.log(model.registered?.version.version, model.registered?.alias); // 7 production
 * ```
 */
export interface RegisteredModel {
  /** The registry the model was taken from. */
  readonly registry: Registry;
  /** The version deployed. */
  readonly version: ModelVersion;
  /** The alias it was resolved through (`production`), when it was. */
  readonly alias?: string;
}

/** `churn:3`: how deployments tag what they make (`modelship:model-version`). */
export function versionTag(registered: RegisteredModel): string {
  return `${registered.version.name}:${registered.version.version}`;
}

/** The version `ref` names, its artifact checked against its recorded SHA-256. */
export async function resolveRegistered(
  registry: Registry,
  ref: string,
  signal?: AbortSignal,
): Promise<{ source: ModelSource; registered: RegisteredModel }> {
  const parsed = parseModelRef(ref);
  const version = await registry.resolve(ref);
  const registered: RegisteredModel = {
    registry,
    version,
    ...(parsed.alias === undefined ? {} : { alias: parsed.alias }),
  };
  await verifyRegistered(registered, signal);
  return { source: sourceOf(version, registry), registered };
}

/**
 * Checks the version's artifact still has its recorded SHA-256.
 * @throws {@link IntegrityError} naming the artifact when it does not (it was changed after registration).
 */
export async function verifyRegistered(registered: RegisteredModel, signal?: AbortSignal): Promise<void> {
  const { artifact } = registered.version;
  if (artifact !== undefined) await registered.registry.store.verifyArtifact(artifact, signal);
}

/** What a registered version deploys as: its artifact (a local file or an S3 object) or its image. */
function sourceOf(version: ModelVersion, registry: Registry): ModelSource {
  const { artifact, image, env, framework, frameworkVersion, pyVersion } = version;
  const info = { framework, frameworkVersion, pyVersion };
  if (artifact === undefined) {
    if (image === undefined) {
      throw new InvalidArgumentError(
        'ref',
        `${version.name}:${version.version} in ${registry.store.description} has neither an artifact nor an image.`,
      );
    }
    return { kind: 'image', imageUri: image, ...(env === undefined ? {} : { env }) };
  }
  if (artifact.uri.startsWith('s3://')) {
    return {
      kind: 's3',
      uri: artifact.uri,
      ...info,
      ...(image === undefined ? {} : { image }),
      ...(env === undefined ? {} : { env }),
    };
  }
  return { kind: 'file', path: artifact.uri, ...info };
}
