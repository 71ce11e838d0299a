import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// `modelship/predictor` is what backends and Lambda functions load on every cold start: keep its own code small
// and its dependencies to the SageMaker Runtime client. Budgets are for modelship's code, minified, packages left out.
const PREDICTOR_BUDGET_BYTES = 48 * 1024;

describe('modelship/predictor bundle', () => {
  it('stays within its size budget and pulls in no control-plane package', async () => {
    const result = await build({
      entryPoints: ['src/predictor.ts'],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'node',
      packages: 'external',
      write: false,
      metafile: true,
    });
    const bytes = result.outputFiles[0]!.contents.byteLength;
    expect(bytes).toBeLessThan(PREDICTOR_BUDGET_BYTES);

    const external = new Set(
      Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)),
    );
    const packages = [...external].filter((p) => !p.startsWith('node:'));
    expect(packages.filter((p) => p !== '@aws-sdk/client-sagemaker-runtime' && !p.startsWith('@smithy/'))).toEqual([]);
  });
});
