/**
 * IAM policy documents as data: their shape, the JSON IAM takes (checked against IAM's size limits before any
 * call), and a comparison that survives IAM's way of handing a stored document back (URL-encoded, whitespace and
 * key order not kept).
 */
import { InvalidArgumentError } from '../../../errors.js';

/** A string or a list of strings, as IAM takes `Action`, `Resource` and condition values. */
export type OneOrMore = string | readonly string[];

/** One statement of an IAM policy. */
export interface PolicyStatement {
  /** A name for people (letters and digits only, as IAM requires of `Sid`). */
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  /** Only in a trust policy: who may assume the role. */
  readonly Principal?: { readonly Service: OneOrMore };
  readonly Action: OneOrMore;
  /** Absent only in a trust policy, whose resource is the role itself. */
  readonly Resource?: OneOrMore;
  /** `{ operator: { key: value(s) } }`, e.g. `{ StringEquals: { 'aws:SourceAccount': '123456789012' } }`. */
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, OneOrMore>>>>;
}

/** An IAM policy document (language version 2012-10-17, the one that supports policy variables). */
export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

/**
 * The IAM quotas a policy document must fit in, in characters: 2,048 for a role's trust policy (the default
 * quota) and 10,240 for all the inline policies of one role together. IAM does not count white space; modelship
 * sends compact JSON, so its length is what counts.
 */
export const POLICY_SIZE_LIMITS = Object.freeze({ trust: 2048, inline: 10_240 });

/**
 * The document as the compact JSON IAM takes (`AssumeRolePolicyDocument`, `PolicyDocument`).
 * @param kind - which IAM quota applies.
 * @throws {@link InvalidArgumentError} (`argument: 'role'`) when the JSON is over that quota (a VPC of many
 * subnets and security groups can get there), before IAM is asked.
 */
export function policyJson(document: PolicyDocument, kind: keyof typeof POLICY_SIZE_LIMITS): string {
  const json = JSON.stringify(document);
  const limit = POLICY_SIZE_LIMITS[kind];
  if (json.length > limit) {
    throw new InvalidArgumentError(
      'role',
      `The ${kind === 'trust' ? 'trust' : 'permissions'} policy of the execution role would be ${json.length} ` +
        `characters long; IAM allows ${limit}. Use fewer subnets or security groups, or pass role with the ARN of a ` +
        'role of your own.',
    );
  }
  return json;
}

/**
 * True when two policy documents say the same: each may be JSON text, URL-encoded JSON text (as `GetRolePolicy`
 * and `GetRole` return it) or a document. Object keys may come in any order; list order counts.
 */
export function samePolicy(a: string | PolicyDocument, b: string | PolicyDocument): boolean {
  const left = canonical(a);
  return left !== undefined && left === canonical(b);
}

/**
 * The JSON text of a policy document as IAM returns it (`GetRolePolicy`, `GetRole`: URL-encoded), or
 * `undefined` when it is not JSON either way.
 */
export function storedPolicyText(stored: string): string | undefined {
  for (const candidate of [stored, safeDecode(stored)]) {
    if (candidate === undefined) continue;
    try {
      JSON.parse(candidate);
      return candidate;
    } catch {
      // not JSON as it stands: try the decoded form
    }
  }
  return undefined;
}

// A document that is not JSON compares unequal to everything, so a policy modelship cannot read is replaced
// rather than trusted.
function canonical(document: string | PolicyDocument): string | undefined {
  let value: unknown = document;
  if (typeof document === 'string') {
    const text = storedPolicyText(document);
    if (text === undefined) return undefined;
    value = JSON.parse(text);
  }
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    return Object.fromEntries(Object.entries(item).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
  });
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
