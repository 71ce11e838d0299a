/**
 * The registry the CLI works with: `--registry` (a folder, `s3://bucket/prefix`, or `sagemaker`) or else the
 * config's `registry`.
 */

import type { AwsConfig } from '../../aws/config.js';
import { InvalidArgumentError } from '../../errors.js';
import { Registry } from '../../registry/registry.js';
import { inDir } from './model.js';
import type { ParsedConfig } from './schema/config.js';

type RegistrySpec = NonNullable<ParsedConfig['registry']>;

const S3_PREFIX = /^s3:\/\/([^/]+)\/?(.*)$/;

/** The registry a config's `registry` describes; a `local` folder is taken from `dir`. */
export function registryOf(spec: RegistrySpec, dir: string, aws: AwsConfig): Registry {
  if ('local' in spec) return Registry.local(inDir(dir, spec.local));
  if ('s3' in spec) return Registry.s3({ ...spec.s3, aws });
  return Registry.sagemaker({ ...spec.sagemaker, aws });
}

/**
 * The registry `--registry` names: a folder (from `cwd`), `s3://bucket/prefix`, or `sagemaker` (its bucket and
 * prefix from the config's `registry.sagemaker`, or `sagemaker://bucket/prefix`).
 * @param configured - the config's `registry`, when it has one.
 * @throws {@link InvalidArgumentError} (`argument: 'registry'`) when `sagemaker` has no bucket to use.
 */
export function registryFromFlag(
  flag: string,
  cwd: string,
  aws: AwsConfig,
  configured: RegistrySpec | undefined,
): Registry {
  const s3 = S3_PREFIX.exec(flag);
  if (s3) return Registry.s3({ bucket: s3[1] ?? '', ...(s3[2] ? { prefix: s3[2] } : {}), aws });
  const sagemaker = /^sagemaker:\/\/([^/]+)\/?(.*)$/.exec(flag);
  if (sagemaker) {
    return Registry.sagemaker({
      artifactBucket: sagemaker[1] ?? '',
      ...(sagemaker[2] ? { prefix: sagemaker[2] } : {}),
      aws,
    });
  }
  if (flag === 'sagemaker') {
    if (configured === undefined || !('sagemaker' in configured)) {
      throw new InvalidArgumentError(
        'registry',
        '--registry sagemaker needs a bucket for artifacts: pass --registry sagemaker://<bucket>/<prefix>, or set ' +
          'registry: { sagemaker: { artifactBucket } } in the config.',
      );
    }
    return Registry.sagemaker({ ...configured.sagemaker, aws });
  }
  if (flag.trim() === '') {
    throw new InvalidArgumentError('registry', '--registry needs a folder, s3://bucket/prefix or sagemaker.');
  }
  return Registry.local(inDir(cwd, flag));
}
