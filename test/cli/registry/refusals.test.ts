/**
 * What the registry commands refuse, and how: bad usage is exit 2 with what is allowed, before the registry is
 * touched; a version, alias or model that is not there is exit 1 with the registry's NotFound message.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { filesUnder } from '../../registry/support.js';
import { type CliRun, json, run, workspace, writeModel } from './support.js';

let cwd: string;

beforeAll(async () => {
  cwd = await workspace();
  await writeModel(cwd, 'model.onnx', 'a model');
});

function cli(...args: string[]): Promise<CliRun> {
  return run([...args, '--registry', './registry'], { cwd });
}

describe('modelship registry: bad usage is exit 2 and writes nothing', () => {
  it.each([
    [['--metric', 'auc=abc'], '--metric auc=abc: the value must be a number'],
    [['--metric', 'auc='], '--metric auc=: the value must be a number'],
    [['--metric', 'auc'], '--metric auc: write key=value, e.g. --metric auc=0.91'],
    [['--metric', 'auc=1', '--metric', 'auc=2'], '--metric auc is given twice'],
    [['--meta', '=ml-team'], '--meta =ml-team: write key=value, e.g. --meta owner=ml-team'],
    [['--meta', 'owner=a|b'], 'metadata.owner is "a|b"'],
    [['--alias', '9lives'], 'alias is "9lives"; an alias must be 1 to 63 letters, digits and hyphens'],
    [['--framework', 'keras'], 'Unknown framework "keras". Use one of: onnx, sklearn'],
  ])('register %j', async (flags, message) => {
    const refused = await cli('registry', 'register', 'churn', 'model.onnx', ...flags);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(message);
    expect(refused.stdout).toBe('');
    expect(await filesUnder(join(cwd, 'registry'))).toEqual([]);
  });

  it('register of a path that is not there says what an artifact can be', async () => {
    const refused = await cli('registry', 'register', 'churn', 'missing.onnx');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('missing.onnx is not there');
    expect(refused.stderr).toContain('give a model file, a folder, or an s3://bucket/key artifact');
    expect(await filesUnder(join(cwd, 'registry'))).toEqual([]);
  });

  it('a bad metric with --json: an error document on stdout', async () => {
    const refused = await cli('registry', 'register', 'churn', 'model.onnx', '--metric', 'auc=abc', '--json');
    expect(refused.code).toBe(2);
    expect(json(refused)).toEqual({
      error: {
        code: 'INVALID_ARGUMENT',
        message: '--metric auc=abc: the value must be a number, e.g. --metric auc=0.91.',
      },
    });
  });

  it('promote without --to, or with neither alias nor version', async () => {
    const noTo = await cli('registry', 'promote', 'churn', '--from', 'staging');
    expect(noTo.code).toBe(2);
    expect(noTo.stderr).toContain("required option '--to <alias>' not specified");
    const badFrom = await cli('registry', 'promote', 'churn', '--from', '-', '--to', 'production');
    expect(badFrom.code).toBe(2);
    expect(badFrom.stderr).toContain('version is "-"');
  });

  it('an unknown subcommand', async () => {
    expect((await cli('registry', 'tag', 'churn')).code).toBe(2);
  });

  it('no registry at all: neither --registry nor a config file says how to give one', async () => {
    const refused = await run(['registry', 'list', 'churn'], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('No config file in');
    expect(refused.stderr).toContain('Or name the registry: --registry <dir | s3://bucket/prefix | sagemaker>.');
  });

  it('--registry sagemaker without a bucket for its artifacts', async () => {
    const refused = await run(['registry', 'list', 'churn', '--registry', 'sagemaker'], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--registry sagemaker needs a bucket for artifacts');
  });
});

describe('modelship registry: what is not there is exit 1 with the NotFound message', () => {
  beforeAll(async () => {
    expect((await cli('registry', 'register', 'churn', 'model.onnx')).code).toBe(0);
  });

  it('show of a version that does not exist', async () => {
    const missing = await cli('registry', 'show', 'churn@7');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error \[NOT_FOUND\]: churn has no version 7 in local registry .*registry\.\n$/);
    expect(missing.stdout).toBe('');
  });

  it('show of an alias that does not exist, with --json', async () => {
    const missing = await cli('registry', 'show', 'churn@production', '--json');
    expect(missing.code).toBe(1);
    expect(json(missing)).toMatchObject({
      error: { code: 'NOT_FOUND', message: expect.stringContaining('production') },
    });
  });

  it('list of a model never registered', async () => {
    const missing = await cli('registry', 'list', 'iris');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No model named iris is registered');
  });

  it('rollback of an alias that has nowhere to go back to', async () => {
    expect((await cli('registry', 'promote', 'churn', '--from', '1', '--to', 'production')).code).toBe(0);
    const stuck = await cli('registry', 'rollback', 'churn', 'production');
    expect(stuck.code).toBe(1);
    expect(stuck.stderr).toContain('churn@production has no earlier version to roll back to');
  });

  it('show of a bare name is bad usage and lists the aliases', async () => {
    const bare = await cli('registry', 'show', 'churn');
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('write churn@<alias> or churn@<version>. Aliases of churn: production (version 1)');
  });
});
