// examples/validate-before-promote.ts runs offline as a user copies it: a passing validation, and a failing gate.
import { describe, expect, it } from 'vitest';
import { main } from '../../../examples/validate-before-promote.js';

describe('examples/validate-before-promote', () => {
  it('deploys iris locally, validates it and prints the report', async () => {
    const lines: string[] = [];
    const report = await main({ durationS: 0.2, minRps: 5, log: (line) => lines.push(line) });
    expect(report.passed).toBe(true);
    expect(lines.join('\n')).toMatch(/^Validation of Local endpoint iris-candidate .*: PASSED \(4\/4 checks passed\)/);

    const failing = await main({ durationS: 0.2, minRps: 5, minAccuracy: 0.99, log: () => {} });
    expect(failing.passed).toBe(false);
    expect(failing.failures.map((c) => c.name)).toEqual(['accuracy']);
  });
});
