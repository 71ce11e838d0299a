/**
 * The model `registry register` takes in: a local file, a local folder (packaged as `model.tar.gz` by the
 * registry) or an `s3://` artifact, with the framework the flags name.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Model } from '../../../deploy/model.js';
import { InvalidArgumentError } from '../../../errors.js';
import type { Framework, FrameworkInfo } from '../../../model/source.js';

/** The flags of `register` that describe how the model is served. */
export interface ArtifactFlags {
  readonly framework?: string;
  readonly frameworkVersion?: string;
}

/**
 * The model at `artifact`: relative paths are found from `cwd`.
 * @throws {@link InvalidArgumentError} when the path does not exist or the framework is unknown.
 */
export async function modelAt(cwd: string, artifact: string, flags: ArtifactFlags): Promise<Model> {
  const info: FrameworkInfo = {
    // Model checks the name against the frameworks it knows and says which are allowed.
    ...(flags.framework === undefined ? {} : { framework: flags.framework as Framework }),
    ...(flags.frameworkVersion === undefined ? {} : { frameworkVersion: flags.frameworkVersion }),
  };
  if (artifact.startsWith('s3://')) return Model.fromS3(artifact, info);
  const path = resolve(cwd, artifact);
  const found = await stat(path).catch(() => undefined);
  if (found?.isDirectory() === true) return Model.fromDirectory(path, info);
  if (found?.isFile() === true) return Model.fromFile(path, info);
  throw new InvalidArgumentError(
    'artifact',
    `${artifact} is ${found === undefined ? 'not there' : 'neither a file nor a folder'} (looked at ${path}): give ` +
      'a model file, a folder, or an s3://bucket/key artifact.',
  );
}
