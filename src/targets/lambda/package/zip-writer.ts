/**
 * Writes a zip that depends only on its entries' names and contents: entries in code-unit order, one fixed
 * timestamp (DOS format only, no extended timestamp), the same permissions for every file, the same compression.
 * So the same inputs give the same bytes and the same SHA-256, and a plan can tell that the code has not changed.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { AbortedError } from '../../../errors.js';

/** One file of the zip: its contents on disk or in memory. */
export interface ZipInput {
  /** The entry name, `/`-separated, relative. */
  readonly name: string;
  readonly size: number;
  /** Absolute path of the file to read; or `data`. */
  readonly file?: string;
  readonly data?: Uint8Array;
}

/** The written zip. */
export interface WrittenZip {
  readonly sha256: string;
  readonly bytes: number;
}

// A regular file, readable by everyone (Lambda runs the code as another user than the one who owns the files).
const FILE_MODE = 0o100644;
const COMPRESSION_LEVEL = 6;

/** Code-unit order: the same on every machine and locale. */
export function byName(a: { readonly name: string }, b: { readonly name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * Writes `inputs` as a zip at `path` (through a temporary file, renamed when complete).
 * @throws {@link AbortedError} when `signal` aborts; nothing is left behind.
 */
export async function writeZip(inputs: readonly ZipInput[], path: string, signal?: AbortSignal): Promise<WrittenZip> {
  const zip = new ZipFile();
  // 1980-01-01 00:00, the first DOS date. Built from local fields, now, because the DOS format stores local fields:
  // the same entries on every machine, whatever its time zone (even one changed while the process runs).
  const mtime = new Date(1980, 0, 1, 0, 0, 0);
  const options = { mtime, mode: FILE_MODE, forceDosTimestamp: true, compressionLevel: COMPRESSION_LEVEL };
  for (const input of [...inputs].sort(byName)) {
    if (input.data !== undefined) zip.addBuffer(Buffer.from(input.data), input.name, options);
    else if (input.file !== undefined) zip.addFile(input.file, input.name, options);
    else throw new TypeError(`The zip entry ${input.name} has neither a file nor data.`);
  }
  zip.end();
  const hash = createHash('sha256');
  let bytes = 0;
  const temporary = `${path}.${process.pid}.${Date.now()}.partial`;
  // yazl's output is a Node Readable (a PassThrough); its typings say only ReadableStream.
  const output = zip.outputStream as Readable;
  // yazl reports a file it cannot read on the ZipFile, not on its output stream.
  zip.on('error', (error: Error) => output.destroy(error));
  try {
    await pipeline(
      output,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          hash.update(chunk);
          bytes += chunk.byteLength;
          yield chunk;
        }
      },
      createWriteStream(temporary),
      signal === undefined ? {} : { signal },
    );
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    if (signal?.aborted) throw new AbortedError('Writing the function package was aborted.', { cause: error });
    throw error;
  }
  return { sha256: hash.digest('hex'), bytes };
}
