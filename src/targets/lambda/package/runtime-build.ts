/**
 * How the function's handler is bundled into one ES module: shared by the package build (tsup.config.ts, which
 * writes `dist/lambda-runtime.mjs`) and by packaging when modelship runs from its TypeScript sources, so both make
 * the same `index.mjs`. Type-only imports: the published package never loads esbuild.
 */
import type { BuildOptions } from 'esbuild';

/** The runtime's entry, relative to the modelship package root. */
export const RUNTIME_ENTRY = 'src/targets/lambda/runtime/index.ts';

/** The prebuilt bundle's name, next to the built modelship modules in `dist/`. */
export const RUNTIME_BUNDLE_FILE = 'lambda-runtime.mjs';

/**
 * esbuild options that bundle the runtime from the package root `root`.
 * @param outfile - Where to write it; without one, the bundle is returned in memory (`write: false`).
 */
export function lambdaRuntimeBuild(root: string, outfile?: string): BuildOptions {
  return {
    // A fixed working directory keeps the bundle's path comments, and so the zip's SHA-256, the same on every machine.
    absWorkingDir: root,
    entryPoints: [RUNTIME_ENTRY],
    bundle: true,
    platform: 'node',
    format: 'esm',
    // The oldest Node.js Lambda runtime modelship targets (nodejs20.x).
    target: 'node20',
    // Loaded from the zip's own node_modules, with the binary for the function's architecture.
    external: ['onnxruntime-node'],
    legalComments: 'none',
    logLevel: 'warning',
    ...(outfile === undefined ? { write: false, outfile: RUNTIME_BUNDLE_FILE } : { outfile }),
  };
}
