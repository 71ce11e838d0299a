/**
 * Tag lists for S3: the bucket's (`PutBucketTagging`, at most 50) and an object's (`x-amz-tagging`, at most 10).
 * Tag keys and values are checked by {@link buildTags}, which callers use to make the list; only what S3 adds to
 * that is checked here.
 */
import type { AwsTag } from '../../aws/tags.js';
import { InvalidArgumentError } from '../../errors.js';

/** S3 allows at most 10 tags on an object (50 on a bucket). */
export const MAX_OBJECT_TAGS = 10;
/** S3 allows at most 50 tags on a bucket. */
export const MAX_BUCKET_TAGS = 50;

/**
 * Checks a tag list's shape and size.
 * @throws {@link InvalidArgumentError} (`argument: 'tags'`) when it is not a list of `{ Key, Value }` strings or is
 * longer than `max`.
 */
export function checkTagList(tags: unknown, max: number, what: string): asserts tags is readonly AwsTag[] {
  if (
    !Array.isArray(tags) ||
    !tags.every((tag: Partial<AwsTag> | null) => typeof tag?.Key === 'string' && typeof tag.Value === 'string')
  ) {
    throw new InvalidArgumentError('tags', 'tags must be a list of { Key, Value } strings, as buildTags() makes.');
  }
  if (tags.length > max) {
    throw new InvalidArgumentError(
      'tags',
      `${tags.length} tags were given, but S3 allows at most ${max} on ${what}. Drop ${tags.length - max} of them.`,
    );
  }
}

/** The `x-amz-tagging` value of a tag list: URL-encoded `key=value` pairs joined by `&`. */
export function toTaggingHeader(tags: readonly AwsTag[]): string {
  return new URLSearchParams(tags.map((tag): [string, string] => [tag.Key, tag.Value])).toString();
}
