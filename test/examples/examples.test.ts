import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

// The examples are what users copy: each one runs here exactly as the docs say, offline.
async function runExample(file: string): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', file], { timeout: 60_000 });
  return stdout;
}

describe('examples', () => {
  it('npm run demo deploys iris locally, predicts, and tears down', async () => {
    const out = await runExample('examples/demo.ts');
    expect(out).toMatch(/\[5\.1,3\.5,1\.4,0\.2\] → setosa/);
    expect(out).toMatch(/\[6\.7,3,5\.2,2\.3\] → virginica/);
    expect(out).toMatch(/p50 [\d.]+ ms, p99 [\d.]+ ms/);
    expect(out).toMatch(/150 rows in [\d.]+ ms, 147\/150 correct/);
    expect(out).toMatch(/Tearing down[\s\S]*✓ Local server[\s\S]*✓ Local model/);
  }, 90_000);

  it('local-onnx serves ONNX and a streaming handler', async () => {
    const out = await runExample('examples/local-onnx.ts');
    expect(out).toContain('ping: 200');
    expect(out).toContain('labels as CSV: "0\\n2\\n"');
    expect(out).toMatch(/model error 400: Input "float_input" expects float32 \[N, 4\]/);
    expect(out).toContain('streamed: one chunk per word');
  }, 90_000);

  it('predictor-backend maps model answers and bad requests to HTTP', async () => {
    const out = await runExample('examples/predictor-backend.ts');
    expect(out).toContain('→ 200 {"labels":[0,2]}');
    expect(out).toMatch(/\[\[1,2\]\] → 400/);
  }, 90_000);
});
