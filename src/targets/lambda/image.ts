/**
 * `Model.fromImage` on Lambda: the function runs a container image from ECR (`PackageType: 'Image'`) that
 * modelship neither builds nor inspects. Lambda pulls only from a private ECR repository in the function's own
 * region, so the URI is checked for that form before any call; the image must implement the Lambda runtime API
 * (the AWS base images do).
 */
import type { FunctionCodeLocation } from '@aws-sdk/client-lambda';
import { InvalidArgumentError } from '../../errors.js';
import type { ImageSource } from '../../model/source.js';
import type { PlannedCode } from './code.js';

// <account>.dkr.ecr.<region>.amazonaws.com[.cn]/<repo>[:tag|@sha256:digest], repository names as ECR allows them.
const ECR_IMAGE_URI =
  /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/((?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*)(?::[\w][\w.-]{0,127}|@sha256:[a-f0-9]{64})?$/;

/** The parts of an ECR image URI that Lambda cares about. */
export interface EcrImage {
  readonly account: string;
  readonly region: string;
}

/**
 * Checks that `uri` names an image in a private ECR repository.
 * @throws {@link InvalidArgumentError} (argument `model`) for any other registry or form.
 */
export function checkEcrImage(uri: string): EcrImage {
  const match = ECR_IMAGE_URI.exec(uri);
  if (match === null) {
    throw new InvalidArgumentError(
      'model',
      `Lambda runs container images from a private ECR repository only; ${JSON.stringify(uri)} is not of the form ` +
        '<account>.dkr.ecr.<region>.amazonaws.com/<repository>[:tag|@sha256:digest]. Push the image to ECR first.',
    );
  }
  return { account: match[1] as string, region: match[2] as string };
}

/**
 * Checks that the image is in the function's region, which Lambda requires (another account is possible, with a
 * repository policy that lets that account and Lambda pull).
 * @throws {@link InvalidArgumentError} when the regions differ.
 */
export function checkImageRegion(uri: string, region: string): void {
  const image = checkEcrImage(uri);
  if (image.region !== region) {
    throw new InvalidArgumentError(
      'model',
      `The image ${uri} is in ${image.region}, but the function is deployed to ${region}; Lambda pulls images from ` +
        `its own region only. Replicate the image to ECR in ${region} (ECR replication) and use that URI.`,
    );
  }
}

/**
 * True when the function's code is the image `uri`: GetFunction gives back the URI as it was given (`ImageUri`),
 * and the digest it resolved to (`ResolvedImageUri`), which a spec pinned by digest matches.
 */
export function runsImage(location: FunctionCodeLocation | undefined, uri: string): boolean {
  return location?.ImageUri === uri || location?.ResolvedImageUri === uri;
}

/** The code of an image function: nothing to upload, only the URI to hand to Lambda. */
export function planImageCode(source: ImageSource): PlannedCode {
  return {
    desired: { packageType: 'Image', imageUri: source.imageUri },
    summary: `image ${source.imageUri}`,
    steps: [],
    code: async () => ({ ImageUri: source.imageUri }),
  };
}
