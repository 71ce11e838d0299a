/**
 * SHA-256 of a file, read as a stream so a multi-gigabyte artifact never sits in memory.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { AbortedError, InvalidArgumentError } from '../../errors.js';

/** Options of {@link sha256File}. */
export interface Sha256FileOptions {
  /** Stops reading; the promise then rejects with {@link AbortedError}. */
  readonly signal?: AbortSignal;
}

/**
 * The SHA-256 of a file's contents, as lower-case hex.
 * @throws {@link InvalidArgumentError} (`argument: 'path'`) when the file cannot be read.
 * @throws {@link AbortedError} when `signal` aborts.
 * @example
 * ```ts
 * await sha256File('/tmp/model.tar.gz'); // 'e3b0c442…'
 * ```
 */
export async function sha256File(path: string, options: Sha256FileOptions = {}): Promise<string> {
  const hash = createHash('sha256');
  // 1 MiB reads: far fewer syscalls than the 64 KiB default on large artifacts.
  const stream = createReadStream(path, { highWaterMark: 1 << 20, signal: options.signal });
  try {
    for await (const chunk of stream) hash.update(chunk as Buffer);
  } catch (error) {
    if ((error as { name?: unknown }).name === 'AbortError') {
      throw new AbortedError(`Hashing ${path} was aborted through its AbortSignal.`, { cause: error });
    }
    throw new InvalidArgumentError('path', `Cannot read ${path} to compute its SHA-256.`, { cause: error });
  }
  return hash.digest('hex');
}
