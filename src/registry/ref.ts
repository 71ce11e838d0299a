/**
 * References to registered models as people write them: `churn@production` (an alias), `churn@3` or
 * `churn@1.4.0` (a version), `churn` (the model, with no version chosen).
 */
import { InvalidArgumentError } from '../errors.js';
import { checkAlias, checkModelName, checkVersion, isAliasName } from './names.js';

/**
 * A parsed model reference: a name and at most one of `version` or `alias`.
 *
 * @example
 * ```ts
 * const ref: ModelRef = parseModelRef('churn@production'); // { name: 'churn', alias: 'production' }
 * ```
 */
export interface ModelRef {
  /** The model's name in the registry. */
  readonly name: string;
  /** Set for `name@<version>`: the reference starts with a digit after `@`. */
  readonly version?: string;
  /** Set for `name@<alias>`: the reference starts with a letter after `@`. */
  readonly alias?: string;
}

/**
 * Parses `name`, `name@alias` or `name@version`. What follows `@` is an alias when it starts with a letter and a
 * version when it starts with a digit, so the two can never be confused.
 * @throws {@link InvalidArgumentError} (`argument: 'ref'`) when the name, alias or version is not valid.
 * @example
 * ```ts
 * parseModelRef('churn@production'); // { name: 'churn', alias: 'production' }
 * parseModelRef('churn@3');          // { name: 'churn', version: '3' }
 * parseModelRef('churn');            // { name: 'churn' }
 * ```
 */
export function parseModelRef(ref: string): ModelRef {
  if (typeof ref !== 'string') {
    throw new InvalidArgumentError('ref', `ref must be a string such as "churn@production", not ${typeof ref}.`);
  }
  const at = ref.indexOf('@');
  const name = at === -1 ? ref : ref.slice(0, at);
  try {
    checkModelName(name, 'ref');
    if (at === -1) return { name };
    const selector = ref.slice(at + 1);
    if (isAliasName(selector)) {
      checkAlias(selector, 'ref');
      return { name, alias: selector };
    }
    checkVersion(selector, 'ref');
    return { name, version: selector };
  } catch (error) {
    throw new InvalidArgumentError(
      'ref',
      `${JSON.stringify(ref)} is not a model reference: write name@alias ("churn@production") or name@version ` +
        `("churn@3", "churn@1.4.0"). ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/**
 * The text form of a reference: `churn@production`, `churn@3`, `churn`.
 *
 * @example
 * ```ts
 * formatModelRef({ name: 'churn', alias: 'production' }); // 'churn@production'
 * formatModelRef({ name: 'churn', version: '3' }); // 'churn@3'
 * ```
 */
export function formatModelRef(ref: ModelRef): string {
  const selector = ref.alias ?? ref.version;
  return selector === undefined ? ref.name : `${ref.name}@${selector}`;
}
