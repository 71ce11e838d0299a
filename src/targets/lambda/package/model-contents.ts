/**
 * The model's part of a function package: its files under `model/`, and the manifest that tells the runtime which
 * of them to load with which Local runner. The choice is the Local target's own (`findModelFile`), so a source
 * runs the same file in a function as it does locally.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { InvalidArgumentError } from '../../../errors.js';
import { collectModelFiles } from '../../../model/artifact/collect.js';
import { findModelFile, type LocalModelFile } from '../../local/model-files.js';
import { type FunctionManifest, MANIFEST_FILE } from '../runtime/manifest.js';
import type { PackageableSource } from './types.js';
import type { ZipInput } from './zip-writer.js';

/** The folder of the zip the model's files go in. */
export const MODEL_FOLDER = 'model';

/** The model's zip entries and its manifest. */
export interface ModelContents {
  readonly inputs: ZipInput[];
  readonly manifest: FunctionManifest;
}

const encoder = new TextEncoder();

/**
 * Reads what to package for `source` (read-only).
 * @throws {@link InvalidArgumentError} for a source the Local runners cannot run, pointing to container images.
 * @throws NotFoundError when the file or folder does not exist.
 */
export async function modelContents(source: PackageableSource): Promise<ModelContents> {
  const kind = (source as { kind?: unknown }).kind;
  if (kind !== 'file' && kind !== 'directory' && kind !== 'handler') {
    throw new InvalidArgumentError(
      'model',
      `modelship packages ONNX models and JavaScript handlers for Lambda; a model of kind ${String(kind)} cannot be ` +
        'packaged. Deploy a container image with Model.fromImage instead.',
    );
  }
  const found = await findForLambda(source);
  // A handler is one module; a folder goes in whole, as it would into a SageMaker archive.
  const root = source.kind === 'directory' ? source.path : dirname(source.path);
  const { entries } = await collectModelFiles(
    source.kind === 'directory' ? { kind: 'directory', path: source.path } : { kind: 'file', path: source.path },
  );
  const inputs: ZipInput[] = [];
  for (const entry of entries) {
    const file = join(root, entry);
    const info = await stat(file);
    if (info.isFile()) inputs.push({ name: `${MODEL_FOLDER}/${entry}`, size: info.size, file });
  }
  const model = `${MODEL_FOLDER}/${relative(root, found.path).split(sep).join('/')}`;
  const moduleType = await handlerModuleType(found, inputs);
  if (moduleType !== undefined) inputs.push(json(`${MODEL_FOLDER}/package.json`, { type: moduleType }));
  const manifest: FunctionManifest = { version: 1, runner: found.runner, model };
  inputs.push(json(MANIFEST_FILE, manifest));
  return { inputs, manifest };
}

async function findForLambda(source: PackageableSource): Promise<LocalModelFile> {
  try {
    return await findModelFile(source);
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    throw new InvalidArgumentError(
      'model',
      `A Lambda function runs its model with the Local target's runners, so the same rules apply: ${error.message} ` +
        'For any other model, deploy a container image with Model.fromImage.',
      { cause: error },
    );
  }
}

/**
 * The module type of a `.js` handler, from the `package.json` nearest to it, when the package would otherwise lose
 * it: in the zip, `model/` is no longer inside the project whose `"type"` made the handler an ES module (or
 * CommonJS). Undefined when the package carries its own `model/package.json`, or when no `package.json` decided
 * it (Node's default then applies in both places).
 */
async function handlerModuleType(
  found: LocalModelFile,
  inputs: readonly ZipInput[],
): Promise<'module' | 'commonjs' | undefined> {
  if (found.runner !== 'handler' || !found.path.endsWith('.js')) return undefined;
  if (inputs.some((input) => input.name === `${MODEL_FOLDER}/package.json`)) return undefined;
  let dir = dirname(found.path);
  while (true) {
    const text = await readFile(join(dir, 'package.json'), 'utf8').catch(() => undefined);
    if (text !== undefined) {
      const type = (JSON.parse(text) as { type?: unknown }).type;
      return type === 'module' ? 'module' : 'commonjs';
    }
    if (dirname(dir) === dir || basename(dir) === 'node_modules') return undefined;
    dir = dirname(dir);
  }
}

function json(name: string, value: unknown): ZipInput {
  const data = encoder.encode(`${JSON.stringify(value, null, 2)}\n`);
  return { name, size: data.byteLength, data };
}
