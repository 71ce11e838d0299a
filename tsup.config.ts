import { build } from 'esbuild';
import { defineConfig } from 'tsup';
import { lambdaRuntimeBuild } from './src/targets/lambda/package/runtime-build.js';

export default defineConfig({
  // One entry per public subpath: `modelship/predictor` must not pull in the control plane, and
  // `modelship/predictor/lambda` adds only the Lambda client (or, for Function URLs, the request signer).
  entry: {
    index: 'src/index.ts',
    predictor: 'src/predictor.ts',
    'predictor/lambda': 'src/predict/transports/lambda/index.ts',
    local: 'src/local.ts',
    // The `modelship` binary (package.json `bin`): commands over the public API, sharing its chunks.
    cli: 'src/cli/bin.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: false,
  target: 'node20',
  platform: 'node',
  splitting: true,
  treeshake: true,
  // import.meta.url in the CommonJS build: packaging finds dist/lambda-runtime.mjs next to itself.
  shims: true,
  // The Lambda function's handler: one self-contained module that packageFunction copies into each zip as
  // index.mjs. Built after the entries, so the first build's `clean` cannot remove it.
  async onSuccess() {
    await build(lambdaRuntimeBuild(process.cwd(), 'dist/lambda-runtime.mjs'));
  },
});
