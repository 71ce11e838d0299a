/**
 * The serving container of a model on SageMaker: which image, which artifact, which environment. Image and
 * artifact are checked before anything is created: an unknown framework version or an artifact in another region
 * would otherwise only show as a `Failed` endpoint minutes later.
 */
import type { AwsContext } from '../../aws/context.js';
import { InvalidArgumentError } from '../../errors.js';
import { checkS3Artifact } from '../../model/artifact/check-s3.js';
import { resolveImageUri } from '../../model/images/resolve.js';
import type { FrameworkInfo, ModelSource } from '../../model/source.js';
import type { Container } from './design.js';

/** A container and what identifies its artifact's content. */
export interface ResolvedContainer {
  readonly container: Container;
  /** The artifact's ETag or SHA-256: a changed artifact at the same URL makes a new model. */
  readonly artifactIdentity?: string;
}

const ENVIRONMENT_KEY = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const MAX_ENVIRONMENT = 100;

/** Where a container will run: the region, and the instance type (`undefined` for serverless, which is CPU). */
export interface Placement {
  readonly region: string;
  readonly instanceType: string | undefined;
}

/**
 * Asserts that a model names its framework and version, so its framework's serving container can be chosen.
 * @throws {@link InvalidArgumentError} saying what to give instead.
 */
export function requireFramework(
  info: FrameworkInfo,
): asserts info is FrameworkInfo & Required<Pick<FrameworkInfo, 'framework' | 'frameworkVersion'>> {
  if (info.framework === undefined || info.frameworkVersion === undefined) {
    throw new InvalidArgumentError(
      'framework',
      'SageMaker needs a serving container: give framework and frameworkVersion (e.g. { framework: "sklearn", ' +
        'frameworkVersion: "1.2-1" }) to use the framework\'s own image, or image (Model.fromS3) / Model.fromImage ' +
        'for a container of your own.',
    );
  }
}

/** The framework image for `info` at `placement`. */
export function frameworkImage(info: FrameworkInfo, placement: Placement): string {
  requireFramework(info);
  const { framework, frameworkVersion, pyVersion } = info;
  return resolveImageUri({
    framework,
    frameworkVersion,
    region: placement.region,
    ...(pyVersion === undefined ? {} : { pyVersion }),
    ...(placement.instanceType === undefined ? {} : { instanceType: placement.instanceType }),
  });
}

/**
 * The container for a model already in S3 or in a container image. Checks the S3 artifact (it exists, in
 * `region`) with read-only calls.
 * @throws {@link InvalidArgumentError} for a source SageMaker cannot serve from here, an unknown framework
 * version, or an artifact in another region; {@link NotFoundError} for a missing artifact.
 */
export async function remoteContainer(
  source: ModelSource,
  aws: AwsContext,
  placement: Placement,
  signal?: AbortSignal,
): Promise<ResolvedContainer> {
  const { region } = placement;
  switch (source.kind) {
    case 's3': {
      const environment = checkEnvironment(source.env);
      const Image = source.image ?? frameworkImage(source, placement);
      const artifact = await checkS3Artifact(aws, source.uri, region, { signal });
      return {
        container: { Image, ModelDataUrl: source.uri, ...(environment ? { Environment: environment } : {}) },
        artifactIdentity: artifact.sha256 ?? artifact.etag,
      };
    }
    case 'image': {
      const environment = checkEnvironment(source.env);
      let artifactIdentity: string | undefined;
      if (source.modelData !== undefined) {
        const artifact = await checkS3Artifact(aws, source.modelData, region, { signal });
        artifactIdentity = artifact.sha256 ?? artifact.etag;
      }
      return {
        container: {
          Image: source.imageUri,
          ...(source.modelData === undefined ? {} : { ModelDataUrl: source.modelData }),
          ...(environment ? { Environment: environment } : {}),
        },
        ...(artifactIdentity === undefined ? {} : { artifactIdentity }),
      };
    }
    case 'handler':
      throw new InvalidArgumentError(
        'model',
        `A JavaScript handler (${source.path}) runs on the Local target only. For SageMaker, package the model ` +
          'for a framework container (Model.fromDirectory with framework and frameworkVersion) or build an image.',
      );
    default:
      // Local files are uploaded first; their container is made from the upload (see artifact steps).
      throw new InvalidArgumentError('model', `A ${source.kind} source is not in S3 or a registry yet.`);
  }
}

/**
 * Checks container environment variables against SageMaker's limits.
 * @throws {@link InvalidArgumentError} naming the variable at fault.
 */
export function checkEnvironment(
  env: Readonly<Record<string, string>> | undefined,
): Readonly<Record<string, string>> | undefined {
  if (env === undefined) return undefined;
  const entries = Object.entries(env);
  if (entries.length > MAX_ENVIRONMENT) {
    throw new InvalidArgumentError('env', `env has ${entries.length} variables; SageMaker allows ${MAX_ENVIRONMENT}.`);
  }
  for (const [key, value] of entries) {
    if (!ENVIRONMENT_KEY.test(key) || key.length > 1024) {
      throw new InvalidArgumentError(
        `env.${key}`,
        `"${key}" is not an environment variable name SageMaker takes: letters, digits and _, not starting with a digit.`,
      );
    }
    if (typeof value !== 'string' || value.length > 1024) {
      throw new InvalidArgumentError(`env.${key}`, `env.${key} must be a string of at most 1024 characters.`);
    }
  }
  return env;
}
