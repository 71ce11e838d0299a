/**
 * The bytes of the function's `index.mjs`. The published package ships it prebuilt (`dist/lambda-runtime.mjs`,
 * made by the package build), because esbuild is only a development dependency. When modelship runs from its
 * TypeScript sources (its tests, `tsx` examples) there is no prebuilt file, and it is bundled from the sources with
 * the same options, so the function always runs the code next to it.
 */
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { InvalidArgumentError } from '../../../errors.js';
import { modelshipModuleFile } from './module-location.js';
import { lambdaRuntimeBuild, RUNTIME_BUNDLE_FILE } from './runtime-build.js';

let cached: Promise<Uint8Array> | undefined;

/**
 * The runtime bundle, read or built once per process.
 * @throws {@link InvalidArgumentError} when the prebuilt bundle is missing from a built modelship (a broken install).
 */
export function runtimeBundle(): Promise<Uint8Array> {
  if (cached === undefined) {
    const loading = loadBundle(modelshipModuleFile());
    cached = loading;
    loading.catch(() => {
      if (cached === loading) cached = undefined;
    });
  }
  return cached;
}

async function loadBundle(moduleFile: string): Promise<Uint8Array> {
  if (extname(moduleFile) === '.ts') return bundleFromSources(resolve(dirname(moduleFile), '../../../..'));
  const path = join(dirname(moduleFile), RUNTIME_BUNDLE_FILE);
  try {
    return await readFile(path);
  } catch (error) {
    throw new InvalidArgumentError(
      'model',
      `modelship's Lambda runtime (${path}) is missing, so the function's package cannot be built. ` +
        'Reinstall modelship; if you build modelship yourself, run its package build (npm run build).',
      { cause: error },
    );
  }
}

async function bundleFromSources(root: string): Promise<Uint8Array> {
  // A computed name: the package build must not bundle esbuild, a development dependency, into modelship.
  const esbuildName = 'esbuild';
  const esbuild = (await import(esbuildName)) as typeof import('esbuild');
  const result = await esbuild.build(lambdaRuntimeBuild(root));
  const output = result.outputFiles?.[0];
  if (output === undefined) throw new Error('esbuild produced no Lambda runtime bundle.');
  return output.contents;
}
