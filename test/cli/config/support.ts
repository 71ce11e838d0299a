/** Temporary config folders for the config tests. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect } from 'vitest';
import { InvalidArgumentError } from '../../../src/errors.js';

/** The folder of the committed config fixtures. */
export const FIXTURES = fileURLToPath(new URL('../../fixtures/cli', import.meta.url));

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh folder holding `files` (name → text; objects are written as JSON), removed after the test. */
export async function folderWith(files: Record<string, string | object>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'modelship-config-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    await writeFile(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

/** A handler module that echoes its input. */
export const ECHO_HANDLER = 'export function predict(input) { return input; }\n';

/** The `InvalidArgumentError` a config load rejects with; fails the test when it resolves or throws anything else. */
export async function failure(promise: Promise<unknown>): Promise<InvalidArgumentError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidArgumentError);
  return error as InvalidArgumentError;
}
