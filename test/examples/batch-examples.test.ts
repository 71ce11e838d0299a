import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('examples/batch-transform.ts', () => {
  it('runs the iris batch job offline on Local: ids joined back, one class per row', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/batch-transform.ts'], {
      timeout: 60_000,
    });
    expect(stdout).toContain('progress: 2 of 2 objects, 150 records');
    expect(stdout).toContain('job iris-batch-local: Completed, 150 records → 2 files');
    expect(stdout).toMatch(/^id-1 → setosa \(id-1,[\d.e-]+,[\d.e-]+,[\d.e-]+\)$/m);
  });
});
