/**
 * AsyncPredictor stays off the control plane: from src/predict/async/index.ts the static import graph reaches
 * only the SageMaker Runtime and S3 clients (and Smithy's utilities), and nothing of deploy, targets or aws.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';
import { expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

it('AsyncPredictor imports only the runtime and S3 clients', () => {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const { fileName } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (fileName.startsWith('.')) {
        const target = resolve(dirname(file), fileName.replace(/\.js$/, '.ts'));
        expect(existsSync(target)).toBe(true);
        visit(target);
      } else if (!fileName.startsWith('node:')) {
        const parts = fileName.split('/');
        packages.add(fileName.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!);
      }
    }
  };
  visit(resolve(root, 'src/predict/async/index.ts'));
  const allowed = ['@aws-sdk/client-sagemaker-runtime', '@aws-sdk/client-s3'];
  expect([...packages].filter((p) => !allowed.includes(p) && !p.startsWith('@smithy/'))).toEqual([]);
  const paths = [...files].map((f) => relative(root, f));
  expect(paths.filter((f) => /^src\/(deploy|targets|aws|cli|registry|monitor|scaling)\//.test(f))).toEqual([]);
});
