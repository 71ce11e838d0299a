/**
 * Where the Local server's async inferences read payloads and write results: the S3 API, or a folder that stands
 * in for S3. Both take `s3://bucket/key` locations, so requests and answers look the same either way.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3Location } from '../../../model/artifact/s3-location.js';
import type { LocalAsyncStore } from './options.js';

/** Reads payloads and writes results. Reads of a missing object resolve `undefined`. */
export interface PayloadStore {
  read(location: S3Location, signal: AbortSignal): Promise<Uint8Array | undefined>;
  write(location: S3Location, body: Uint8Array, contentType: string): Promise<void>;
  /** Frees a client the store made. */
  close(): void;
}

/** The store the options ask for. */
export function openStore(store: LocalAsyncStore): PayloadStore {
  return store.folder !== undefined ? new FolderStore(store.folder) : new S3Store(store.s3);
}

class S3Store implements PayloadStore {
  readonly #client: S3Client;
  readonly #owned: boolean;

  constructor(client: S3Client | NonNullable<ConstructorParameters<typeof S3Client>[0]>) {
    this.#owned = !(client instanceof S3Client);
    this.#client = client instanceof S3Client ? client : new S3Client(client);
  }

  async read(location: S3Location, signal: AbortSignal): Promise<Uint8Array | undefined> {
    try {
      const out = await this.#client.send(new GetObjectCommand({ Bucket: location.bucket, Key: location.key }), {
        abortSignal: signal,
      });
      return out.Body === undefined ? new Uint8Array(0) : await out.Body.transformToByteArray();
    } catch (error) {
      if ((error as { name?: unknown }).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  async write(location: S3Location, body: Uint8Array, contentType: string): Promise<void> {
    await this.#client.send(
      new PutObjectCommand({ Bucket: location.bucket, Key: location.key, Body: body, ContentType: contentType }),
    );
  }

  close(): void {
    if (this.#owned) this.#client.destroy();
  }
}

/**
 * `s3://bucket/key` as `<root>/bucket/key`. Locations come from requests, so a key that would climb out of the
 * folder (`..`, `.` or empty segments) is refused, and the resolved path is checked to stay inside it.
 */
class FolderStore implements PayloadStore {
  readonly #root: string;

  constructor(root: string) {
    this.#root = resolve(root);
  }

  async read(location: S3Location): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await readFile(this.#path(location)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async write(location: S3Location, body: Uint8Array): Promise<void> {
    const path = this.#path(location);
    await mkdir(dirname(path), { recursive: true });
    // Written aside and renamed, so a reader polling for the file never sees half of it (S3 objects appear whole).
    const partial = `${path}.partial`;
    await writeFile(partial, body);
    await rename(partial, path);
  }

  close(): void {}

  #path(location: S3Location): string {
    const segments = [location.bucket, ...location.key.split('/')];
    if (segments.some((s) => s === '' || s === '.' || s === '..')) {
      throw new Error(`s3://${location.bucket}/${location.key} has a key the folder store cannot hold.`);
    }
    const path = resolve(this.#root, ...segments);
    if (!path.startsWith(this.#root + sep))
      throw new Error(`s3://${location.bucket}/${location.key} is outside the folder store.`);
    return path;
  }
}
