/**
 * The serving image of a model that names its framework: the framework's own SageMaker or Deep Learning Container
 * image for where the model will run. Shared by the SageMaker targets and the SageMaker Model Registry store.
 */
import { InvalidArgumentError } from '../../errors.js';
import type { FrameworkInfo } from '../source.js';
import { resolveImageUri } from './resolve.js';

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
