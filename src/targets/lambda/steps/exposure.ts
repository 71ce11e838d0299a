/**
 * What the two exposures (a Function URL, an API Gateway HTTP API route) have in common: how `auth` maps to the
 * service's auth type, the warning a public one carries in the plan, and granting invoke rights in the function's
 * resource policy in a way a retried step can repeat.
 */
import type { AddPermissionRequest } from '@aws-sdk/client-lambda';
import { ConflictError } from '../../../errors.js';
import type { LambdaApi } from '../api.js';
import type { LambdaSettings } from '../check-options.js';

/**
 * `AWS_IAM` (SigV4-signed callers only) or `NONE` (anyone): the same word for Function URLs and routes.
 *
 * @example
 * ```ts
 * const { url, authType } = deployment.outputs.get('function-url') as LambdaFunctionUrlOutput;
 * if (authType === 'NONE') console.warn(`${url} is public`);
 * ```
 */
export type ExposureAuth = 'AWS_IAM' | 'NONE';

/** The auth type the settings ask of the exposure; `NONE` only passed the checks with `allowPublic`. */
export function exposureAuth(settings: Pick<LambdaSettings, 'auth'>): ExposureAuth {
  return settings.auth === 'none' ? 'NONE' : 'AWS_IAM';
}

/** Appended to the reason of a step that makes an exposure public, so the plan says so loudly. */
export const PUBLIC_WARNING = ' — PUBLIC: anyone on the internet can call the model, billed to you';

/**
 * Adds a statement to the function's resource policy. "The statement id provided already exists" counts as done:
 * an earlier try of the same step added it and its answer was lost.
 */
export async function addPermissionOnce(
  api: LambdaApi,
  input: AddPermissionRequest,
  signal: AbortSignal,
): Promise<void> {
  try {
    await api.addPermission(input, signal);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
}
