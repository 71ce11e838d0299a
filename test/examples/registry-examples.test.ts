import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as promoteRollback } from '../../examples/registry-promote-rollback.js';
import { Registry } from '../../src/registry/registry.js';

// examples/registry-promote-rollback.ts runs here as users run it: offline, over a local registry folder, with real
// ONNX models on the real Local target.

const run = promisify(execFile);
const EXAMPLE = 'examples/registry-promote-rollback.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'modelship-registry-example-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('registry-promote-rollback example', () => {
  it('promotes only validated candidates, rejects the rest, and rolls production back', async () => {
    const registryDir = join(dir, 'registry');
    const lines: string[] = [];
    const result = await promoteRollback({ registryDir, log: (line) => lines.push(line) });
    const out = lines.join('\n');

    expect(result.releases.map((r) => [r.candidate, r.version, r.passed, r.approval])).toEqual([
      ['baseline', '1', true, 'approved'],
      ['hurried', '2', false, 'rejected'],
      ['compact', '3', true, 'approved'],
    ]);
    expect(result.releases[1]?.accuracy).toBeLessThan(0.95);
    expect(result).toMatchObject({ rolledBackFrom: '3', production: '1' });

    expect(out).toContain('Candidate baseline: registered as iris version 1');
    expect(out).toMatch(/pass {2}accuracy 0\.980 \(>= 0\.950\)/);
    expect(out).toMatch(/FAIL {2}accuracy 0\.8\d\d \(>= 0\.950\)/);
    expect(out).toContain('✗ rejected; iris@production stays at version 1');
    expect(out).toContain('✓ approved and promoted staging → production: iris@production → version 3');
    expect(out).toMatch(/ {4}3 {2}compact {3}approved .*← production, staging/);
    expect(out).toContain('Incident: iris@production (version 3) misbehaves');
    expect(out).toContain('deployment.rollback(): iris@production → version 1, redeployed');
    expect(out).toMatch(/production → 3: promote from staging \(was 1\)\n.*production → 1: rollback \(was 3\)$/);

    // What the script says is what the registry holds.
    const registry = Registry.local(registryDir);
    await expect(registry.approval('iris', '2')).resolves.toBe('rejected');
    expect((await registry.get('iris', 'production')).version).toBe('1');
    const v3 = await registry.get('iris', '3');
    expect(v3).toMatchObject({
      metadata: { candidate: 'compact', hidden: '4', epochs: '40' },
      lineage: { dataset: 'scripts/data/iris.csv', seed: '7' },
      contentTypes: ['application/json'],
    });
    expect(v3.metrics.training_accuracy).toBeGreaterThan(0.95);
  }, 60_000);

  it('run again on the same registry: numbers go on, and rollback returns to the version before', async () => {
    const registryDir = join(dir, 'registry');
    const result = await promoteRollback({ registryDir, log: () => {} });
    expect(result.releases.map((r) => r.version)).toEqual(['4', '5', '6']);
    expect(result).toMatchObject({ rolledBackFrom: '6', production: '4' });
  }, 60_000);

  it('says there is nothing to roll back to when only one candidate ever reached production', async () => {
    const lines: string[] = [];
    // 0.975: the baseline (0.980) passes, the compact candidate (0.973) does not.
    const result = await promoteRollback({
      registryDir: join(dir, 'one-release'),
      minAccuracy: 0.975,
      log: (line) => lines.push(line),
    });
    expect(result.releases.map((r) => r.passed)).toEqual([true, false, false]);
    expect(result).toMatchObject({ rolledBackFrom: '1', production: '1' });
    expect(lines.join('\n')).toContain('nothing to roll back to: iris@production has no earlier version');
  }, 60_000);

  it('runs from the command line, and fails the job when no candidate passes', async () => {
    const ok = await run(process.execPath, ['--import', 'tsx', EXAMPLE], { timeout: 60_000 });
    expect(ok.stdout).toContain('✓ approved and promoted staging → production: iris@production → version 1');
    expect(ok.stdout).toContain('deployment.rollback(): iris@production → version 1, redeployed');

    const failed = await run(process.execPath, ['--import', 'tsx', EXAMPLE, '--min-accuracy', '0.99'], {
      timeout: 60_000,
    }).catch((error: { code?: number; stdout?: string }) => error);
    expect('code' in failed ? failed.code : 0).toBe(1);
    expect(failed.stdout).toContain('No candidate reached production: nothing to roll back.');
  }, 90_000);
});
