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
  it('npm run demo deploys iris from a local registry, predicts, promotes, rolls back, and tears down', async () => {
    const out = await runExample('examples/demo.ts');
    expect(out).toMatch(/\[5\.1,3\.5,1\.4,0\.2\] → setosa/);
    expect(out).toMatch(/\[6\.7,3,5\.2,2\.3\] → virginica/);
    expect(out).toMatch(/p50 [\d.]+ ms, p99 [\d.]+ ms/);
    expect(out).toMatch(/150 rows in [\d.]+ ms, 147\/150 correct/);

    // The registry step: version 1 behind production, version 2 promoted, found worse, rolled back.
    expect(out).toMatch(/iris version 1 in \.tmp\/registry \(SHA-256 [0-9a-f]{12}…, \d+ bytes\)/);
    expect(out).toContain('iris@production → version 1');
    expect(out).toContain('serving iris version 1 at http://127.0.0.1:');
    expect(out).toContain('promoted staging → production: iris@production → version 2');
    const worse = /deployed iris@production: version 2 at http:\/\/127\.0\.0\.1:\d+, (\d+)\/150 correct/.exec(out);
    expect(Number(worse?.[1])).toBeLessThan(147);
    expect(out).toMatch(
      /rolled back: iris@production → version 1, version 1 serves at http:\/\/127\.0\.0\.1:\d+, 147\/150 correct/,
    );
    expect(out).toMatch(/set {6}→ version 1\n.*promote {2}→ version 2 from staging\n.*rollback → version 1\n/);

    // Every server it started is stopped: the first deployment, version 2's, and the rolled-back one.
    const teardown = out.slice(out.indexOf('Tearing down'));
    expect(teardown.match(/✓ Local server \(version \d/g)).toHaveLength(3);
    expect(teardown.match(/✓ Local model \(version \d/g)).toHaveLength(3);

    // A second run starts from a fresh registry and tells the same story.
    const again = await runExample('examples/demo.ts');
    expect(again).toMatch(/iris version 1 in \.tmp\/registry/);
    expect(again).toMatch(/rolled back: iris@production → version 1, version 1 serves at .*, 147\/150 correct/);
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
