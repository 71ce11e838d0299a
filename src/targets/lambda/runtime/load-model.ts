/**
 * Loads the function's model with the Local target's own loader, once per execution environment.
 */
import { loadRunner } from '../../local/load.js';
import { readManifest } from './manifest.js';
import type { LoadedModel } from './serve.js';

/**
 * Loads the model the manifest at `root` names. Never throws: a failure is kept and reported on every request,
 * because a package that cannot load does not fix itself, and a clear answer beats Lambda's opaque init error.
 */
export async function loadFunctionModel(root: string): Promise<LoadedModel> {
  try {
    const model = await readManifest(root);
    // Lambda hands an execution environment one event at a time, so there is never a second request to batch with.
    const runner = await loadRunner(model, { batching: false });
    return { ok: true, runner };
  } catch (error) {
    console.error('modelship: the model could not be loaded:', error);
    return { ok: false, error };
  }
}
