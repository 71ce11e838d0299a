// Lambda's size limits: a package over 250 MB unzipped is refused before any zip is written; one over the 50 MB
// direct-upload limit is built and marked for an upload through S3.
import { randomBytes } from 'node:crypto';
import { open, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AbortedError, InvalidArgumentError } from '../../../../src/errors.js';
import {
  MAX_DIRECT_UPLOAD_BYTES,
  MAX_UNZIPPED_BYTES,
  packageFunction,
} from '../../../../src/targets/lambda/package/index.js';
import { tempDir } from './support.js';

/** A handler folder with one more file of `size` bytes: sparse (no disk used) unless `random`. */
async function handlerWith(size: number, random = false): Promise<string> {
  const dir = await tempDir();
  await writeFile(join(dir, 'handler.mjs'), 'export function predict(x) { return x; }\n');
  const file = await open(join(dir, 'weights.bin'), 'w');
  try {
    if (random) {
      for (let written = 0; written < size; written += 1 << 20)
        await file.write(randomBytes(Math.min(1 << 20, size - written)));
    } else {
      await file.truncate(size);
    }
  } finally {
    await file.close();
  }
  return dir;
}

describe('size limits', () => {
  it('refuses files over 250 MB unzipped before writing anything, pointing to container images', async () => {
    const dir = await handlerWith(MAX_UNZIPPED_BYTES + 1);
    const workDir = await tempDir();
    const started = Date.now();
    const error = await packageFunction({ kind: 'directory', path: dir }, { architecture: 'x86_64', workDir }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(/250 MB/);
    expect((error as Error).message).toMatch(/model\/weights\.bin/);
    expect((error as Error).message).toMatch(/Model\.fromImage/);
    expect(await readdir(workDir)).toEqual([]);
    // Refused from the sizes alone: compressing 250 MB would take seconds.
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('marks a zip over 50 MB for an upload through S3', async () => {
    const dir = await handlerWith(MAX_DIRECT_UPLOAD_BYTES + 1024, true);
    const pkg = await packageFunction(
      { kind: 'directory', path: dir },
      { architecture: 'arm64', workDir: await tempDir() },
    );
    expect(pkg.bytes).toBeGreaterThan(MAX_DIRECT_UPLOAD_BYTES);
    expect(pkg.needsS3Upload).toBe(true);
  }, 60_000);

  it('stops on abort and leaves no file behind', async () => {
    const dir = await handlerWith(20 * 1024 * 1024, true);
    const workDir = await tempDir();
    const controller = new AbortController();
    const packaging = packageFunction(
      { kind: 'directory', path: dir },
      { architecture: 'x86_64', workDir, signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 20);
    await expect(packaging).rejects.toBeInstanceOf(AbortedError);
    expect(await readdir(workDir)).toEqual([]);
  }, 30_000);
});
