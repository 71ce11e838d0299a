/**
 * Reading many records at once without opening thousands of files or requests at the same moment: a remote store
 * would be throttled, a local one would run out of file descriptors.
 */

/** How many records are read at once. */
export const READ_CONCURRENCY = 16;

/** `items.map(fn)`, awaited, with at most `limit` calls running at a time; results in the order of `items`. */
export async function mapLimit<T, R>(
  items: readonly T[],
  fn: (item: T) => Promise<R>,
  limit = READ_CONCURRENCY,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
