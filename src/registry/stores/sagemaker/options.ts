/**
 * The options of the SageMaker registry store, and the names it derives from them: a model's model package group
 * and the S3 keys of its aliases, manifests and artifacts. Everything is checked before any AWS call, so a name
 * SageMaker or S3 would refuse is an {@link InvalidArgumentError} naming the option.
 */
import { RESOURCE_NAME_PATTERN } from '../../../aws/naming.js';
import { InvalidArgumentError } from '../../../errors.js';
import { validateKmsKeyId } from '../../../model/artifact/kms-key.js';
import { validateBucketName, validateObjectKey } from '../../../model/artifact/s3-location.js';

/**
 * Options of {@link SageMakerRegistryStore}.
 *
 * @example
 * ```ts
 * const registry = Registry.sagemaker({
 *   artifactBucket: 'ml-registry-eu-west-1',
 *   groupPrefix: 'ml-',
 *   aws: { region: 'eu-west-1' },
 * });
 * ```
 */
export interface SageMakerRegistryStoreOptions {
  /**
   * The bucket for artifacts, alias records and manifests too large for a model package. It must be in the region
   * of the model packages: SageMaker only reads a `ModelDataUrl` of its own region.
   */
  readonly artifactBucket: string;
  /**
   * The folder in the bucket, e.g. `ml/registry`.
   * @default `modelship-registry`
   */
  readonly prefix?: string;
  /**
   * Encrypts every object the store writes with this KMS key (SSE-KMS).
   * @default SSE-S3 (`AES256`)
   */
  readonly kmsKeyId?: string;
  /**
   * Put before every model name to make its model package group name, e.g. `ml-` makes `churn` the group
   * `ml-churn`. Letters, digits and hyphens. With the default, `listNames` lists every group of the account.
   * @default '' (the group is named as the model)
   */
  readonly groupPrefix?: string;
  /**
   * Also show each version's aliases on its model package, as the customer metadata property `modelship:aliases`
   * (`production staging`), for people looking in SageMaker Studio. The S3 alias records stay the truth; the
   * mirror is updated after each alias move and may lag behind it.
   * @default true
   */
  readonly mirrorAliases?: boolean;
}

/** The options with defaults applied, checked. */
export interface ResolvedOptions {
  readonly bucket: string;
  /** Without slashes at its ends; never empty. */
  readonly prefix: string;
  readonly kmsKeyId: string | undefined;
  readonly groupPrefix: string;
  readonly mirrorAliases: boolean;
}

const DEFAULT_PREFIX = 'modelship-registry';
/** SageMaker's `EntityName`: what a model package group may be called. */
const MAX_GROUP_NAME = 63;
const GROUP_PREFIX = /^([a-zA-Z0-9][a-zA-Z0-9-]*)?$/;
// Object keys and customer metadata values (the manifest URI is one) share these characters.
const PREFIX_CHARACTERS = /^[a-zA-Z0-9_.:/=+@-]+$/;
/** Alias names become object keys: one path segment. */
const ALIAS_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/;

/**
 * Checks the options and applies the defaults.
 * @throws {@link InvalidArgumentError} naming the option at fault.
 */
export function resolveOptions(options: SageMakerRegistryStoreOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError('options', 'The SageMaker registry store needs { artifactBucket }.');
  }
  validateBucketName(options.artifactBucket, 'artifactBucket');
  const prefix = (options.prefix ?? DEFAULT_PREFIX).replace(/^\/+|\/+$/g, '');
  if (prefix === '' || !PREFIX_CHARACTERS.test(prefix) || prefix.includes('//')) {
    throw new InvalidArgumentError(
      'prefix',
      `"${String(options.prefix)}" is not a usable registry prefix: use letters, digits and _ . : / = + @ -, such as "ml/registry".`,
    );
  }
  validateObjectKey(prefix, 'prefix');
  if (options.kmsKeyId !== undefined) validateKmsKeyId(options.kmsKeyId);
  const groupPrefix = options.groupPrefix ?? '';
  if (typeof groupPrefix !== 'string' || !GROUP_PREFIX.test(groupPrefix) || groupPrefix.length >= MAX_GROUP_NAME) {
    throw new InvalidArgumentError(
      'groupPrefix',
      `"${String(groupPrefix)}" cannot start a model package group name: use letters, digits and hyphens, starting ` +
        'with a letter or digit, such as "ml-".',
    );
  }
  return {
    bucket: options.artifactBucket,
    prefix,
    kmsKeyId: options.kmsKeyId,
    groupPrefix,
    mirrorAliases: options.mirrorAliases ?? true,
  };
}

/**
 * The model package group of a model: `groupPrefix + name`.
 * @throws {@link InvalidArgumentError} (`argument: 'name'`) when the result is not a group name SageMaker takes.
 * Upper-case letters are refused too: SageMaker matches group names without regard to case while S3 keys do not,
 * so `Churn` and `churn` would share one group but not their aliases.
 */
export function groupName(options: ResolvedOptions, name: string): string {
  const group = `${options.groupPrefix}${name}`;
  if (
    typeof name !== 'string' ||
    name === '' ||
    /[A-Z]/.test(name) ||
    !RESOURCE_NAME_PATTERN.test(group) ||
    group.length > MAX_GROUP_NAME
  ) {
    const room = MAX_GROUP_NAME - options.groupPrefix.length;
    throw new InvalidArgumentError(
      'name',
      `"${String(name)}" cannot name a model in the SageMaker Model Registry: use lower-case letters, digits and ` +
        `hyphens, starting and ending with a letter or digit, at most ${room} characters (it becomes the model ` +
        `package group "${options.groupPrefix}<name>").`,
    );
  }
  return group;
}

/**
 * Checks an alias name before it becomes part of an object key.
 * @throws {@link InvalidArgumentError} (`argument: 'alias'`).
 */
export function checkAliasName(alias: string): void {
  if (typeof alias === 'string' && ALIAS_NAME.test(alias)) return;
  throw new InvalidArgumentError(
    'alias',
    `"${String(alias)}" cannot name an alias: use letters, digits and _ . -, starting with a letter or digit, at most 63 characters.`,
  );
}

/** Where the store keeps what is not in SageMaker. */
export const keys = {
  /** The folder of a model's alias records. */
  aliases: (options: ResolvedOptions, name: string): string => `${options.prefix}/aliases/${name}/`,
  alias: (options: ResolvedOptions, name: string, alias: string): string =>
    `${options.prefix}/aliases/${name}/${alias}.json`,
  /** A manifest too large for a model package, content-addressed by the SHA-256 of its JSON. */
  manifest: (options: ResolvedOptions, name: string, sha256: string): string =>
    `${options.prefix}/manifests/${name}/${sha256}.json`,
  /** The marker of a deleted version: its number is never given out again. */
  deleted: (options: ResolvedOptions, name: string, version: string): string =>
    `${options.prefix}/deleted/${name}/${version}.json`,
  /** The folder `contentAddressedKey` puts a model's artifacts under. */
  artifacts: (options: ResolvedOptions, name: string): string => `${options.prefix}/artifacts/${name}`,
};
