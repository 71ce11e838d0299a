/**
 * Names of what a SageMaker deployment makes. Models and endpoint configs are never changed in place (SageMaker
 * cannot), so each gets a name derived from its content: the same spec always gives the same name (a second deploy
 * finds it and changes nothing) and a changed spec gives a new one (the old keeps serving until the new is live).
 */
import { createHash } from 'node:crypto';
import { MAX_RESOURCE_NAME_LENGTH, toResourceName } from '../../aws/naming.js';

const HASH_LENGTH = 10;

/** JSON with object keys sorted at every depth, so equal content always hashes the same. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    const entries = Object.entries(item as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}

/** The first hex digits of the SHA-256 of `content`'s canonical JSON. */
export function contentHash(content: unknown, length = HASH_LENGTH): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex').slice(0, length);
}

/**
 * `<base>-<hash of content>`, at most 63 characters: `churn-3f9a1c02be`.
 * @example
 * ```ts
 * contentName('churn', { Image: '…', ModelDataUrl: 's3://…' }); // 'churn-3f9a1c02be'
 * ```
 */
export function contentName(base: string, content: unknown): string {
  const prefix = toResourceName(base, { maxLength: MAX_RESOURCE_NAME_LENGTH - HASH_LENGTH - 1 });
  return `${prefix}-${contentHash(content)}`;
}

/** The CloudWatch log group SageMaker writes an endpoint's container logs to. */
export function endpointLogGroup(endpointName: string): string {
  return `/aws/sagemaker/Endpoints/${endpointName}`;
}
