/**
 * Reading every page of a paginated AWS list call, the one loop every `Describe…`/`List…` caller needs.
 */

/**
 * Calls `page` with each continuation token in turn, from none until a page has none, and returns every item.
 * @example
 * ```ts
 * const policies = await allPages(
 *   (NextToken) => client.send(new DescribeScalingPoliciesCommand({ …, NextToken })),
 *   (page) => page.ScalingPolicies,
 * );
 * ```
 */
export async function allPages<P extends { readonly NextToken?: string | undefined }, T>(
  page: (token: string | undefined) => Promise<P>,
  items: (page: P) => readonly T[] | undefined,
): Promise<T[]> {
  const found: T[] = [];
  let token: string | undefined;
  do {
    const answer = await page(token);
    found.push(...(items(answer) ?? []));
    token = answer.NextToken;
  } while (token !== undefined);
  return found;
}
