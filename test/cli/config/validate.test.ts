/** The `validate` gate of a config: its files read relative to the config file, as JSON arrays or JSON Lines. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/cli/config/index.js';
import { InvalidArgumentError } from '../../../src/errors.js';
import { folderWith } from './support.js';

const base = { model: { handler: './h.mjs' }, target: { type: 'local' } };

describe('validate', () => {
  it('reads a JSON array of samples and JSON Lines of expected values next to the config', async () => {
    const dir = await folderWith({
      'samples.json': '[[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]]',
      'expected.jsonl': '0\n\n2\n',
      'modelship.config.json': {
        ...base,
        validate: {
          samples: './samples.json',
          expected: 'expected.jsonl',
          accuracy: { metric: 'accuracy', min: 0.9 },
          latency: { p99Ms: 300 },
          throughput: { minRps: 10, concurrency: 2, durationS: 5 },
          maxErrorRate: 0,
        },
      },
    });
    const loaded = await loadConfig({ cwd: '/', file: join(dir, 'modelship.config.json') });
    expect(loaded.validate).toEqual({
      samples: [
        [5.1, 3.5, 1.4, 0.2],
        [6.7, 3.0, 5.2, 2.3],
      ],
      expected: [0, 2],
      accuracy: { metric: 'accuracy', min: 0.9 },
      latency: { p99Ms: 300 },
      throughput: { minRps: 10, concurrency: 2, durationS: 5 },
      maxErrorRate: 0,
    });
  });

  it('reads a .json file of one value per line as JSON Lines', async () => {
    const dir = await folderWith({
      'samples.json': '{"text": "hello"}\n{"text": "bye"}\n',
      'modelship.config.json': { ...base, validate: { samples: 'samples.json' } },
    });
    expect((await loadConfig({ cwd: dir })).validate?.samples).toEqual([{ text: 'hello' }, { text: 'bye' }]);
  });

  it.each([
    ['a single JSON value', 'samples.json', '{"text": "hello"}', /holds one JSON value, not a list/],
    ['a line that is not JSON', 'samples.jsonl', '[1]\n[2,\n', /line 2 is not JSON/],
    ['a missing file', 'other.json', '[]', /samples\.json cannot be read/],
  ])('refuses %s, naming the file', async (_what, name, text, message) => {
    const dir = await folderWith({
      [name]: text,
      'modelship.config.json': { ...base, validate: { samples: `./${name === 'other.json' ? 'samples.json' : name}` } },
    });
    const error = await loadConfig({ cwd: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain(dir);
  });
});
