/**
 * The serving container of a model on SageMaker: which image, which artifact, which environment. Image and
 * artifact are checked before anything is created: an unknown framework version or an artifact in another region
 * would otherwise only show as a `Failed` endpoint minutes later.
 */
import type { AwsContext } from '../../aws/context.js';
import { InvalidArgumentError } from '../../errors.js';
import { checkS3Artifact } from '../../model/artifact/check-s3.js';
import { checkEnvironment } from '../../model/environment.js';
import { frameworkImage, type Placement } from '../../model/images/framework-image.js';
import type { ModelSource } from '../../model/source.js';
import type { Container } from './design.js';

/** A container and what identifies its artifact's content. */
export interface ResolvedContainer {
  readonly container: Container;
  /** The artifact's ETag or SHA-256: a changed artifact at the same URL makes a new model. */
  readonly artifactIdentity?: string;
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
