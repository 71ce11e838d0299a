/**
 * A lock file around a read-compare-write, so two processes moving one alias cannot both read the old state and
 * both write. Taken by creating the file exclusively (`wx`); released by removing it.
 *
 * A process that dies holding the lock leaves the file behind. It is broken when its owner is known to be dead (same
 * host, pid gone) or when it is older than `staleMs`, far longer than the milliseconds a write takes. Breaking
 * renames the file away first (atomic: of several breakers one wins) and checks it moved the stale lock and not a
 * fresh one taken in between, which it then puts back.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConflictError } from '../../../errors.js';
import { readFileIfExists } from './atomic-file.js';

/** Timing of {@link withFileLock}. */
export interface FileLockOptions {
  /** A lock older than this is taken to be left behind by a crashed process. */
  readonly staleMs: number;
  /** How long to wait for a held lock before giving up with a retryable {@link ConflictError}. */
  readonly timeoutMs: number;
}

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
  readonly at: string;
}

/**
 * Runs `fn` holding the lock file `path`.
 * @param what - what the lock protects, for the timeout error: `alias churn@production`.
 * @throws {@link ConflictError} (retryable) when the lock stays held by a live process for `timeoutMs`.
 */
export async function withFileLock<T>(
  path: string,
  what: string,
  options: FileLockOptions,
  fn: () => Promise<T>,
): Promise<T> {
  const content = await acquire(path, what, options);
  try {
    return await fn();
  } finally {
    await release(path, content);
  }
}

async function acquire(path: string, what: string, options: FileLockOptions): Promise<string> {
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    token: randomBytes(8).toString('hex'),
    at: new Date().toISOString(),
  };
  const content = JSON.stringify(owner);
  await mkdir(dirname(path), { recursive: true });
  const deadline = Date.now() + options.timeoutMs;
  for (let attempt = 0; ; attempt++) {
    if (await tryCreate(path, content)) return content;
    const held = await readFileIfExists(path);
    if (held === undefined) continue; // released in between: try again at once
    if (await isStale(path, held.toString('utf8'), options.staleMs)) {
      await breakLock(path, held.toString('utf8'));
      continue;
    }
    if (Date.now() > deadline) {
      throw new ConflictError(
        `The ${what} is locked (${path}, held by ${held.toString('utf8')}) for more than ${options.timeoutMs} ms. ` +
          'Another writer is moving it; try again. If no writer is running, remove the lock file by hand.',
        { retryable: true },
      );
    }
    // Random, growing waits, so many waiters do not retry in lockstep.
    await sleep(Math.min(50, 1 + attempt) * (0.5 + Math.random()));
  }
}

async function tryCreate(path: string, content: string): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(content);
  } finally {
    await handle.close();
  }
  return true;
}

async function isStale(path: string, held: string, staleMs: number): Promise<boolean> {
  const owner = parseOwner(held);
  if (owner !== undefined && owner.host === hostname() && !isAlive(owner.pid)) return true;
  // An empty or unreadable lock is one being written right now, or left by a crash while writing: judge it by age.
  try {
    return Date.now() - (await stat(path)).mtimeMs > staleMs;
  } catch {
    return false; // gone: not stale, just released
  }
}

async function breakLock(path: string, staleContent: string): Promise<void> {
  const moved = `${path}.${randomBytes(6).toString('hex')}.broken`;
  try {
    await rename(path, moved);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // another process broke it first
    throw error;
  }
  const content = (await readFileIfExists(moved))?.toString('utf8');
  if (content !== staleContent) {
    // We moved a lock taken after we looked: give it back (unless yet another one was taken since, which link
    // refuses rather than overwrite).
    await link(moved, path).catch(() => undefined);
  }
  await rm(moved, { force: true });
}

async function release(path: string, content: string): Promise<void> {
  // Only our own lock: if it was broken as stale meanwhile, the file now belongs to someone else.
  if ((await readFileIfExists(path))?.toString('utf8') === content) await rm(path, { force: true });
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    return typeof value.pid === 'number' && typeof value.host === 'string' ? (value as LockOwner) : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
