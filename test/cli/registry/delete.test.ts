/**
 * `registry delete` never deletes without a yes: `--yes` in a script, an answer at a terminal. Without either it
 * is bad usage (exit 2) and the version stays.
 */
import { confirm } from '@clack/prompts';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type CliRun, json, run, workspace, writeModel } from './support.js';

vi.mock('@clack/prompts', () => ({ confirm: vi.fn(), isCancel: () => false }));

let cwd: string;

beforeEach(async () => {
  vi.mocked(confirm).mockReset();
  cwd = await workspace();
  await writeModel(cwd, 'model.onnx', 'a model');
  expect((await cli(['registry', 'register', 'churn', 'model.onnx'])).code).toBe(0);
});

/** `modelship <args> --registry ./registry`; `tty` pretends a person is at a terminal. */
function cli(args: string[], tty = false): Promise<CliRun> {
  return run([...args, '--registry', './registry'], { cwd, tty });
}

async function versions(): Promise<string[]> {
  const listed = json<{ versions: { version: string }[] }>(await cli(['registry', 'list', 'churn', '--json']));
  return listed.versions.map((v) => v.version);
}

describe('modelship registry delete', () => {
  it('off a terminal without --yes: exit 2, says to pass --yes, and the version stays', async () => {
    const refused = await cli(['registry', 'delete', 'churn', '1']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/Delete version 1 of churn: refused, this is not a terminal\. Pass --yes/);
    expect(refused.stdout).toBe('');
    expect(await versions()).toEqual(['1']);
  });

  it('with --json and without --yes: exit 2 and an error document, never a question', async () => {
    const refused = await cli(['registry', 'delete', 'churn', '1', '--json'], true);
    expect(refused.code).toBe(2);
    expect(json(refused)).toMatchObject({ error: { code: 'CLI' } });
    expect(confirm).not.toHaveBeenCalled();
    expect(await versions()).toEqual(['1']);
  });

  it('at a terminal: asks, and keeps the version when the answer is no', async () => {
    vi.mocked(confirm).mockResolvedValueOnce(false);
    const kept = await cli(['registry', 'delete', 'churn', '1'], true);
    expect(confirm).toHaveBeenCalledWith(expect.objectContaining({ message: 'Delete version 1 of churn?' }));
    expect(kept.code).toBe(1);
    expect(kept.stdout).toBe('Nothing deleted.\n');
    expect(await versions()).toEqual(['1']);
  });

  it('at a terminal: deletes when the answer is yes', async () => {
    vi.mocked(confirm).mockResolvedValueOnce(true);
    const deleted = await cli(['registry', 'delete', 'churn', '1'], true);
    expect(deleted).toMatchObject({ code: 0, stdout: 'Deleted churn@1.\n' });
    expect(await versions()).toEqual([]);
  });

  it('does not ask about a version that does not exist', async () => {
    const missing = await cli(['registry', 'delete', 'churn', '7'], true);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('churn has no version 7');
    expect(confirm).not.toHaveBeenCalled();
  });

  it('refuses an alias where a version is expected, before anything is read', async () => {
    const refused = await cli(['registry', 'delete', 'churn', 'production', '--yes']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('version is "production"; a version must be a whole number');
    expect(await versions()).toEqual(['1']);
  });
});
