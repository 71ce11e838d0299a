import { defineConfig } from 'tsup';

export default defineConfig({
  // One entry per public subpath: `modelship/predictor` must not pull in the control plane.
  entry: {
    index: 'src/index.ts',
    predictor: 'src/predictor.ts',
    local: 'src/local.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: false,
  target: 'node20',
  platform: 'node',
  splitting: true,
  treeshake: true,
});
