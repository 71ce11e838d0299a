/**
 * `modelship/predictor/lambda` is an entry of its own: it may load the Lambda client and the signer, but nothing
 * of the control plane, and `modelship/predictor` must not load it.
 */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// modelship's own code in the entry, minified, packages left out.
const LAMBDA_ENTRY_BUDGET_BYTES = 48 * 1024;

async function bundle(entry: string) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    write: false,
    metafile: true,
  });
  const inputs = Object.keys(result.metafile.inputs);
  const packages = new Set(
    Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)),
  );
  return { bytes: result.outputFiles[0]!.contents.byteLength, inputs, packages: [...packages] };
}

describe('the Lambda predictor entry', () => {
  it('loads only the Lambda client, the signer and the credential chain, and the runtime protocol of src/targets', async () => {
    const { bytes, inputs, packages } = await bundle('src/predict/transports/lambda/index.ts');
    expect(bytes).toBeLessThan(LAMBDA_ENTRY_BUDGET_BYTES);
    const allowed = ['@aws-sdk/client-lambda', '@aws-sdk/credential-provider-node'];
    expect(packages.filter((p) => !p.startsWith('node:') && !p.startsWith('@smithy/') && !allowed.includes(p))).toEqual(
      [],
    );
    expect(inputs.filter((f) => /^src\/(deploy|aws|cli|registry|monitor|scaling)\//.test(f))).toEqual([]);
    expect(inputs.filter((f) => f.startsWith('src/targets/')).sort()).toEqual([
      'src/targets/lambda/runtime/protocol.ts',
      'src/targets/local/server/wire.ts',
    ]);
  });

  it('is not loaded by modelship/predictor', async () => {
    const { inputs, packages } = await bundle('src/predictor.ts');
    expect(inputs.filter((f) => f.startsWith('src/predict/transports/lambda/'))).toEqual([]);
    expect(packages).not.toContain('@aws-sdk/client-lambda');
  });
});
