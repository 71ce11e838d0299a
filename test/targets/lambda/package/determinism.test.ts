// The same inputs give the same zip, byte for byte, so a plan can compare the package's SHA-256 with Lambda's
// CodeSha256 to tell whether the code changed: file times, permissions, paths and the work folder do not matter.
import { chmod, copyFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageFunction } from '../../../../src/targets/lambda/package/index.js';
import { ensureTestModels } from '../../../support/models.js';
import { fixture } from '../../local/support.js';
import { tempDir } from './support.js';

describe('packageFunction is deterministic', () => {
  it('gives the same SHA-256 for copies of a handler with other times, permissions and folders', async () => {
    const [a, b] = [await tempDir(), await tempDir()];
    await copyFile(fixture('model.mjs'), join(a, 'model.mjs'));
    await copyFile(fixture('model.mjs'), join(b, 'model.mjs'));
    await utimes(join(b, 'model.mjs'), new Date('2001-02-03T04:05:06Z'), new Date('2001-02-03T04:05:06Z'));
    await chmod(join(b, 'model.mjs'), 0o600);
    const first = await packageFunction(
      { kind: 'handler', path: join(a, 'model.mjs') },
      { architecture: 'x86_64', workDir: await tempDir() },
    );
    const second = await packageFunction(
      { kind: 'handler', path: join(b, 'model.mjs') },
      { architecture: 'x86_64', workDir: await tempDir() },
    );
    expect(second.sha256).toBe(first.sha256);
    expect(second.bytes).toBe(first.bytes);

    await writeFile(join(b, 'model.mjs'), '// changed\nexport function predict(x) { return x; }\n');
    const changed = await packageFunction(
      { kind: 'handler', path: join(b, 'model.mjs') },
      { architecture: 'x86_64', workDir: await tempDir() },
    );
    expect(changed.sha256).not.toBe(first.sha256);
  });

  it('gives the same SHA-256 in any time zone', async () => {
    const source = { kind: 'handler', path: fixture('model.mjs') } as const;
    const here = await packageFunction(source, { architecture: 'arm64', workDir: await tempDir() });
    const zone = process.env.TZ;
    process.env.TZ = 'Pacific/Kiritimati'; // UTC+14: another calendar day than most of the world
    try {
      const there = await packageFunction(source, { architecture: 'arm64', workDir: await tempDir() });
      expect(there.sha256).toBe(here.sha256);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('gives the same SHA-256 for an ONNX model packaged twice, and another for the other architecture', async () => {
    const { iris } = await ensureTestModels();
    const [x1, x2, arm] = await Promise.all([
      packageFunction({ kind: 'file', path: iris }, { architecture: 'x86_64', workDir: await tempDir() }),
      packageFunction({ kind: 'file', path: iris }, { architecture: 'x86_64', workDir: await tempDir() }),
      packageFunction({ kind: 'file', path: iris }, { architecture: 'arm64', workDir: await tempDir() }),
    ]);
    expect(x2.sha256).toBe(x1.sha256);
    expect(arm.sha256).not.toBe(x1.sha256);
  }, 60_000);
});
