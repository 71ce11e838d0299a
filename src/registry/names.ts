/**
 * The rules for model names, version strings and alias names, checked before anything is written. Versions start
 * with a digit and aliases with a letter, so `churn@3` and `churn@production` can never mean the same thing.
 */
import { InvalidArgumentError } from '../errors.js';

/**
 * A model name: 1 to 63 letters, digits and hyphens, starting and ending with a letter or digit. The rule of
 * SageMaker model package groups, so a name valid in one store is valid in every store.
 */
export const MODEL_NAME_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

/**
 * An alias: like a model name, but starting with a letter, so that it is never mistaken for a version (versions
 * always start with a digit).
 */
export const ALIAS_PATTERN = /^[a-zA-Z](-*[a-zA-Z0-9]){0,62}$/;

/**
 * A registry-numbered version: a whole number without leading zeros (`1`, `42`, never `01`, which would be a second
 * spelling of `1`), at most 15 digits so it stays an exact JavaScript number.
 */
export const NUMERIC_VERSION_PATTERN = /^(0|[1-9][0-9]{0,14})$/;

/** Semantic Versioning 2.0.0, the regular expression semver.org gives. */
export const SEMVER_PATTERN =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** The longest version string: a semver with long pre-release tags still fits in a file name and an S3 key. */
export const MAX_VERSION_LENGTH = 128;

/** True for a version the registry numbered (or could have): `1`, `2`, … */
export function isNumericVersion(version: string): boolean {
  return NUMERIC_VERSION_PATTERN.test(version);
}

/** True for a valid version string: a number (`3`) or a semver (`1.4.0`, `2.0.0-rc.1`). */
export function isValidVersion(version: unknown): version is string {
  return (
    typeof version === 'string' &&
    version.length <= MAX_VERSION_LENGTH &&
    (NUMERIC_VERSION_PATTERN.test(version) || SEMVER_PATTERN.test(version))
  );
}

/**
 * Checks a model name.
 * @throws {@link InvalidArgumentError} (`argument` defaults to `name`) saying what is allowed.
 * @example
 * ```ts
 * checkModelName('churn'); // ok
 * checkModelName('churn_v2'); // throws: "_" is not allowed
 * ```
 */
export function checkModelName(name: unknown, argument = 'name'): asserts name is string {
  if (typeof name === 'string' && MODEL_NAME_PATTERN.test(name)) return;
  throw new InvalidArgumentError(
    argument,
    `${argument} is ${JSON.stringify(name)}; a registered model's name must be 1 to 63 letters, digits and hyphens, ` +
      'starting and ending with a letter or digit (e.g. "churn-model").',
  );
}

/**
 * Checks a version string.
 * @throws {@link InvalidArgumentError} (`argument` defaults to `version`) saying what is allowed.
 * @example
 * ```ts
 * checkVersion('3'); checkVersion('1.4.0'); // ok
 * checkVersion('v1.4.0'); // throws, suggesting "1.4.0"
 * ```
 */
export function checkVersion(version: unknown, argument = 'version'): asserts version is string {
  if (isValidVersion(version)) return;
  let hint = '';
  if (typeof version === 'string' && /^[vV]/.test(version) && isValidVersion(version.slice(1))) {
    hint = ` Drop the "v": "${version.slice(1)}".`;
  } else if (typeof version === 'string' && /^0+[0-9]+$/.test(version)) {
    hint = ` Without leading zeros: "${version.replace(/^0+/, '')}".`;
  }
  throw new InvalidArgumentError(
    argument,
    `${argument} is ${JSON.stringify(version)}; a version must be a whole number without leading zeros ("3") or a ` +
      `semantic version ("1.4.0", "2.0.0-rc.1"), at most ${MAX_VERSION_LENGTH} characters.${hint}`,
  );
}

/**
 * Checks an alias name.
 * @throws {@link InvalidArgumentError} (`argument` defaults to `alias`) saying what is allowed.
 * @example
 * ```ts
 * checkAlias('production'); // ok
 * checkAlias('3'); // throws: aliases start with a letter, versions with a digit
 * ```
 */
export function checkAlias(alias: unknown, argument = 'alias'): asserts alias is string {
  if (typeof alias === 'string' && ALIAS_PATTERN.test(alias)) return;
  throw new InvalidArgumentError(
    argument,
    `${argument} is ${JSON.stringify(alias)}; an alias must be 1 to 63 letters, digits and hyphens, starting with a ` +
      'letter (so it is never mistaken for a version) and ending with a letter or digit (e.g. "production").',
  );
}

/** True when `versionOrAlias` names an alias (starts with a letter); false when it names a version. */
export function isAliasName(versionOrAlias: string): boolean {
  return /^[a-zA-Z]/.test(versionOrAlias);
}
