/**
 * One text per record: JSON with object keys sorted at every depth, so the same record always hashes the same
 * whichever order its fields were built in, and two records can be compared by their text.
 */
import { createHash } from 'node:crypto';
import type { ModelVersion } from '../../types.js';

/** `value` as JSON with sorted keys; `undefined` members are dropped, as `JSON.stringify` drops them. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, member: unknown) => {
    if (typeof member !== 'object' || member === null || Array.isArray(member)) return member;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(member).sort()) sorted[key] = (member as Record<string, unknown>)[key];
    return sorted;
  });
}

/** SHA-256 of a text's UTF-8 bytes (or of bytes), lower-case hex. */
export function sha256Of(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Whether two versions have the same content, as the store contract defines it: everything but `createdAt` and
 * `createdBy`, which differ between two writers registering the same model.
 */
export function sameContent(a: ModelVersion, b: ModelVersion): boolean {
  const { createdAt: _a, createdBy: _b, ...left } = a;
  const { createdAt: _c, createdBy: _d, ...right } = b;
  return canonicalJson(left) === canonicalJson(right);
}
