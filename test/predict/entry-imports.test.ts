/**
 * `modelship/predictor` must stay small: a backend that only calls a model must not load the control plane.
 * Walks the static import graph from src/predictor.ts (the `modelship/predictor` entry) (type-only imports included: they are harmless at
 * run time, but would still show the wrong dependency direction).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

function importGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      if (fileName.startsWith('.')) {
        const target = resolve(dirname(file), fileName.replace(/\.js$/, '.ts'));
        if (!existsSync(target)) throw new Error(`${relative(root, file)} imports ${fileName}, which does not exist`);
        visit(target);
      } else if (!fileName.startsWith('node:')) {
        const parts = fileName.split('/');
        packages.add(fileName.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!);
      }
    }
  };
  visit(entry);
  return { files: [...files].map((f) => relative(root, f)).sort(), packages: [...packages].sort() };
}

describe('the predictor entry', () => {
  const { files, packages } = importGraph(resolve(root, 'src/predictor.ts'));

  it('imports no control-plane client', () => {
    for (const banned of [
      '@aws-sdk/client-sagemaker',
      '@aws-sdk/client-s3',
      '@aws-sdk/client-lambda',
      '@aws-sdk/client-iam',
      '@aws-sdk/client-sts',
      '@aws-sdk/client-cloudwatch',
      '@aws-sdk/client-application-auto-scaling',
      '@aws-sdk/lib-storage',
    ]) {
      expect(packages).not.toContain(banned);
    }
    // And, positively, only the runtime client and Smithy's small utilities.
    expect(packages.filter((p) => p !== '@aws-sdk/client-sagemaker-runtime' && !p.startsWith('@smithy/'))).toEqual([]);
  });

  it('imports nothing of deploy, targets or aws', () => {
    expect(files.filter((f) => /^src\/(deploy|targets|aws|cli|registry|monitor|scaling)\//.test(f))).toEqual([]);
    expect(files).toContain('src/predict/predictor.ts');
    expect(files).toContain('src/errors.ts');
  });
});
