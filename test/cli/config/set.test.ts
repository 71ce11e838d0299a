/** `--set key=value` on a plain config: by dotted path, JSON values, and checked by the schema afterwards. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/cli/config/index.js';
import { InvalidArgumentError } from '../../../src/errors.js';
import { ECHO_HANDLER, folderWith } from './support.js';

const config = {
  name: 'iris',
  model: { handler: './handler.mjs' },
  target: { type: 'local', port: 8080 },
};

async function load(set: string[]) {
  const cwd = await folderWith({ 'handler.mjs': ECHO_HANDLER, 'modelship.config.json': config });
  return loadConfig({ cwd, set });
}

describe('--set', () => {
  it('overrides values by dotted path, JSON when it parses, a string otherwise', async () => {
    const loaded = await load([
      'name=iris-canary',
      'target.port=9090',
      'target.batching={"maxDelayMs":5}',
      'tags.owner=ml-team',
      'tags.cost=42x',
    ]);
    expect(loaded.plain).toMatchObject({
      name: 'iris-canary',
      target: { type: 'local', port: 9090, batching: { maxDelayMs: 5 } },
      tags: { owner: 'ml-team', cost: '42x' },
    });
    const plan = await loaded.builder.plan();
    expect(plan.name).toBe('iris-canary');
    expect(JSON.stringify(plan.steps.map((step) => step.reason))).toContain('9090');
  });

  it('is checked by the schema like the file itself', async () => {
    const error = await load(['target.instanceType=ml.c5.xlarge']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(/target\.instanceType: unknown key; allowed: type, port/);
    const typed = await load(['target.port=high']).catch((e: unknown) => e);
    expect((typed as Error).message).toContain('target.port: expected number, got "high"');
  });

  it.each([
    ['no =', 'name', /is not key=value/],
    ['an empty path part', 'target..port=1', /is not key=value/],
    ['a path through a string', 'name.first=a', /--set name\.first: name is "iris", not an object/],
  ])('refuses %s before anything runs', async (_what, entry, message) => {
    const error = await load([entry]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe('set');
    expect((error as Error).message).toMatch(message);
  });
});
