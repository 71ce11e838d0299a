/**
 * What the S3 registry store's tests share: a loopback S3 server that enforces conditional writes, stores on it,
 * and sample records.
 */
import { S3RegistryStore } from '../../../../src/registry/stores/s3/index.js';
import type { S3RegistryStoreOptions } from '../../../../src/registry/stores/s3/options.js';
import type { AliasState, ModelVersion } from '../../../../src/registry/types.js';
import { type S3Server, startS3Server } from '../../../support/s3-server.js';
import { addListObjectsV2 } from './s3rver-list-objects.js';

/** The registry's bucket on the test server. */
export const BUCKET = 'registry';
/** Another bucket, for artifacts registered from elsewhere. */
export const OTHER_BUCKET = 'incoming';

/**
 * Starts s3rver on loopback with conditional writes enforced, ListObjectsV2 paging and common prefixes as S3's, and
 * both buckets made.
 */
export function startRegistryServer(): Promise<S3Server> {
  return startS3Server({ buckets: [BUCKET, OTHER_BUCKET], conditionalWrites: true, extensions: [addListObjectsV2] });
}

/** A store on the test server under `prefix` (a fresh prefix per test keeps tests apart). */
export function storeOn(
  s3: S3Server,
  prefix: string,
  options: Omit<S3RegistryStoreOptions, 'bucket' | 'prefix'> = {},
): S3RegistryStore {
  return new S3RegistryStore(s3.aws, { bucket: BUCKET, prefix, ...options });
}

/** A version record; `overrides` changes any member. */
export function sampleVersion(name: string, version: string, overrides: Partial<ModelVersion> = {}): ModelVersion {
  return {
    name,
    version,
    framework: 'onnx',
    contentTypes: ['application/json'],
    metadata: { owner: 'ml-team' },
    metrics: { auc: 0.91 },
    createdAt: new Date().toISOString(),
    createdBy: 'arn:aws:iam::123456789012:user/ci',
    ...overrides,
  };
}

/** An alias state pointing at `version`, after `earlier` versions (oldest first). */
export function aliasAt(name: string, alias: string, version: string, earlier: readonly string[] = []): AliasState {
  const at = '2025-01-01T00:00:00.000Z';
  const history = [...earlier, version].map((v) => ({ version: v, at, by: 'ci', reason: 'set' as const }));
  return { name, alias, version, history };
}

/** Each settled result as `created`, `unchanged`, or the error's code. */
export function outcomes(results: readonly PromiseSettledResult<unknown>[]): string[] {
  return results.map((result) =>
    result.status === 'fulfilled' ? String(result.value) : String((result.reason as { code?: unknown }).code),
  );
}

/** How many times each outcome occurs, e.g. `{ created: 1, CONFLICT: 99 }`. */
export function tally(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
