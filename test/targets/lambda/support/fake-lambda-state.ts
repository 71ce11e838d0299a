/**
 * The state of the fake Lambda (functions, versions, aliases, the image each version runs) and its small helpers:
 * AWS-shaped errors and the stand-ins for the hashes Lambda computes.
 */
import { createHash } from 'node:crypto';
import { type FunctionConfiguration, LambdaServiceException } from '@aws-sdk/client-lambda';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';

export interface Alias {
  version: string;
  weights: Record<string, number>;
}

export interface FakeFunction {
  latest: FunctionConfiguration;
  /** The image of `$LATEST` and of each published version, for a function of PackageType Image. */
  readonly images: Map<string, string>;
  tags: Record<string, string>;
  readonly versions: Map<string, FunctionConfiguration>;
  /** True when `$LATEST` changed since the last version was published. */
  dirty: boolean;
  /** The number of the last version published (0: none yet). */
  lastPublished: number;
  readonly aliases: Map<string, Alias>;
  readonly urls: Map<string, string>;
  readonly statements: Map<string, Set<string>>;
  readonly provisioned: Map<string, number>;
  reserved?: number;
  /** Reads left before the change in progress settles. */
  pending: number;
}

/** An AWS-shaped Lambda error. */
export function lambdaError(name: string, message: string, status = 400): LambdaServiceException {
  return new LambdaServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, requestId: 'req-fake-lambda' },
    message,
  });
}

export const notFound = (what: string) => lambdaError('ResourceNotFoundException', `${what} not found`, 404);
export const conflict = (message: string) => lambdaError('ResourceConflictException', message, 409);

/** The `repository@sha256:…` form of an image URI, as `ResolvedImageUri` gives it. */
export function resolved(image: string): string {
  if (image.includes('@')) return image;
  return `${image.replace(/[:@][^/]*$/, '')}@sha256:${createHash('sha256').update(image).digest('hex')}`;
}

export function sha(bytes: Uint8Array | string | undefined): string {
  return createHash('sha256')
    .update(bytes ?? new Uint8Array())
    .digest('base64');
}
