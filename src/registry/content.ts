/**
 * What makes two registrations of one version "the same": everything recorded except when and by whom. Registering
 * a version again with the same content is a no-op; with other content it is a conflict.
 */
import type { ModelVersion } from './types.js';

/**
 * JSON with object keys sorted at every level and `undefined` members left out, so equal records give equal text
 * whatever order their fields were set in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/** The part of a version that must not change: the record without `createdAt` and `createdBy`, canonical. */
export function versionContent(version: ModelVersion): string {
  const { createdAt: _createdAt, createdBy: _createdBy, ...content } = version;
  return canonicalJson(content);
}

/**
 * True when `a` and `b` record the same model: the same artifact bytes, serving settings, metadata and metrics.
 * @example
 * ```ts
 * sameVersionContent(existing, { ...existing, createdAt: new Date().toISOString() }); // true
 * ```
 */
export function sameVersionContent(a: ModelVersion, b: ModelVersion): boolean {
  return versionContent(a) === versionContent(b);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) sorted[key] = sortKeys(member);
  }
  return sorted;
}
