/**
 * Where modelship's own code is on disk, to find files that ship with it (the prebuilt Lambda runtime) and the
 * packages installed next to it (onnxruntime-node, an optional peer dependency).
 */
import { fileURLToPath } from 'node:url';

/**
 * This module's file: a `dist/…` module of the published package (every chunk sits directly in `dist/`), or
 * `src/targets/lambda/package/module-location.ts` when modelship runs from its sources.
 */
export function modelshipModuleFile(): string {
  // The CommonJS build has __filename and no import.meta; the ES module build has import.meta.url.
  return typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
}
