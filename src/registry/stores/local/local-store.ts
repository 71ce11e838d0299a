/**
 * The local registry store: a folder of JSON records and artifact copies (see `layout.ts`). Safe with many writers
 * in many processes on one machine: versions are created exclusively (`link`, which fails when the name is taken),
 * aliases move under a lock file by compare-and-swap, and every write is atomic (temp file, fsync, rename), so a
 * reader never sees half a record. A record that is not valid JSON is an `IntegrityError` naming its path.
 */
import { createHash } from 'node:crypto';
import { link, mkdir, readdir, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ConflictError, IntegrityError, InvalidArgumentError, NotFoundError } from '../../../errors.js';
import { canonicalJson, sameVersionContent } from '../../content.js';
import {
  ALIAS_PATTERN,
  checkAlias,
  checkModelName,
  checkVersion,
  isValidVersion,
  MODEL_NAME_PATTERN,
} from '../../names.js';
import { aliasRecord, approvalRecord, parseRecordJson, versionRecord } from '../../records.js';
import type { ArtifactInput, RegistryStore } from '../../store.js';
import type { AliasState, ApprovalStatus, ModelVersion, RegisteredArtifact, Revisioned } from '../../types.js';
import { storeLocalArtifact, verifyLocalArtifact } from './artifacts.js';
import { createFileExclusive, readFileIfExists, syncFolder, writeFileAtomic } from './atomic-file.js';
import { type FileLockOptions, withFileLock } from './file-lock.js';
import { LocalLayout, recordNames } from './layout.js';

/**
 * Options of {@link LocalRegistryStore}.
 *
 * @example
 * ```ts
 * const registry = new Registry(new LocalRegistryStore('./registry', { lockTimeoutMs: 30_000 }));
 * ```
 */
export interface LocalRegistryStoreOptions {
  /** An alias lock older than this was left by a crashed process and is broken. @default 30000 */
  readonly lockStaleMs?: number;
  /** How long to wait for an alias lock held by a live writer. @default 10000 */
  readonly lockTimeoutMs?: number;
}

/**
 * A {@link RegistryStore} in a local folder, created when missing.
 * @example
 * ```ts
 * const registry = new Registry(new LocalRegistryStore('./registry'));
 * ```
 */
export class LocalRegistryStore implements RegistryStore {
  readonly description: string;
  /** The registry folder, absolute. */
  readonly dir: string;
  readonly #layout: LocalLayout;
  readonly #lock: FileLockOptions;

  /** @throws {@link InvalidArgumentError} when `dir` is empty. */
  constructor(dir: string, options: LocalRegistryStoreOptions = {}) {
    if (typeof dir !== 'string' || dir.trim() === '') {
      throw new InvalidArgumentError('dir', 'The local registry needs a folder path, e.g. "./registry".');
    }
    this.dir = resolve(dir);
    this.description = `local registry ${this.dir}`;
    this.#layout = new LocalLayout(this.dir);
    this.#lock = { staleMs: options.lockStaleMs ?? 30_000, timeoutMs: options.lockTimeoutMs ?? 10_000 };
  }

  storeArtifact(name: string, input: ArtifactInput, signal?: AbortSignal): Promise<RegisteredArtifact> {
    checkModelName(name);
    return storeLocalArtifact(this.#layout, input, signal);
  }

  verifyArtifact(artifact: RegisteredArtifact, signal?: AbortSignal): Promise<void> {
    return verifyLocalArtifact(artifact, signal);
  }

  async createVersion(version: ModelVersion): Promise<'created' | 'unchanged'> {
    checkModelName(version.name);
    checkVersion(version.version);
    const { name } = version;
    const path = this.#layout.version(name, version.version);
    this.#refuseDeleted(name, version.version, await readFileIfExists(this.#layout.deleted(name, version.version)));
    // A number already taken is answered from the record there, without writing and syncing a temp file first.
    const taken = (await readFileIfExists(path)) !== undefined;
    if (!taken && (await createFileExclusive(path, `${JSON.stringify(version, null, 2)}\n`))) {
      // A deletion of this number that raced with us has left its marker: the number is not ours to take.
      const deleted = await readFileIfExists(this.#layout.deleted(name, version.version));
      if (deleted !== undefined) await rm(path, { force: true });
      this.#refuseDeleted(name, version.version, deleted);
      return 'created';
    }
    const existing = await this.getVersion(name, version.version);
    if (existing !== undefined && sameVersionContent(existing, version)) return 'unchanged';
    throw new ConflictError(
      `Version ${version.version} of ${name} already exists in ${this.description} with other content ` +
        `(registered ${existing?.createdAt ?? 'just now'} by ${existing?.createdBy ?? 'another writer'}). ` +
        'Versions never change: register under another version.',
    );
  }

  async getVersion(name: string, version: string): Promise<ModelVersion | undefined> {
    checkModelName(name);
    checkVersion(version);
    const path = this.#layout.version(name, version);
    const bytes = await readFileIfExists(path);
    return bytes === undefined
      ? undefined
      : versionRecord(parseRecordJson(bytes.toString('utf8'), path), path, name, version);
  }

  async listVersions(name: string): Promise<string[]> {
    checkModelName(name);
    const folder = this.#layout.versions(name);
    return (await records(folder)).map((version) => {
      // A stray file among the versions is reported, not skipped: it may be a damaged version.
      if (!isValidVersion(version)) throw strayFile(folder, `${version}.json`, 'a version record');
      return version;
    });
  }

  async deleteVersion(name: string, version: string): Promise<void> {
    checkModelName(name);
    checkVersion(version);
    const path = this.#layout.version(name, version);
    const marker = this.#layout.deleted(name, version);
    // The record becomes the deletion marker (a second name first, then the first name goes), so at no moment is
    // the number free to be taken again.
    await mkdir(dirname(marker), { recursive: true });
    try {
      await link(path, marker);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        throw new NotFoundError(`${name} has no version ${version} in ${this.description}.`, {
          resource: { kind: 'registry version', name: `${name}@${version}` },
        });
      }
      if (code !== 'EEXIST') throw error;
    }
    await rm(path, { force: true });
    await syncFolder(this.#layout.versions(name));
  }

  async listNames(): Promise<string[]> {
    const entries = await readdir(this.#layout.models, { withFileTypes: true }).catch(ifMissing([]));
    return entries.filter((e) => e.isDirectory() && MODEL_NAME_PATTERN.test(e.name)).map((e) => e.name);
  }

  async getAlias(name: string, alias: string): Promise<Revisioned<AliasState> | undefined> {
    checkModelName(name);
    checkAlias(alias);
    const path = this.#layout.alias(name, alias);
    const bytes = await readFileIfExists(path);
    if (bytes === undefined) return undefined;
    return {
      value: aliasRecord(parseRecordJson(bytes.toString('utf8'), path), path, name, alias),
      revision: sha256(bytes),
    };
  }

  async putAlias(state: AliasState, expectedRevision: string | undefined): Promise<string> {
    checkModelName(state.name);
    checkAlias(state.alias);
    const { name, alias } = state;
    const path = this.#layout.alias(name, alias);
    // What is written must read back as a valid alias.
    aliasRecord(JSON.parse(canonicalJson(state)), path, name, alias);
    const data = Buffer.from(`${JSON.stringify(state, null, 2)}\n`, 'utf8');
    return withFileLock(this.#layout.aliasLock(name, alias), `alias ${name}@${alias}`, this.#lock, async () => {
      const current = await readFileIfExists(path);
      if ((current === undefined ? undefined : sha256(current)) !== expectedRevision) {
        throw new ConflictError(
          current === undefined
            ? `${name}@${alias} was deleted since it was read; read it again and decide again.`
            : expectedRevision === undefined
              ? `${name}@${alias} was created by another writer since it was read; read it again and decide again.`
              : `${name}@${alias} was moved by another writer since it was read; read it again and decide again.`,
        );
      }
      await writeFileAtomic(path, data);
      return sha256(data);
    });
  }

  async listAliases(name: string): Promise<AliasState[]> {
    checkModelName(name);
    const folder = this.#layout.aliases(name);
    const states = await Promise.all(
      (await records(folder)).map((alias) => {
        if (!ALIAS_PATTERN.test(alias)) throw strayFile(folder, `${alias}.json`, 'an alias record');
        return this.getAlias(name, alias);
      }),
    );
    return states.filter((s) => s !== undefined).map((s) => s.value);
  }

  async getApproval(name: string, version: string): Promise<ApprovalStatus> {
    checkModelName(name);
    checkVersion(version);
    const path = this.#layout.approval(name, version);
    const bytes = await readFileIfExists(path);
    return bytes === undefined ? 'pending' : approvalRecord(parseRecordJson(bytes.toString('utf8'), path), path);
  }

  async setApproval(name: string, version: string, status: ApprovalStatus): Promise<void> {
    checkModelName(name);
    checkVersion(version);
    await writeFileAtomic(this.#layout.approval(name, version), `${JSON.stringify({ status })}\n`);
  }

  #refuseDeleted(name: string, version: string, marker: Buffer | undefined): void {
    if (marker === undefined) return;
    throw new ConflictError(
      `Version ${version} of ${name} was deleted from ${this.description}; a deleted version is never registered ` +
        'again, so that a deployment tagged with it can only ever mean the model it was. Use another version.',
    );
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function records(folder: string): Promise<string[]> {
  return recordNames(await readdir(folder).catch(ifMissing([])));
}

function ifMissing<T>(fallback: T): (error: unknown) => T {
  return (error) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw error;
  };
}

function strayFile(folder: string, file: string, what: string): IntegrityError {
  const path = join(folder, file);
  return new IntegrityError(`${path} is not ${what}: its name is not valid. Remove or rename it by hand.`, path);
}
