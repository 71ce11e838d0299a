/**
 * The function's manifest, `modelship.json` at the root of the zip: which file the runtime loads, and with which
 * Local runner. Packaging decides it with the Local target's own rules (`findModelFile`) and writes it; the
 * runtime only reads it, so the function never guesses and loads exactly what Local would have loaded.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, normalize } from 'node:path';

/** The manifest's name, at the root of the function's package. */
export const MANIFEST_FILE = 'modelship.json';

/** What `modelship.json` holds. */
export interface FunctionManifest {
  /** Bumped when the layout changes, so a runtime refuses a package it cannot read. */
  readonly version: 1;
  /** Which Local runner loads the model. */
  readonly runner: 'onnx' | 'handler';
  /** The `.onnx` file or handler module, relative to the package root, with `/` separators: `model/iris.onnx`. */
  readonly model: string;
}

/**
 * Reads the manifest of the package at `root` and returns the model's absolute path and runner.
 * @throws Error when it is missing or not a manifest this runtime reads (a broken package).
 */
export async function readManifest(root: string): Promise<{ runner: FunctionManifest['runner']; path: string }> {
  const text = await readFile(join(root, MANIFEST_FILE), 'utf8');
  const manifest = JSON.parse(text) as Partial<FunctionManifest>;
  const model = manifest.model;
  if (
    manifest.version !== 1 ||
    (manifest.runner !== 'onnx' && manifest.runner !== 'handler') ||
    typeof model !== 'string' ||
    isAbsolute(model) ||
    normalize(model).startsWith('..')
  ) {
    throw new Error(`${MANIFEST_FILE} is not a version 1 modelship manifest: ${text.slice(0, 200)}`);
  }
  return { runner: manifest.runner, path: join(root, model) };
}
