/**
 * Names of SageMaker resources (endpoints, endpoint configs, models, variants, jobs): their rule, turning any text
 * into a valid name, and unique names for resources that are replaced rather than updated (endpoint configs).
 */
import { randomBytes } from 'node:crypto';
import { InvalidArgumentError } from '../errors.js';

/**
 * The longest SageMaker resource name (`EndpointName`, `EndpointConfigName`, `ModelName` in the SageMaker API
 * model all allow 63 characters).
 */
export const MAX_RESOURCE_NAME_LENGTH = 63;

/**
 * The SageMaker name rule (`EndpointName`, `EndpointConfigName`, `ModelName`): letters, digits and hyphens,
 * starting and ending with a letter or digit, at most 63 characters.
 */
export const RESOURCE_NAME_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

// `-YYYYMMDD-HHMMSS-xxxx`: UTC time to the second, so names sort by creation time, then 4 random hex digits.
const SUFFIX_LENGTH = 21;

/** Options of {@link toResourceName}. */
export interface ResourceNameOptions {
  /**
   * The longest the whole name may be.
   * @default 63
   */
  readonly maxLength?: number;
}

/** Options of {@link uniqueName}. */
export interface UniqueNameOptions extends ResourceNameOptions {
  /**
   * The time written into the suffix.
   * @default now
   */
  readonly now?: Date;
}

/** True when `name` is a valid SageMaker resource name. */
export function isValidResourceName(name: unknown): name is string {
  return typeof name === 'string' && RESOURCE_NAME_PATTERN.test(name);
}

/**
 * Checks a SageMaker resource name.
 * @param argument - the option the name came from, for the error.
 * @throws {@link InvalidArgumentError} saying what is wrong and suggesting a valid name.
 */
export function validateResourceName(name: unknown, argument = 'name'): asserts name is string {
  if (isValidResourceName(name)) return;
  const text = String(name);
  let why: string;
  if (typeof name !== 'string' || name === '') why = 'it is empty';
  else if ([...name].length > MAX_RESOURCE_NAME_LENGTH) why = `it is ${[...name].length} characters long`;
  else if (/^-|-$/.test(name)) why = 'it starts or ends with "-"';
  else why = 'it contains characters other than letters, digits and "-"';
  let hint = '';
  try {
    hint = ` Try "${toResourceName(text)}".`;
  } catch {
    // no letters or digits: nothing to suggest
  }
  throw new InvalidArgumentError(
    argument,
    `"${text}" is not a valid SageMaker name: ${why}. Use 1 to ${MAX_RESOURCE_NAME_LENGTH} letters, digits and ` +
      `hyphens, starting and ending with a letter or digit.${hint}`,
  );
}

/**
 * Turns any text into a valid SageMaker resource name: accents are dropped (`é` → `e`), letters lower-cased
 * (SageMaker compares names case-insensitively and shows them lower-case in ARNs), every run of other characters
 * becomes one `-`, hyphens are trimmed from both ends, and the result is cut to `maxLength`.
 *
 * @throws {@link InvalidArgumentError} when `raw` has no letter or digit to build a name from, or `maxLength` is
 * not between 1 and 63.
 * @example
 * ```ts
 * toResourceName('Churn model (v2)'); // 'churn-model-v2'
 * ```
 */
export function toResourceName(raw: string, options: ResourceNameOptions = {}): string {
  const maxLength = options.maxLength ?? MAX_RESOURCE_NAME_LENGTH;
  checkMaxLength(maxLength, 1);
  const name = String(raw)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
  if (name === '') {
    throw new InvalidArgumentError(
      'name',
      `Cannot make a resource name from "${raw}": it has no letters or digits. Use a name such as "churn-model".`,
    );
  }
  return name;
}

/**
 * A new name made of `base` (made valid with {@link toResourceName}, and shortened as needed) and a suffix of the
 * UTC time and 4 random hex digits, e.g. `churn-20261125-054233-ab12`: names made later sort after earlier ones,
 * and two made in the same second differ.
 *
 * @throws {@link InvalidArgumentError} when `base` has no letter or digit, or `maxLength` is too small for the
 * 21-character suffix and one character of base.
 * @example
 * ```ts
 * uniqueName('churn'); // 'churn-20261125-054233-ab12'
 * ```
 */
export function uniqueName(base: string, options: UniqueNameOptions = {}): string {
  const maxLength = options.maxLength ?? MAX_RESOURCE_NAME_LENGTH;
  checkMaxLength(maxLength, SUFFIX_LENGTH + 1);
  const now = options.now ?? new Date();
  if (
    !(now instanceof Date) ||
    Number.isNaN(now.getTime()) ||
    now.getUTCFullYear() < 0 ||
    now.getUTCFullYear() > 9999
  ) {
    throw new InvalidArgumentError('now', 'now must be a valid Date between the years 0 and 9999.');
  }
  const stamp = now.toISOString(); // 2026-11-25T05:42:33.000Z
  const date = stamp.slice(0, 10).replaceAll('-', '');
  const time = stamp.slice(11, 19).replaceAll(':', '');
  const random = randomBytes(2).toString('hex');
  return `${toResourceName(base, { maxLength: maxLength - SUFFIX_LENGTH })}-${date}-${time}-${random}`;
}

function checkMaxLength(maxLength: number, min: number): void {
  if (!Number.isInteger(maxLength) || maxLength < min || maxLength > MAX_RESOURCE_NAME_LENGTH) {
    throw new InvalidArgumentError(
      'maxLength',
      `maxLength must be a whole number from ${min} to ${MAX_RESOURCE_NAME_LENGTH}, not ${maxLength}.`,
    );
  }
}
