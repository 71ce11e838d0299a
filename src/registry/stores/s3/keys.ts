/**
 * Where the S3 registry keeps what: one JSON object per record, so that every write is one PutObject that S3's
 * conditional writes can make exclusive (`If-None-Match: *`) or compare-and-swap (`If-Match: <etag>`).
 *
 * ```
 * <prefix>/models/<name>/versions/<version>.json    a ModelVersion, written once
 * <prefix>/models/<name>/aliases/<alias>.json       an AliasState with its history
 * <prefix>/models/<name>/approvals/<version>.json   { name, version, status }
 * <prefix>/models/<name>/deleted/<version>.json     a deleted version's record: its number is never given again
 * <prefix>/artifacts/<sha256>/<fileName>            artifacts, content-addressed
 * ```
 */
import { InvalidArgumentError } from '../../../errors.js';

/** The JSON records, by the folder they live in. */
export type RecordKind = 'versions' | 'aliases' | 'approvals' | 'deleted';

const SUFFIX = '.json';

/** The key layout of one registry (bucket and prefix). */
export class RegistryKeys {
  readonly #root: string;

  /** @param prefix - without slashes at its ends; `''` for the bucket's root. */
  constructor(prefix: string) {
    this.#root = prefix === '' ? '' : `${prefix}/`;
  }

  /** The folder of the artifacts, for {@link contentAddressedKey}. */
  get artifacts(): string {
    return `${this.#root}artifacts`;
  }

  /** The folder every model's folder is in, with its trailing slash: list it with the delimiter `/`. */
  get models(): string {
    return `${this.#root}models/`;
  }

  /** The key of one record, e.g. `ml/models/churn/versions/3.json`. */
  record(kind: RecordKind, name: string, id: string): string {
    checkSegment(kind === 'aliases' ? 'alias' : 'version', id);
    return `${this.folder(kind, name)}${id}${SUFFIX}`;
  }

  /** The folder of one kind of record of a model, with its trailing slash: what ListObjectsV2 is asked for. */
  folder(kind: RecordKind, name: string): string {
    checkSegment('name', name);
    return `${this.models}${name}/${kind}/`;
  }

  /** The id (version or alias) of a key listed under {@link folder}; undefined for anything else found there. */
  idOf(folder: string, key: string): string | undefined {
    if (!key.startsWith(folder) || !key.endsWith(SUFFIX)) return undefined;
    const id = key.slice(folder.length, -SUFFIX.length);
    return id === '' || id.includes('/') ? undefined : id;
  }

  /** The model name of a common prefix listed under {@link models} (`…/models/churn/` → `churn`). */
  nameOf(commonPrefix: string): string | undefined {
    if (!commonPrefix.startsWith(this.models) || !commonPrefix.endsWith('/')) return undefined;
    const name = commonPrefix.slice(this.models.length, -1);
    return name === '' ? undefined : name;
  }
}

// The registry checks names by its own rules; this only refuses what would break the key layout (a `/` would put
// a record in another model's folder), so no name can reach another record.
function checkSegment(argument: string, value: unknown): asserts value is string {
  let why: string | undefined;
  if (typeof value !== 'string' || value === '') why = 'it is empty';
  else if (value.includes('/')) why = 'it contains "/"';
  else if (value === '.' || value === '..') why = `it is "${value}"`;
  else if (/\p{Cc}/u.test(value)) why = 'it contains control characters';
  if (why === undefined) return;
  throw new InvalidArgumentError(argument, `"${String(value)}" cannot be a registry ${argument}: ${why}.`);
}
