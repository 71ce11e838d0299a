/**
 * Packaging of local models as the `model.tar.gz` SageMaker expects: the model's files at the root of the archive
 * and, for framework containers, a `code/` folder with `inference.py` and `requirements.txt`. A folder is archived
 * as it is, so its own `code/` folder stays `code/`.
 *
 * The archive is reproducible: entries in a fixed order, and every entry with the same mtime, no owner (uid/gid 0,
 * no user or group name) and a mode of 0644 or 0755. The same files therefore give the same bytes and the same
 * SHA-256 on any machine with the same zlib, which is what lets an upload of an unchanged model be skipped.
 */
import { mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { create, type WriteEntry } from 'tar';
import { AbortedError, InvalidArgumentError } from '../../errors.js';
import type { DirectorySource, FileSource } from '../source.js';
import { collectModelFiles, isInside } from './collect.js';
import { sha256File } from './sha256.js';

/** The name SageMaker's framework containers look for, and what the archive is written as. */
export const ARCHIVE_NAME = 'model.tar.gz';

// Not the epoch: GNU tar warns about "implausibly old" time stamps of 1970 when extracting.
const ENTRY_MTIME = new Date('2000-01-01T00:00:00Z');
const ARCHIVE_SUFFIXES = ['.tar.gz', '.tgz'];

/** Options of {@link packageModel}. */
export interface PackageModelOptions {
  /**
   * The folder to write `model.tar.gz` into; it is created when missing and must not be inside the model folder.
   * @default a new folder in the OS temp folder
   */
  readonly workDir?: string;
  /** Stops packaging; the promise then rejects with {@link AbortedError}. */
  readonly signal?: AbortSignal;
}

/** A packaged model. */
export interface PackagedModel {
  /** The archive on disk. */
  readonly path: string;
  /** SHA-256 of the archive, lower-case hex. */
  readonly sha256: string;
  /** Size of the archive in bytes. */
  readonly bytes: number;
  /** The archive's entries, in order (folders without their trailing `/`). */
  readonly entries: readonly string[];
  /**
   * True when `path` is a new file modelship wrote (delete it when done); false when the source was already a
   * `.tar.gz` archive and `path` is that file itself.
   */
  readonly created: boolean;
}

/**
 * Packages a model file or folder as `model.tar.gz`. A file that already is a `.tar.gz` or `.tgz` archive is used as
 * it is (hashed, not repacked), since it is taken to be a ready-made SageMaker artifact.
 *
 * @throws {@link InvalidArgumentError} (`argument: 'path'`) when the file or folder is missing, the folder is empty,
 * or a link in it leads outside it; (`argument: 'workDir'`) when `workDir` is inside the model folder.
 * @throws {@link AbortedError} when `signal` aborts.
 * @example
 * ```ts
 * const model = await packageModel({ kind: 'directory', path: '/work/churn-model' });
 * // { path: '/tmp/modelship-x1/model.tar.gz', sha256: '9f86…', bytes: 18231, entries: [...], created: true }
 * ```
 */
export async function packageModel(
  source: FileSource | DirectorySource,
  options: PackageModelOptions = {},
): Promise<PackagedModel> {
  checkAborted(options.signal);
  if (source.kind === 'file' && ARCHIVE_SUFFIXES.some((suffix) => source.path.endsWith(suffix))) {
    return readyMade(source, options);
  }
  const files = await collectModelFiles(source);
  const workDir = await prepareWorkDir(source, options.workDir);
  const path = join(workDir, ARCHIVE_NAME);
  // Written under a temporary name and renamed, so a reader never sees half an archive (and two runs sharing a
  // work folder do not write into the same file).
  const partial = `${path}.${process.pid}.${Date.now()}.partial`;
  try {
    checkAborted(options.signal);
    await create(
      {
        file: partial,
        cwd: files.cwd,
        gzip: true,
        // No uid, gid, user or group names, atime or ctime, and no OS byte in the gzip header.
        portable: true,
        mtime: ENTRY_MTIME,
        // The entries are listed by collectModelFiles, in order: tar must not add a folder's contents itself.
        noDirRecurse: true,
        // Links were checked to stay inside the folder; their targets are archived as ordinary entries.
        follow: true,
        // A file that changes or disappears while being archived fails the packaging rather than being skipped.
        strict: true,
        onWriteEntry: fixMode,
      },
      [...files.entries],
    );
    checkAborted(options.signal);
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    if (error instanceof AbortedError) throw error;
    throw new InvalidArgumentError('path', `Cannot package ${source.path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const [sha256, { size }] = await Promise.all([sha256File(path, options), stat(path)]);
  return { path, sha256, bytes: size, entries: files.entries, created: true };
}

// Permissions as a umask-independent function of the input: 0755 for folders and files the owner may execute,
// 0644 for the rest. The file type bits are kept.
function fixMode(entry: WriteEntry): void {
  const stats = entry.stat;
  if (stats === undefined) return;
  const executable = stats.isDirectory() || (stats.mode & 0o100) !== 0;
  stats.mode = (stats.mode & ~0o7777) | (executable ? 0o755 : 0o644);
}

async function readyMade(source: FileSource, options: PackageModelOptions): Promise<PackagedModel> {
  const files = await collectModelFiles(source);
  const path = join(files.cwd, files.entries[0] ?? '');
  const [sha256, { size }] = await Promise.all([sha256File(path, options), stat(path)]);
  return { path, sha256, bytes: size, entries: [], created: false };
}

async function prepareWorkDir(source: FileSource | DirectorySource, workDir: string | undefined): Promise<string> {
  if (workDir === undefined) return mkdtemp(join(tmpdir(), 'modelship-'));
  const dir = resolve(workDir);
  if (source.kind === 'directory' && isInside(resolve(source.path), dir)) {
    throw new InvalidArgumentError(
      'workDir',
      `The work folder ${dir} is inside the model folder ${source.path}: the next archive would hold this one. ` +
        'Choose a folder outside it.',
    );
  }
  await mkdir(dir, { recursive: true });
  return dir;
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortedError('Packaging the model was aborted through its AbortSignal.');
}
