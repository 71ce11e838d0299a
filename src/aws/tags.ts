/**
 * Tags for the AWS resources a deployment creates: the user's own plus modelship's (`modelship:deployment`,
 * `modelship:version`, …), checked against the AWS `Tag` shape (as in the SageMaker API model) before any call.
 */
import { InvalidArgumentError } from '../errors.js';
import { VERSION } from './version.js';

/** One AWS tag, in the `{ Key, Value }` form of SageMaker, CloudWatch, SNS and IAM. */
export interface AwsTag {
  readonly Key: string;
  readonly Value: string;
}

/** What modelship records about itself on every resource it creates. */
export interface ModelshipTagValues {
  /** The deployment's name → `modelship:deployment`. */
  readonly deployment?: string;
  /** The target kind, e.g. `sagemaker-realtime` → `modelship:target`. */
  readonly target?: string;
  /** The model version being deployed → `modelship:model-version`. */
  readonly modelVersion?: string;
}

/** The most tags AWS allows on one resource. */
export const MAX_TAGS = 50;
/** Tag keys starting with this are modelship's own; users cannot set them. */
export const MODELSHIP_TAG_PREFIX = 'modelship:';

const MAX_KEY_LENGTH = 128;
const MAX_VALUE_LENGTH = 256;
// The AWS Tag shape's pattern: letters, separators (spaces), digits and _ . : / = + - @ in any script.
const TAG_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const CHARACTERS = 'has a character AWS does not allow in tags: use letters, digits, spaces and _ . : / = + - @ only.';

/**
 * The tag list for a resource: `tags` in their order, then modelship's own tags, `modelship:version` (the
 * modelship version that made the resource) always among them.
 *
 * @param tags - the user's tags, e.g. `{ team: 'ml', 'cost-center': '42' }`.
 * @param own - what modelship records about the deployment.
 * @throws {@link InvalidArgumentError} (`argument: 'tags.<key>'` or `'tags'`) when a key or value is too long,
 * uses a character AWS does not allow, starts with the reserved `aws:` or `modelship:`, or there would be more
 * than 50 tags in all.
 * @example
 * ```ts
 * buildTags({ team: 'ml' }, { deployment: 'churn' });
 * // [{ Key: 'team', Value: 'ml' }, { Key: 'modelship:deployment', Value: 'churn' },
 * //  { Key: 'modelship:version', Value: '0.1.0' }]
 * ```
 */
export function buildTags(tags: Readonly<Record<string, string>> = {}, own: ModelshipTagValues = {}): AwsTag[] {
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) {
    throw new InvalidArgumentError('tags', 'tags must be an object of string values, e.g. { team: "ml" }.');
  }
  const list: AwsTag[] = [];
  for (const [key, value] of Object.entries(tags)) {
    const reserved = [MODELSHIP_TAG_PREFIX, 'aws:'].find((prefix) => key.toLowerCase().startsWith(prefix));
    if (reserved !== undefined) {
      throw new InvalidArgumentError(
        `tags.${key}`,
        `The tag key "${key}" starts with "${reserved}", which is reserved${reserved === 'aws:' ? ' by AWS' : ' for modelship'}. Use another key.`,
      );
    }
    list.push(checkTag(key, value));
  }
  const ownTags: [string, string | undefined][] = [
    ['deployment', own.deployment],
    ['target', own.target],
    ['model-version', own.modelVersion],
    ['version', VERSION],
  ];
  for (const [name, value] of ownTags) {
    if (value !== undefined) list.push(checkTag(`${MODELSHIP_TAG_PREFIX}${name}`, value));
  }
  if (list.length > MAX_TAGS) {
    const ownCount = list.length - Object.keys(tags).length;
    throw new InvalidArgumentError(
      'tags',
      `${Object.keys(tags).length} tags were given and modelship adds ${ownCount} of its own: AWS allows ${MAX_TAGS} ` +
        `on a resource. Remove at least ${list.length - MAX_TAGS} of yours.`,
    );
  }
  return list;
}

/** A tag list as a record, the form Lambda and Application Auto Scaling take (`Tags: { key: value }`). */
export function tagsToRecord(tags: readonly AwsTag[]): Record<string, string> {
  return Object.fromEntries(tags.map((tag) => [tag.Key, tag.Value]));
}

function checkTag(key: string, value: unknown): AwsTag {
  const keyLength = [...key].length;
  if (keyLength < 1 || keyLength > MAX_KEY_LENGTH) {
    throw new InvalidArgumentError(
      `tags.${key}`,
      `The tag key "${key}" is ${keyLength} characters long; AWS allows 1 to ${MAX_KEY_LENGTH}.`,
    );
  }
  if (!TAG_PATTERN.test(key)) {
    throw new InvalidArgumentError(`tags.${key}`, `The tag key "${key}" ${CHARACTERS}`);
  }
  if (typeof value !== 'string') {
    throw new InvalidArgumentError(`tags.${key}`, `The value of tag "${key}" must be a string, not ${typeof value}.`);
  }
  const valueLength = [...value].length;
  if (valueLength > MAX_VALUE_LENGTH) {
    throw new InvalidArgumentError(
      `tags.${key}`,
      `The value of tag "${key}" is ${valueLength} characters long; AWS allows at most ${MAX_VALUE_LENGTH}.`,
    );
  }
  if (!TAG_PATTERN.test(value)) {
    throw new InvalidArgumentError(`tags.${key}`, `The value of tag "${key}" ("${value}") ${CHARACTERS}`);
  }
  return { Key: key, Value: value };
}
