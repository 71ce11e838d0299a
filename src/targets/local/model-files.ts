/**
 * Which runner serves a model source, decided from the deployment's own files when it is planned (read-only):
 * a `.onnx` file runs in onnxruntime, a JavaScript module is a handler, and a folder holds either a handler
 * (`handler.js` or `handler.mjs`) or exactly one `.onnx` file (or one named `model.onnx`). Requests never name
 * files: only the paths decided here are ever read.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { InvalidArgumentError, NotFoundError } from '../../errors.js';
import type { ModelSource } from '../../model/source.js';

/** The file a runner loads, and which runner. */
export interface LocalModelFile {
  readonly runner: 'onnx' | 'handler';
  /** Absolute path of the `.onnx` file or handler module. */
  readonly path: string;
}

const HANDLER_EXTENSIONS = new Set(['.js', '.mjs', '.cjs']);
// In a folder, a handler takes precedence over an .onnx file: a handler often wraps the model next to it.
const HANDLER_NAMES = ['handler.js', 'handler.mjs'];

/**
 * What a `file` source is, from its name and framework alone (no I/O), for `validate`.
 * @throws {@link InvalidArgumentError} when it is neither an ONNX model nor a JavaScript module.
 */
export function fileRunner(path: string, framework: string | undefined): LocalModelFile['runner'] {
  const extension = extname(path).toLowerCase();
  if (HANDLER_EXTENSIONS.has(extension)) return 'handler';
  if (extension === '.onnx' || framework === 'onnx') return 'onnx';
  throw new InvalidArgumentError(
    'model',
    `The Local target runs ONNX models (.onnx) and JavaScript handlers (.js, .mjs); ${basename(path)}` +
      `${framework ? ` (${framework})` : ''} is neither. Convert the model to ONNX (for example with skl2onnx, ` +
      'tf2onnx or torch.onnx), or write a handler that loads it and use Model.fromHandler.',
  );
}

/**
 * Finds the file to serve for a local source (read-only).
 * @throws {@link NotFoundError} when the file or folder does not exist.
 * @throws {@link InvalidArgumentError} when it is not a model the Local target can run, or a folder without
 *   exactly one thing to serve.
 */
export async function findModelFile(source: ModelSource): Promise<LocalModelFile> {
  switch (source.kind) {
    case 'file':
      await expectFile(source.path);
      return { runner: fileRunner(source.path, source.framework), path: source.path };
    case 'handler':
      await expectFile(source.path);
      return { runner: 'handler', path: source.path };
    case 'directory':
      return findInDirectory(source.path);
    default:
      throw new InvalidArgumentError('model', `The Local target cannot serve a model of kind ${source.kind}.`);
  }
}

async function expectFile(path: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (!info) {
    throw new NotFoundError(`The model file ${path} does not exist.`, { resource: { kind: 'Model file', name: path } });
  }
  if (!info.isFile()) {
    throw new InvalidArgumentError('model', `${path} is not a file. For a folder, use Model.fromDirectory.`);
  }
}

async function findInDirectory(dir: string): Promise<LocalModelFile> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOTDIR') {
      throw new InvalidArgumentError('model', `${dir} is not a folder. For one file, use Model.fromFile.`);
    }
    throw new NotFoundError(`The model folder ${dir} does not exist.`, {
      resource: { kind: 'Model folder', name: dir },
      cause: error,
    });
  });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
  const handler = HANDLER_NAMES.find((name) => files.includes(name));
  if (handler) return { runner: 'handler', path: join(dir, handler) };
  if (files.includes('model.onnx')) return { runner: 'onnx', path: join(dir, 'model.onnx') };
  const models = files.filter((name) => extname(name).toLowerCase() === '.onnx');
  if (models.length === 1) return { runner: 'onnx', path: join(dir, models[0]!) };
  const found = files.length === 0 ? 'it has no files' : `it has ${listed(files)}`;
  throw new InvalidArgumentError(
    'model',
    `The model folder ${dir} must contain a handler.js (or handler.mjs) exporting predict(input, context), or ` +
      `exactly one .onnx file (or one named model.onnx); ${models.length > 1 ? `it has ${models.length} .onnx files (${listed(models)}): rename the one to serve model.onnx` : found}.`,
  );
}

function listed(names: readonly string[]): string {
  const shown = names.slice(0, 10).join(', ');
  return names.length > 10 ? `${shown} and ${names.length - 10} more` : shown;
}
