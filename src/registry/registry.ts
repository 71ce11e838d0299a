/**
 * The model registry: versions that never change once written, aliases (`production`, `staging`) that point at
 * them and move by compare-and-swap, and approvals. The rules live here; a {@link RegistryStore} only reads and
 * writes, so the same rules hold on a local folder, S3 or the SageMaker Model Registry.
 */
import type { AwsConfig } from '../aws/config.js';
import { AwsContext } from '../aws/context.js';
import { integerOption } from '../checks.js';
import { ConflictError, InvalidArgumentError, NotFoundError } from '../errors.js';
import { movedAlias, rollbackTarget } from './alias-moves.js';
import { mergeHistory, type RegistryEvent } from './history.js';
import { aliasOrFail, modelOrFail, versionOrFail } from './lookup.js';
import { mapLimit } from './map-limit.js';
import { checkAlias, checkModelName, checkVersion, isAliasName } from './names.js';
import { decodeCursor, encodeCursor } from './page-cursor.js';
import { parseModelRef } from './ref.js';
import type { RegisterOptions } from './register-options.js';
import { type RegistrableModel, registerModel } from './registration.js';
import type { RegistryStore } from './store.js';
import { LocalRegistryStore } from './stores/local/local-store.js';
import { S3RegistryStore, type S3RegistryStoreOptions } from './stores/s3/index.js';
import { SageMakerRegistryStore, type SageMakerRegistryStoreOptions } from './stores/sagemaker/index.js';
import type { AliasChange, AliasState, ApprovalStatus, ModelVersion, Revisioned } from './types.js';
import { defaultUser } from './user.js';
import { compareVersions, sortVersions } from './version-order.js';

/**
 * Options of the {@link Registry} constructor.
 *
 * @example
 * ```ts
 * const registry = new Registry(new LocalRegistryStore('./registry'), { user: 'ci@build-42' });
 * ```
 */
export interface RegistryOptions {
  /** Recorded as `createdBy` and as who moved an alias. @default `user@host` of this process */
  readonly user?: string;
  /** The time to record. @default `() => new Date()` */
  readonly clock?: () => Date;
}

/**
 * Options of {@link Registry.list}.
 *
 * @example
 * ```ts
 * const first = await registry.list('churn', { limit: 20 });
 * const second = first.cursor ? await registry.list('churn', { limit: 20, cursor: first.cursor }) : undefined;
 * ```
 */
export interface ListOptions {
  /** Versions per page, 1–1000. @default 100 */
  readonly limit?: number;
  /** The `cursor` of the previous page; omitted for the first page. */
  readonly cursor?: string;
}

/**
 * One page of {@link Registry.list}.
 *
 * @example
 * ```ts
 * let cursor: string | undefined;
 * do {
 *   const page: VersionPage = await registry.list('churn', { cursor });
 *   for (const v of page.versions) console.log(v.version, v.metrics);
 *   cursor = page.cursor;
 * } while (cursor);
 * ```
 */
export interface VersionPage {
  /** The versions on this page. */
  readonly versions: readonly ModelVersion[];
  /** Pass it to get the next page; absent on the last page. */
  readonly cursor?: string;
}

/**
 * Options of {@link Registry.promote}.
 *
 * @example
 * ```ts
 * await registry.promote('churn', { from: 'staging', to: 'production' });
 * ```
 */
export interface PromoteOptions {
  /** The alias whose version is promoted, e.g. `staging`. */
  readonly from: string;
  /** The alias that moves to it, e.g. `production`. */
  readonly to: string;
}

/**
 * A model registry over a {@link RegistryStore}.
 *
 * @example
 * ```ts
 * const registry = Registry.local('./registry');
 * const v = await registry.register(Model.fromFile('churn.onnx'), { name: 'churn', metrics: { auc: 0.91 } });
 * await registry.setAlias('churn', 'staging', v.version);
 * await registry.promote('churn', { from: 'staging', to: 'production' });
 * const live = await registry.resolve('churn@production');
 * ```
 */
export class Registry {
  /** Where the records are kept. */
  readonly store: RegistryStore;
  readonly #user: string;
  readonly #clock: () => Date;

  /**
   * @throws {@link InvalidArgumentError} when `store` is not a store, or `user` is empty.
   */
  constructor(store: RegistryStore, options: RegistryOptions = {}) {
    if (typeof store !== 'object' || store === null || typeof store.createVersion !== 'function') {
      throw new InvalidArgumentError('store', 'Registry needs a RegistryStore, e.g. Registry.local("./registry").');
    }
    if (options.user !== undefined && (typeof options.user !== 'string' || options.user.trim() === '')) {
      throw new InvalidArgumentError('user', 'user must be a non-empty string such as "ci@build-host".');
    }
    this.store = store;
    this.#user = options.user ?? defaultUser();
    this.#clock = options.clock ?? (() => new Date());
  }

  /**
   * A registry kept in a local folder (created when missing): JSON manifests and artifact copies.
   * @example
   * ```ts
   * const registry = Registry.local('./registry');
   * ```
   */
  static local(dir: string): Registry {
    return new Registry(new LocalRegistryStore(dir));
  }

  /**
   * A registry kept in S3: JSON manifests under `prefix`, written with S3 conditional writes (two scripts racing
   * never overwrite each other; the loser gets a `CONFLICT`), and content-addressed artifacts.
   * @example
   * ```ts
   * const registry = Registry.s3({ bucket: 'ml-registry', prefix: 'models', aws: { region: 'eu-west-1' } });
   * ```
   */
  static s3(options: S3RegistryStoreOptions & { readonly aws?: AwsConfig | AwsContext }): Registry {
    const { aws, ...store } = options;
    return new Registry(new S3RegistryStore(contextOf(aws), store));
  }

  /**
   * A registry kept in the SageMaker Model Registry: one model package group per model, one model package per
   * version (with its approval status), so teams using SageMaker Studio see the same versions; aliases and
   * artifacts in S3 under `artifactBucket`.
   * @example
   * ```ts
   * const registry = Registry.sagemaker({ artifactBucket: 'ml-artifacts', aws: { region: 'eu-west-1' } });
   * ```
   */
  static sagemaker(options: SageMakerRegistryStoreOptions & { readonly aws?: AwsConfig | AwsContext }): Registry {
    const { aws, ...store } = options;
    return new Registry(new SageMakerRegistryStore(contextOf(aws), store));
  }

  /**
   * Registers a model as a new version. Everything is checked before the store is touched; then the artifact is
   * taken into the store's keeping and the version written, immutable from then on.
   *
   * Without `version`, the version is the highest numbered version + 1; a concurrent registration that takes that
   * number first makes this one take the next (numbers are never shared). With `version`, registering the same
   * content again returns the existing version unchanged, and other content is a {@link ConflictError}.
   * Handler models are refused: a registry keeps artifacts and images, not JavaScript handlers.
   *
   * @throws {@link InvalidArgumentError} for a bad name, version, metadata, metric or model.
   * @throws {@link ConflictError} when `version` exists with other content (or was deleted: numbers are not reused).
   * @example
   * ```ts
   * const v = await registry.register(Model.fromFile('churn.onnx', { framework: 'onnx' }), {
   *   name: 'churn', metrics: { auc: 0.91 }, metadata: { owner: 'ml-team' },
   * }); // v.version === '1' on a new name
   * ```
   */
  register(model: RegistrableModel, options: RegisterOptions): Promise<ModelVersion> {
    return registerModel(this.store, { user: this.#user, now: () => this.#now() }, model, options);
  }

  /**
   * A version, by its version string or by an alias. Aliases start with a letter and versions with a digit, so
   * `get('churn', 'production')` and `get('churn', '3')` cannot be confused.
   * @throws {@link NotFoundError} when there is no such version or alias.
   * @example
   * ```ts
   * await registry.get('churn', 'production'); // the version production points to
   * await registry.get('churn', '3');
   * ```
   */
  async get(name: string, versionOrAlias: string): Promise<ModelVersion> {
    checkModelName(name);
    if (typeof versionOrAlias === 'string' && isAliasName(versionOrAlias)) {
      checkAlias(versionOrAlias, 'versionOrAlias');
      const state = await aliasOrFail(this.store, name, versionOrAlias);
      return versionOrFail(this.store, name, state.value.version, `${name}@${versionOrAlias} points to version`);
    }
    checkVersion(versionOrAlias, 'versionOrAlias');
    return versionOrFail(this.store, name, versionOrAlias);
  }

  /**
   * The version a reference names: `churn@production` (an alias) or `churn@3` (a version). A bare `churn` is
   * refused, listing the aliases, because "the latest version" is rarely what should be deployed.
   * @throws {@link InvalidArgumentError} for a bare name or a malformed reference.
   * @throws {@link NotFoundError} when the model, version or alias does not exist.
   * @example
   * ```ts
   * const live = await registry.resolve('churn@production');
   * ```
   */
  async resolve(ref: string): Promise<ModelVersion> {
    const parsed = parseModelRef(ref);
    const selector = parsed.alias ?? parsed.version;
    if (selector !== undefined) return this.get(parsed.name, selector);
    await modelOrFail(this.store, parsed.name);
    const aliases = (await this.store.listAliases(parsed.name)).map((a) => `${a.alias} (version ${a.version})`);
    throw new InvalidArgumentError(
      'ref',
      `"${ref}" does not say which version: write ${ref}@<alias> or ${ref}@<version>. ` +
        (aliases.length === 0 ? `${ref} has no aliases yet.` : `Aliases of ${ref}: ${aliases.join(', ')}.`),
    );
  }

  /**
   * The versions of a model, a page at a time: numbers ascending, then semantic versions by precedence.
   * @throws {@link NotFoundError} when the model was never registered.
   * @throws {@link InvalidArgumentError} for a bad `limit` or a cursor that `list` did not return.
   * @example
   * ```ts
   * let page = await registry.list('churn', { limit: 50 });
   * while (page.cursor) page = await registry.list('churn', { limit: 50, cursor: page.cursor });
   * ```
   */
  async list(name: string, options: ListOptions = {}): Promise<VersionPage> {
    checkModelName(name);
    const limit = integerOption('limit', options.limit, 1, 1000, 100);
    const after = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
    const all = sortVersions(await this.store.listVersions(name));
    if (all.length === 0) await modelOrFail(this.store, name);
    const start = after === undefined ? 0 : all.findIndex((v) => compareVersions(v, after) > 0);
    const slice = start === -1 ? [] : all.slice(start, start + limit);
    const records = await mapLimit(slice, (v) => this.store.getVersion(name, v));
    // A version deleted between listing and reading is simply not on the page.
    const versions = records.filter((v): v is ModelVersion => v !== undefined);
    const more = start !== -1 && start + limit < all.length;
    const last = slice.at(-1);
    return more && last !== undefined ? { versions, cursor: encodeCursor(last) } : { versions };
  }

  /**
   * Everything that happened to a model, oldest first: versions registered and alias moves (with rollbacks).
   * @throws {@link NotFoundError} when the model was never registered.
   */
  async history(name: string): Promise<RegistryEvent[]> {
    checkModelName(name);
    await modelOrFail(this.store, name);
    const [names, aliases] = await Promise.all([this.store.listVersions(name), this.store.listAliases(name)]);
    const versions = (await mapLimit(names, (v) => this.store.getVersion(name, v))).filter(
      (v): v is ModelVersion => v !== undefined,
    );
    return mergeHistory(versions, aliases);
  }

  /** The aliases of a model and where they point. */
  async aliases(name: string): Promise<AliasState[]> {
    checkModelName(name);
    return this.store.listAliases(name);
  }

  /**
   * Points `alias` at `version`, creating the alias if needed. A compare-and-swap: when another writer moves the
   * alias between the read and the write, this call fails with {@link ConflictError} and changes nothing (it is not
   * retried, since the caller may want to decide again). Pointing it where it already points changes nothing.
   * @throws {@link NotFoundError} when the version does not exist.
   * @example
   * ```ts
   * await registry.setAlias('churn', 'staging', '4');
   * ```
   */
  async setAlias(name: string, alias: string, version: string): Promise<AliasState> {
    checkModelName(name);
    checkAlias(alias);
    checkVersion(version);
    await versionOrFail(this.store, name, version);
    const current = await this.store.getAlias(name, alias);
    return this.#move(name, alias, current, { reason: 'set', version });
  }

  /**
   * Points `to` at the version `from` points to (`staging` → `production`). Compare-and-swap, like
   * {@link Registry.setAlias}: of two promotions of one alias at once, one wins and the other gets a
   * {@link ConflictError}.
   * @throws {@link NotFoundError} when `from` does not exist.
   * @example
   * ```ts
   * await registry.promote('churn', { from: 'staging', to: 'production' });
   * ```
   */
  async promote(name: string, options: PromoteOptions): Promise<AliasState> {
    checkModelName(name);
    checkAlias(options?.from, 'from');
    checkAlias(options.to, 'to');
    if (options.from === options.to) {
      throw new InvalidArgumentError('to', `Cannot promote ${name}@${options.from} to itself.`);
    }
    const [source, current] = await Promise.all([
      aliasOrFail(this.store, name, options.from),
      this.store.getAlias(name, options.to),
    ]);
    const version = source.value.version;
    await versionOrFail(this.store, name, version, `${name}@${options.from} points to version`);
    return this.#move(name, options.to, current, { reason: 'promote', version, from: options.from });
  }

  /**
   * Moves `alias` back to the version it pointed to before its last move; the rollback is recorded as a new move,
   * and rolling back again walks further back (`1 → 2 → 3`, rollback: 2, rollback: 1). Compare-and-swap.
   * @throws {@link NotFoundError} when the alias does not exist, has no earlier version, or that version was deleted.
   * @example
   * ```ts
   * await registry.rollback('churn', 'production');
   * ```
   */
  async rollback(name: string, alias: string): Promise<AliasState> {
    checkModelName(name);
    checkAlias(alias);
    const current = await aliasOrFail(this.store, name, alias);
    const version = rollbackTarget(current.value);
    if (version === undefined) {
      throw new NotFoundError(
        `${name}@${alias} has no earlier version to roll back to: it has only pointed to version ` +
          `${current.value.version} (after any rollbacks).`,
        { resource: { kind: 'earlier version of alias', name: `${name}@${alias}` } },
      );
    }
    await versionOrFail(this.store, name, version, `${name}@${alias} would roll back to version`);
    return this.#move(name, alias, current, { reason: 'rollback', version });
  }

  /**
   * Approves a version for production (SageMaker's `Approved`).
   * @throws {@link NotFoundError} when the version does not exist.
   */
  async approve(name: string, version: string): Promise<void> {
    await this.#setApproval(name, version, 'approved');
  }

  /**
   * Rejects a version (SageMaker's `Rejected`).
   * @throws {@link NotFoundError} when the version does not exist.
   */
  async reject(name: string, version: string): Promise<void> {
    await this.#setApproval(name, version, 'rejected');
  }

  /**
   * A version's approval: `pending` until approved or rejected.
   * @throws {@link NotFoundError} when the version does not exist.
   */
  async approval(name: string, version: string): Promise<ApprovalStatus> {
    checkModelName(name);
    checkVersion(version);
    await versionOrFail(this.store, name, version);
    return this.store.getApproval(name, version);
  }

  /**
   * Deletes a version record (its artifact stays: other versions may share it). Its number is not given out again.
   * @throws {@link ConflictError} naming the aliases that point at it: move them first.
   * @throws {@link NotFoundError} when the version does not exist.
   */
  async delete(name: string, version: string): Promise<void> {
    checkModelName(name);
    checkVersion(version);
    await versionOrFail(this.store, name, version);
    const holding = (await this.store.listAliases(name)).filter((a) => a.version === version).map((a) => a.alias);
    if (holding.length > 0) {
      throw new ConflictError(
        `Cannot delete version ${version} of ${name}: ${holding.map((a) => `${name}@${a}`).join(', ')} ` +
          `point${holding.length === 1 ? 's' : ''} at it. Move ${holding.length === 1 ? 'that alias' : 'those aliases'} ` +
          'to another version first (setAlias, promote or rollback).',
      );
    }
    await this.store.deleteVersion(name, version);
  }

  #now(): string {
    const now = this.#clock();
    if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
      throw new InvalidArgumentError('clock', 'The clock of the Registry must return a valid Date.');
    }
    return now.toISOString();
  }

  async #move(
    name: string,
    alias: string,
    current: Revisioned<AliasState> | undefined,
    move: Pick<AliasChange, 'reason' | 'version' | 'from'>,
  ): Promise<AliasState> {
    if (current !== undefined && current.value.version === move.version && move.reason !== 'rollback') {
      return current.value;
    }
    const change: AliasChange = { ...move, at: this.#now(), by: this.#user };
    const state = movedAlias(current?.value, name, alias, change);
    // No retry on ConflictError: another writer moved the alias, and the caller must see that.
    await this.store.putAlias(state, current?.revision);
    return state;
  }

  async #setApproval(name: string, version: string, status: ApprovalStatus): Promise<void> {
    checkModelName(name);
    checkVersion(version);
    await versionOrFail(this.store, name, version);
    await this.store.setApproval(name, version, status);
  }
}

function contextOf(aws: AwsConfig | AwsContext | undefined): AwsContext {
  return aws instanceof AwsContext ? aws : new AwsContext(aws);
}
