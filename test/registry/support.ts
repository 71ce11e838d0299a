/**
 * Helpers of the registry tests: a fresh registry folder per test, small model files, and a way to catch errors.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { Model } from '../../src/deploy/model.js';
import { Registry } from '../../src/registry/registry.js';
import { LocalRegistryStore } from '../../src/registry/stores/local/local-store.js';

const roots: string[] = [];
let counter = 0;

afterAll(async () => {
  await Promise.all(roots.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A new empty folder, removed after the test file. */
export async function tempDir(prefix = 'modelship-registry-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  roots.push(dir);
  return dir;
}

/** A registry in a new folder, with a fixed user and a clock that ticks one second per call. */
export async function newRegistry(): Promise<{ registry: Registry; store: LocalRegistryStore; dir: string }> {
  const dir = await tempDir();
  const store = new LocalRegistryStore(join(dir, 'registry'));
  let tick = Date.parse('2026-01-01T00:00:00Z');
  const clock = (): Date => {
    tick += 1000;
    return new Date(tick);
  };
  const registry = new Registry(store, { user: 'test@host', clock });
  return { registry, store, dir: store.dir };
}

/** A model file holding `content` (a few bytes stand in for an ONNX model: the registry never parses it). */
export async function modelFile(content: string, fileName = 'model.onnx'): Promise<Model> {
  const dir = await tempDir('modelship-model-');
  const path = join(dir, `${++counter}`, fileName);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, content);
  return Model.fromFile(path, { framework: 'onnx' });
}

/** The error `promise` rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error as Error & { code?: string },
  );
  if (outcome === undefined) throw new Error('expected the promise to reject, but it resolved');
  return outcome;
}

/** Every file under `dir`, relative, sorted (empty when `dir` does not exist). */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}
