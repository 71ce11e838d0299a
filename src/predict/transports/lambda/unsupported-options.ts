/**
 * The per-call options of `predict` that only SageMaker understands. A Lambda function has no variants, model
 * files, inference components, containers or data capture; sending such an option there is a mistake worth an
 * error rather than silence (a caller A/B-testing with `targetVariant` must not get one model for both arms).
 */
import { InvalidArgumentError } from '../../../errors.js';
import type { InvokeRequest } from '../../transport.js';

const SAGEMAKER_ONLY = [
  'targetVariant',
  'targetModel',
  'inferenceId',
  'inferenceComponentName',
  'targetContainerHostname',
] as const;

/** @throws InvalidArgumentError naming the first SageMaker-only option set on `request`. */
export function rejectSageMakerOnlyOptions(request: InvokeRequest, description: string): void {
  for (const option of SAGEMAKER_ONLY) {
    if (request[option] !== undefined) {
      throw new InvalidArgumentError(
        option,
        `${option} is a SageMaker endpoint option; ${description} has no such thing. Leave it out (for a canary, Lambda splits traffic through the alias's routing configuration).`,
      );
    }
  }
}
