import { describe, expect, it } from 'vitest';
import { DependencyMissingError, isModelshipError } from '../../../../src/errors.js';
import { loadOrt } from '../../../../src/targets/local/onnx/load-ort.js';

function notFound(specifier: string, code: string): Error {
  return Object.assign(new Error(`Cannot find package '${specifier}' imported from /app/index.js`), { code });
}

describe('loadOrt', () => {
  it('loads the installed onnxruntime-node once', async () => {
    const ort = await loadOrt();
    expect(typeof ort.InferenceSession.create).toBe('function');
    expect(typeof ort.Tensor).toBe('function');
    expect(await loadOrt()).toBe(ort);
  });

  it('says which package to install when it is missing, from ESM or CommonJS', async () => {
    for (const code of ['ERR_MODULE_NOT_FOUND', 'MODULE_NOT_FOUND']) {
      const error = await loadOrt(() => Promise.reject(notFound('onnxruntime-node', code))).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DependencyMissingError);
      expect(isModelshipError(error) && error.code).toBe('DEPENDENCY_MISSING');
      expect((error as DependencyMissingError).packageName).toBe('onnxruntime-node');
      expect((error as Error).message).toMatch(/Run: npm install onnxruntime-node/);
      expect((error as Error).cause).toBeInstanceOf(Error);
    }
  });

  it('passes other load failures through, and accepts a flattened module', async () => {
    const broken = new Error('libonnxruntime.so.1: cannot open shared object file');
    await expect(loadOrt(() => Promise.reject(broken))).rejects.toBe(broken);
    const missingOther = notFound('some-other-package', 'ERR_MODULE_NOT_FOUND');
    await expect(loadOrt(() => Promise.reject(missingOther))).rejects.toBe(missingOther);
    const flat = { InferenceSession: { create: async () => ({}) }, Tensor: class {} };
    expect(await loadOrt(async () => flat)).toBe(flat);
    await expect(loadOrt(async () => ({ default: {} }))).rejects.toBeInstanceOf(DependencyMissingError);
  });
});
