/**
 * The `InferenceSpecification` and description of a version's model package: what SageMaker Studio shows, and what
 * "Deploy" from the Model Registry console or `CreateModel` with the package's ARN would run. SageMaker requires a
 * container image on every package; a version without an image of its own gets its framework's CPU serving image
 * for the region (the registry record keeps no image, so a deployment still picks the image for its own instance
 * type, GPU included). A version that has neither cannot be in the SageMaker Model Registry.
 */
import type { InferenceSpecification } from '@aws-sdk/client-sagemaker';
import { InvalidArgumentError } from '../../../errors.js';
import { checkEnvironment } from '../../../model/environment.js';
import { frameworkImage } from '../../../model/images/framework-image.js';
import type { ModelVersion } from '../../types.js';

// `ModelPackageFrameworkVersion` in the SageMaker API model: other versions stay in the record only.
const FRAMEWORK_VERSION = /^[0-9]\.[A-Za-z0-9.-]{1,8}$/;
const MAX_DESCRIPTION = 1024;

/**
 * The inference specification of a version.
 * @param region - the region of the model registry.
 * @throws {@link InvalidArgumentError} when the version has no image and no framework image can be found for it,
 * when its artifact is not a `.tar.gz` in S3 (SageMaker serves nothing else), or its environment breaks
 * SageMaker's limits.
 */
export function inferenceSpecification(version: ModelVersion, region: string): InferenceSpecification {
  const { artifact, framework, frameworkVersion } = version;
  if (artifact !== undefined && !/^s3:\/\/.+\.(tar\.gz|tgz)$/.test(artifact.uri)) {
    throw new InvalidArgumentError(
      'artifact',
      `The artifact ${artifact.uri} is not a model.tar.gz in S3, which is all a SageMaker model package can point ` +
        "to: take the artifact into the store with this store's storeArtifact() first.",
    );
  }
  let image = version.image;
  if (image === undefined) {
    try {
      image = frameworkImage(version, { region, instanceType: undefined });
    } catch (error) {
      throw new InvalidArgumentError(
        'image',
        `The SageMaker Model Registry needs a container image for every version, and ${version.name} ` +
          `${version.version} has none of its own: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
  const environment = checkEnvironment(version.env);
  return {
    Containers: [
      {
        Image: image,
        ...(artifact === undefined ? {} : { ModelDataUrl: artifact.uri }),
        ...(environment === undefined ? {} : { Environment: { ...environment } }),
        ...(framework === undefined ? {} : { Framework: framework.toUpperCase() }),
        ...(frameworkVersion !== undefined && FRAMEWORK_VERSION.test(frameworkVersion)
          ? { FrameworkVersion: frameworkVersion }
          : {}),
      },
    ],
    ...(version.contentTypes === undefined || version.contentTypes.length === 0
      ? {}
      : { SupportedContentTypes: [...version.contentTypes] }),
  };
}

/**
 * The package description: the version's own, made fit for SageMaker's `EntityDescription` (at most 1024
 * characters, no control characters such as line breaks). The record keeps it unchanged.
 */
export function packageDescription(version: ModelVersion): string {
  const text = (version.description ?? `${version.name} ${version.version}, registered by modelship`)
    .replace(/[^\p{L}\p{M}\p{Z}\p{S}\p{N}\p{P}]+/gu, ' ')
    .trim();
  return [...text].slice(0, MAX_DESCRIPTION).join('');
}
