/**
 * Builds dist/ when it is missing or older than the sources, once per test run: the CLI tests spawn the built
 * binary (dist/cli.js), as a user runs it. CI builds before testing, so there this only checks.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export default function setup(): void {
  const built = mtime(join(ROOT, 'dist', 'cli.js'));
  const sources = Math.max(
    newest(join(ROOT, 'src')),
    mtime(join(ROOT, 'tsup.config.ts')) ?? 0,
    mtime(join(ROOT, 'package.json')) ?? 0,
  );
  if (built !== undefined && built >= sources) return;
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'tsup', 'dist', 'cli-default.js')], {
      cwd: ROOT,
      stdio: 'inherit',
    });
  } catch {
    // Sources that do not build fail the tests that need the binary, not the whole run: the unit tests of the
    // rest still say what works.
    console.warn('test/global-setup: the build failed; the tests that spawn dist/cli.js will fail.');
  }
}

function mtime(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : (mtime(path) ?? 0));
  }
  return latest;
}
