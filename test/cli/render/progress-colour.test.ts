/**
 * listr2 colours through colorette, which decides from the process's own terminal and environment when it loads.
 * Here colorette is forced on (as on a developer's terminal), so the test proves the renderer's own switch:
 * colour codes when `io.color`, none without, whatever the process's terminal says.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { progressRenderer as ProgressRenderer } from '../../../src/cli/render/progress.js';
import { testIO } from '../support/io.js';
import { ARTIFACT, manualClock } from './events.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes (SGR) are what this looks for.
const COLOUR = /\u001b\[[0-9;]*m/;

let progressRenderer: typeof ProgressRenderer;

beforeAll(async () => {
  vi.stubEnv('FORCE_COLOR', '1');
  vi.resetModules();
  ({ progressRenderer } = await import('../../../src/cli/render/progress.js'));
});

async function run(color: boolean): Promise<string> {
  const { io, stdout } = testIO({ interactive: true, color });
  const progress = progressRenderer(io, 'deploy', { now: manualClock().now });
  progress.onEvent({ type: 'apply-started', name: 'churn', steps: [ARTIFACT] });
  progress.onEvent({ type: 'step-started', step: ARTIFACT });
  progress.onEvent({ type: 'step-failed', step: ARTIFACT, error: new Error('Access Denied') });
  await progress.close();
  return stdout.text();
}

describe('progressRenderer on a terminal that supports colour', () => {
  it('colours the task list when io.color', async () => {
    expect(await run(true)).toContain('\u001b[31m✖');
  });

  it('writes no colour code at all without io.color, only the cursor movement a redraw needs', async () => {
    const text = await run(false);
    expect(text).toContain('✖ create S3 object');
    expect(text).not.toMatch(COLOUR);
  });
});
