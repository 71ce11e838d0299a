/**
 * Builds a Lambda function's .zip package for a model the Local target can run: the runtime handler
 * (`index.mjs`, which runs the model with the Local runners), the model under `model/` with its manifest, and for
 * ONNX models onnxruntime-node with the binary of the function's architecture.
 */
import { mkdir, mkdtemp, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AbortedError, InvalidArgumentError } from '../../../errors.js';
import { checkUnzippedSize, MAX_DIRECT_UPLOAD_BYTES } from './limits.js';
import { modelContents } from './model-contents.js';
import { onnxRuntimeFiles } from './onnxruntime-files.js';
import { runtimeBundle } from './runtime-bundle.js';
import type { LambdaFunctionPackage, PackageableSource, PackageFunctionOptions } from './types.js';
import { writeZip, type ZipInput } from './zip-writer.js';

/** The runtime's file in the zip; with its `handler` export, the function's `Handler` is `index.handler`. */
export const HANDLER_FILE = 'index.mjs';

/**
 * Packages `source` for a Lambda function of `options.architecture`. Only reads the source and the installed
 * onnxruntime-node; writes one zip into `options.workDir`. The same inputs give the same zip, byte for byte.
 *
 * @example
 * ```ts
 * const built = await packageFunction({ kind: 'file', path: '/models/iris.onnx' }, { architecture: 'arm64' });
 * // built.entries: ['index.mjs', 'model/iris.onnx', 'modelship.json', 'node_modules/onnxruntime-common/…',
 * //   'node_modules/onnxruntime-node/bin/napi-v6/linux/arm64/libonnxruntime.so.1', …]
 * // built.needsS3Upload: false when under 50 MB
 * ```
 * @throws {@link InvalidArgumentError} for a source the Local runners cannot run, an unknown architecture, or files
 *   over Lambda's 250 MB unzipped limit (checked before anything is written; the message points to container
 *   images).
 * @throws NotFoundError when the model file or folder does not exist.
 * @throws DependencyMissingError for an ONNX model when onnxruntime-node is not installed.
 * @throws {@link AbortedError} when `options.signal` aborts.
 */
export async function packageFunction(
  source: PackageableSource,
  options: PackageFunctionOptions,
): Promise<LambdaFunctionPackage> {
  const { architecture, signal } = options;
  if (architecture !== 'x86_64' && architecture !== 'arm64') {
    throw new InvalidArgumentError(
      'architecture',
      `architecture must be 'x86_64' or 'arm64' (Lambda's architectures); got ${String(architecture)}.`,
    );
  }
  checkAborted(signal);
  const model = await modelContents(source);
  const runtime = model.manifest.runner === 'onnx' ? await onnxRuntimeFiles(architecture) : [];
  const bundle = await runtimeBundle();
  const inputs: ZipInput[] = [
    { name: HANDLER_FILE, size: bundle.byteLength, data: bundle },
    ...model.inputs,
    ...runtime,
  ];
  const names = new Set<string>();
  for (const { name } of inputs) {
    // A model folder cannot collide (it is under model/), but a duplicate would make a zip Lambda half-extracts.
    if (names.has(name)) throw new InvalidArgumentError('model', `The package would hold ${name} twice.`);
    names.add(name);
  }
  const unzippedBytes = checkUnzippedSize(new Map(inputs.map((input) => [input.name, input.size])));
  checkAborted(signal);

  const workDir = options.workDir ?? (await mkdtemp(join(tmpdir(), 'modelship-lambda-')));
  await mkdir(workDir, { recursive: true });
  const unnamed = join(workDir, `function-${architecture}.zip`);
  const written = await writeZip(inputs, unnamed, signal);
  // Named by content, so packages of other models or versions in the same folder never overwrite each other.
  const path = join(workDir, `function-${written.sha256.slice(0, 12)}.zip`);
  await rename(unnamed, path);
  return {
    path,
    sha256: written.sha256,
    codeSha256: Buffer.from(written.sha256, 'hex').toString('base64'),
    bytes: written.bytes,
    unzippedBytes,
    entries: [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    handler: 'index.handler',
    needsS3Upload: written.bytes > MAX_DIRECT_UPLOAD_BYTES,
    architecture,
    runner: model.manifest.runner,
    model: model.manifest.model,
  };
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortedError('Packaging the function was aborted.', { cause: signal.reason });
}
