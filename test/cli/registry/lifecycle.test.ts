/**
 * `modelship registry …` on a real local registry: a model goes from registration to production and back, and each
 * step's exit code, table and `--json` document are what a person or a script relies on.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, json, run, workspace, writeModel } from './support.js';

interface Listed {
  name: string;
  versions: {
    version: string;
    aliases: string[];
    approval: string;
    metrics: Record<string, number>;
    metadata: Record<string, string>;
  }[];
}

let cwd: string;
/** `modelship <args> --registry ./registry` in the test's folder. */
const registry = (...args: string[]): Promise<CliRun> => run([...args, '--registry', './registry'], { cwd });

beforeAll(async () => {
  cwd = await workspace();
  await writeModel(cwd, 'v1/model.onnx', 'first model');
  await writeModel(cwd, 'v2/model.onnx', 'second model');
});

describe('modelship registry: from registration to production and back', () => {
  it('registers a file with its metrics, metadata and an alias, and prints the new version', async () => {
    const first = await registry(
      'registry',
      'register',
      'churn',
      'v1/model.onnx',
      '--framework',
      'onnx',
      '--metric',
      'auc=0.91',
      '--metric',
      'f1=0.8',
      '--meta',
      'owner=ml-team',
      '--description',
      'first cut',
      '--content-type',
      'application/json',
      '--alias',
      'staging',
      '--json',
    );
    expect(first.code).toBe(0);
    const doc = json<{ version: Record<string, unknown>; alias: Record<string, unknown> }>(first);
    expect(doc.version).toMatchObject({
      name: 'churn',
      version: '1',
      framework: 'onnx',
      description: 'first cut',
      contentTypes: ['application/json'],
      metrics: { auc: 0.91, f1: 0.8 },
      metadata: { owner: 'ml-team' },
      artifact: { sha256: sha256('first model'), bytes: 11, packaging: 'file', fileName: 'model.onnx' },
    });
    expect(doc.alias).toMatchObject({ name: 'churn', alias: 'staging', version: '1' });

    const second = await registry('registry', 'register', 'churn', join(cwd, 'v2/model.onnx'), '--alias', 'staging');
    expect(second).toMatchObject({ code: 0, stderr: '' });
    expect(second.stdout).toContain('Registered churn@2');
    expect(second.stdout).toContain('churn@staging → 2');
  });

  it('lists the versions newest first, with the aliases pointing at each', async () => {
    const listed = await registry('registry', 'list', 'churn', '--json');
    expect(listed.code).toBe(0);
    const doc = json<Listed>(listed);
    expect(doc.name).toBe('churn');
    expect(doc.versions.map((v) => [v.version, v.aliases, v.approval])).toEqual([
      ['2', ['staging'], 'pending'],
      ['1', [], 'pending'],
    ]);
    expect(doc.versions[1]?.metrics).toEqual({ auc: 0.91, f1: 0.8 });

    const table = await registry('registry', 'list', 'churn');
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^VERSION\s+ALIASES\s+APPROVAL\s+FRAMEWORK\s+CREATED\s+METRICS$/);
    expect(lines[1]).toMatch(/^2\s+staging\s+pending\s+-\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\s+-$/);
    expect(lines[2]).toMatch(/^1\s+-\s+pending\s+onnx\s+\S+ \S+\s+auc=0.91 f1=0.8$/);
    // Not a terminal: no escape codes in a CI log.
    expect(table.stdout).not.toContain('\u001b[');
  });

  it('promotes an alias to production, or points it at a version', async () => {
    const promoted = await registry(
      'registry',
      'promote',
      'churn',
      '--from',
      'staging',
      '--to',
      'production',
      '--json',
    );
    expect(promoted.code).toBe(0);
    expect(json(promoted)).toMatchObject({ alias: 'production', version: '2', history: [{ reason: 'promote' }] });

    const set = await registry('registry', 'promote', 'churn', '--from', '1', '--to', 'production');
    expect(set.code).toBe(0);
    expect(set.stdout).toBe('churn@production → 1\n');
  });

  it('shows the version an alias points to: artifact, metrics, aliases, approval and its history', async () => {
    const shown = await registry('registry', 'show', 'churn@production', '--json');
    expect(shown.code).toBe(0);
    const doc = json<{ version: Record<string, unknown>; aliases: string[]; approval: string; history: unknown[] }>(
      shown,
    );
    expect(doc.version).toMatchObject({ version: '1', artifact: { sha256: sha256('first model') } });
    expect(doc.aliases).toEqual(['production']);
    expect(doc.approval).toBe('pending');
    expect(doc.history).toMatchObject([
      { kind: 'registered', version: '1' },
      { kind: 'alias', alias: 'staging', version: '1' },
      { kind: 'alias', alias: 'staging', version: '2', previous: '1' },
      { kind: 'alias', alias: 'production', version: '1', previous: '2', reason: 'set' },
    ]);

    const text = (await registry('registry', 'show', 'churn@1')).stdout;
    expect(text).toMatch(/^churn@1\n/);
    expect(text).toMatch(/ {2}aliases +production\n/);
    expect(text).toContain(`sha256       ${sha256('first model')}`);
    expect(text).toMatch(/metrics +auc=0.91 f1=0.8\n/);
    expect(text).toMatch(/metadata +owner=ml-team\n/);
    expect(text).toContain('production → 1 (set, was 2)');
  });

  it('rolls an alias back to its previous version', async () => {
    const rolled = await registry('registry', 'rollback', 'churn', 'production', '--json');
    expect(rolled.code).toBe(0);
    expect(json(rolled)).toMatchObject({ alias: 'production', version: '2' });
    expect(json(await registry('registry', 'show', 'churn@production', '--json'))).toMatchObject({
      version: { version: '2' },
      aliases: ['production', 'staging'],
    });
  });

  it('approves and rejects versions', async () => {
    const approved = await registry('registry', 'approve', 'churn', '2', '--json');
    expect(approved.code).toBe(0);
    expect(json(approved)).toEqual({ name: 'churn', version: '2', approval: 'approved' });
    expect((await registry('registry', 'reject', 'churn', '1')).stdout).toBe('churn@1 is rejected.\n');
    const listed = json<Listed>(await registry('registry', 'list', 'churn', '--json'));
    expect(listed.versions.map((v) => v.approval)).toEqual(['approved', 'rejected']);
  });

  it('lists the aliases and the whole history', async () => {
    const aliases = await registry('registry', 'aliases', 'churn', '--json');
    expect(json<{ alias: string; version: string }[]>(aliases).map((a) => [a.alias, a.version])).toEqual([
      ['production', '2'],
      ['staging', '2'],
    ]);
    const history = await registry('registry', 'history', 'churn');
    expect(history.stdout.split('\n')[0]).toMatch(/^TIME\s+EVENT\s+BY$/);
    expect(history.stdout).toContain('registered version 2');
    expect(history.stdout).toContain('production → 2 (rollback, was 1)');
  });

  it('deletes a version with --yes, and refuses one an alias points at', async () => {
    const deleted = await registry('registry', 'delete', 'churn', '1', '--yes', '--json');
    expect(deleted.code).toBe(0);
    expect(json(deleted)).toEqual({ name: 'churn', version: '1', deleted: true });
    const held = await registry('registry', 'delete', 'churn', '2', '--yes');
    expect(held.code).toBe(1);
    expect(held.stderr).toContain('churn@production, churn@staging point at it');
    const listed = json<Listed>(await registry('registry', 'list', 'churn', '--json'));
    expect(listed.versions.map((v) => v.version)).toEqual(['2']);
  });
});

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
