/**
 * The files that go into a model archive, in a fixed order. A folder is walked here rather than by the tar library
 * so that the order does not depend on the file system (`readdir` order differs between machines) and so that
 * symbolic links are checked before anything is written.
 */
import type { Dirent, Stats } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InvalidArgumentError } from '../../errors.js';
import type { DirectorySource, FileSource } from '../source.js';

/** What to archive: paths relative to `cwd`, each becoming the entry of that name. */
export interface ModelFiles {
  /** The folder the entries are relative to. */
  readonly cwd: string;
  /** Entry names (`/`-separated), folders before their contents, sorted by name at each level. */
  readonly entries: readonly string[];
  /** How many of `entries` are files (the others are folders). */
  readonly fileCount: number;
}

/**
 * Lists what an archive of `source` holds. A folder's links are followed when they stay inside the folder (their
 * targets are archived as ordinary files and folders, so the archive does not depend on the link layout).
 * @throws {@link InvalidArgumentError} (`argument: 'path'`) when the file or folder is missing, the folder holds no
 * file, a link leads outside the folder, is broken or makes a loop, or an entry is neither a file nor a folder.
 */
export async function collectModelFiles(source: FileSource | DirectorySource): Promise<ModelFiles> {
  const path = resolve(source.path);
  const stats = await statOrThrow(path, source.kind === 'file' ? 'The model file' : 'The model folder');
  if (source.kind === 'file') {
    if (!stats.isFile()) throw invalid(`${path} is not a file. Use Model.fromDirectory() for a folder.`);
    return { cwd: dirname(path), entries: [basename(path)], fileCount: 1 };
  }
  if (!stats.isDirectory()) throw invalid(`${path} is not a folder. Use Model.fromFile() for a single file.`);
  const root = await realpath(path);
  const entries: string[] = [];
  const fileCount = await walk({ path, root, entries }, '', new Set([root]));
  if (fileCount === 0) {
    throw invalid(`The model folder ${path} holds no file: there is nothing to deploy. Put the model's files in it.`);
  }
  return { cwd: path, entries, fileCount };
}

interface WalkState {
  /** The folder as given. */
  readonly path: string;
  /** Its real path, which links must stay inside. */
  readonly root: string;
  readonly entries: string[];
}

async function walk(state: WalkState, folder: string, ancestors: ReadonlySet<string>): Promise<number> {
  const children = await readdir(join(state.path, folder), { withFileTypes: true });
  // Code-unit order, not localeCompare: the same on every machine and locale.
  children.sort((a: Dirent, b: Dirent) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let files = 0;
  for (const child of children) {
    const name = folder === '' ? child.name : `${folder}/${child.name}`;
    const onDisk = join(state.path, name);
    let stats = await lstat(onDisk);
    let real = onDisk;
    if (stats.isSymbolicLink()) {
      real = await followLink(state, onDisk);
      stats = await stat(onDisk);
    }
    if (stats.isDirectory()) {
      const realFolder = await realpath(onDisk);
      if (ancestors.has(realFolder)) {
        throw invalid(`The link ${onDisk} leads back to a folder that contains it, which would repeat forever.`);
      }
      state.entries.push(name);
      files += await walk(state, name, new Set([...ancestors, realFolder]));
    } else if (stats.isFile()) {
      state.entries.push(name);
      files += 1;
    } else {
      throw invalid(`${real} is neither a file nor a folder (a socket, pipe or device): it cannot be archived.`);
    }
  }
  return files;
}

async function followLink(state: WalkState, link: string): Promise<string> {
  let target: string;
  try {
    target = await realpath(link);
  } catch (error) {
    throw invalid(`The link ${link} is broken: what it points to does not exist.`, error);
  }
  if (isInside(state.root, target)) return target;
  throw invalid(
    `The link ${link} points to ${target}, outside the model folder ${state.path}. Links must stay inside the ` +
      'folder, so that the archive holds only what the folder does: copy the file into the folder instead.',
  );
}

/** True when `path` is `folder` or inside it (both absolute). */
export function isInside(folder: string, path: string): boolean {
  const rest = relative(folder, path);
  return rest === '' || (rest !== '..' && !rest.startsWith(`..${sep}`) && !isAbsolute(rest));
}

async function statOrThrow(path: string, what: string): Promise<Stats> {
  try {
    return await stat(path);
  } catch (error) {
    throw invalid(`${what} ${path} does not exist or cannot be read.`, error);
  }
}

function invalid(message: string, cause?: unknown): InvalidArgumentError {
  return new InvalidArgumentError('path', message, cause === undefined ? {} : { cause });
}
