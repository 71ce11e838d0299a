/**
 * Artifacts in the local registry: copies under `artifacts/<sha256>/<fileName>`. A single file is copied as it is;
 * a folder is packaged as `model.tar.gz` (the same reproducible archive SageMaker gets). The SHA-256 is taken of
 * the copy, not of the original, so a file changed while being copied cannot be recorded under a wrong hash.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, link, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { AbortedError, IntegrityError, InvalidArgumentError, NotFoundError } from '../../../errors.js';
import { packageModel } from '../../../model/artifact/package.js';
import { sha256File } from '../../../model/artifact/sha256.js';
import type { ArtifactInput } from '../../store.js';
import type { RegisteredArtifact } from '../../types.js';
import { syncFile, syncFolder } from './atomic-file.js';
import type { LocalLayout } from './layout.js';

const ARCHIVE_SUFFIXES = ['.tar.gz', '.tgz'];

/**
 * Copies (or packages) `input` into the registry folder.
 * @throws {@link InvalidArgumentError} for an S3 artifact (the local registry keeps local files) or a missing file.
 * @throws {@link IntegrityError} when a stored copy with the same SHA-256 no longer has it.
 */
export async function storeLocalArtifact(
  layout: LocalLayout,
  input: ArtifactInput,
  signal?: AbortSignal,
): Promise<RegisteredArtifact> {
  if (input.kind === 's3') {
    throw new InvalidArgumentError(
      'model',
      `The local registry keeps local files only, and ${input.uri} is in S3. Download it and register the file ` +
        '(Model.fromFile), or use a registry kept in S3 (Registry.s3).',
    );
  }
  await mkdir(layout.incoming, { recursive: true });
  if (input.kind === 'directory') {
    // packageModel writes into a folder of its own inside the registry, so the move into place is a link on one
    // file system, not a second copy.
    const workDir = await mkdtemp(join(layout.incoming, 'package-'));
    try {
      const packaged = await packageModel(input, { workDir, signal });
      await syncFile(packaged.path);
      return await place(layout, packaged.path, 'model.tar.gz', 'tar.gz', signal);
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  }
  const fileName = basename(input.path);
  const info = await stat(input.path).catch(() => undefined);
  if (info === undefined || !info.isFile()) {
    throw new InvalidArgumentError('path', `Cannot register ${input.path}: there is no such file.`);
  }
  const temp = join(layout.incoming, `${process.pid}-${randomBytes(6).toString('hex')}-${fileName}`);
  try {
    checkAborted(signal);
    await copyFile(input.path, temp);
    await syncFile(temp);
    const packaging = ARCHIVE_SUFFIXES.some((suffix) => fileName.endsWith(suffix)) ? 'tar.gz' : 'file';
    return await place(layout, temp, fileName, packaging, signal);
  } finally {
    await rm(temp, { force: true });
  }
}

/**
 * Re-hashes a stored artifact.
 * @throws {@link IntegrityError} when its size or SHA-256 differs from the record.
 * @throws {@link NotFoundError} when the file is gone.
 */
export async function verifyLocalArtifact(artifact: RegisteredArtifact, signal?: AbortSignal): Promise<void> {
  const path = artifact.uri;
  if (!isAbsolute(path)) {
    throw new InvalidArgumentError('artifact', `The local registry cannot check ${path}: it is not a local file path.`);
  }
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) {
    throw new NotFoundError(`The registered artifact ${path} is gone: it was deleted from the registry folder.`, {
      resource: { kind: 'registry artifact', name: path },
    });
  }
  const sha256 = info.size === artifact.bytes ? await sha256File(path, { signal }) : undefined;
  if (sha256 === artifact.sha256) return;
  throw new IntegrityError(
    `The registered artifact ${path} was changed after it was registered: ` +
      (sha256 === undefined
        ? `it has ${info.size} bytes, not the ${artifact.bytes} recorded.`
        : `its SHA-256 is ${sha256}, not the ${artifact.sha256} recorded.`) +
      ' It will not be deployed. Register the model again from a trusted copy.',
    path,
  );
}

// Moves a finished copy to its content-addressed place. When the place is taken, the same bytes are already
// stored; they are checked, since the new version will point at them.
async function place(
  layout: LocalLayout,
  temp: string,
  fileName: string,
  packaging: RegisteredArtifact['packaging'],
  signal: AbortSignal | undefined,
): Promise<RegisteredArtifact> {
  const [sha256, { size }] = await Promise.all([sha256File(temp, { signal }), stat(temp)]);
  const artifact: RegisteredArtifact = {
    uri: layout.artifact(sha256, fileName),
    sha256,
    bytes: size,
    packaging,
    fileName,
  };
  await mkdir(dirname(artifact.uri), { recursive: true });
  try {
    await link(temp, artifact.uri);
    await syncFolder(dirname(artifact.uri));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    await verifyLocalArtifact(artifact, signal);
  }
  return artifact;
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortedError('Storing the artifact was aborted through its AbortSignal.');
}
