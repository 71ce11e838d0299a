/**
 * The function as the spec wants it, in the shapes of Lambda's requests, and what differs from the function as
 * GetFunction returns it. Code and configuration are compared apart because Lambda changes them with separate
 * calls (UpdateFunctionCode, which also carries the architecture, and UpdateFunctionConfiguration).
 */
import type {
  CreateFunctionRequest,
  FunctionCode,
  FunctionCodeLocation,
  FunctionConfiguration,
  UpdateFunctionConfigurationRequest,
} from '@aws-sdk/client-lambda';
import { ConflictError } from '../../errors.js';
import type { LambdaSettings } from './check-options.js';
import { runsImage } from './image.js';

/**
 * The function's code: a zip package run by a Lambda runtime through its handler, or a container image, which
 * brings its own runtime (so no `Runtime` or `Handler`).
 */
export type DesiredCode =
  | {
      readonly packageType: 'Zip';
      readonly handler: string;
      /** Lambda's `CodeSha256` of the package (base64). */
      readonly codeSha256: string;
    }
  | { readonly packageType: 'Image'; readonly imageUri: string };

/** Everything about the function that a deployment decides. */
export interface DesiredFunction {
  readonly functionName: string;
  readonly roleArn: string;
  readonly settings: LambdaSettings;
  readonly code: DesiredCode;
  /** The function's environment: the target's `env` over the model's (an image model may bring its own). */
  readonly env: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
  readonly description: string;
}

/** The configuration members of UpdateFunctionConfiguration (also sent by CreateFunction). */
export function configurationRequest(desired: DesiredFunction): UpdateFunctionConfigurationRequest {
  const { settings, code } = desired;
  return {
    FunctionName: desired.functionName,
    Role: desired.roleArn,
    // Left out for an image: Lambda refuses them with PackageType Image, and GetFunction shows neither.
    ...(code.packageType === 'Zip' ? { Handler: code.handler, Runtime: settings.runtime } : {}),
    MemorySize: settings.memoryMb,
    Timeout: settings.timeoutS,
    EphemeralStorage: { Size: settings.ephemeralStorageMb },
    Environment: { Variables: { ...desired.env } },
    // An empty ARN puts back Lambda's own key when a key is no longer asked for.
    KMSKeyArn: settings.kmsKeyArn ?? '',
    Description: desired.description,
  };
}

/** The CreateFunction request of a new function. */
export function createRequest(desired: DesiredFunction, code: FunctionCode): CreateFunctionRequest {
  const { KMSKeyArn, ...configuration } = configurationRequest(desired);
  return {
    ...configuration,
    FunctionName: desired.functionName,
    Role: desired.roleArn,
    Code: code,
    PackageType: desired.code.packageType,
    Architectures: [desired.settings.architecture],
    Tags: { ...desired.tags },
    Publish: false,
    ...(KMSKeyArn === '' ? {} : { KMSKeyArn }),
  };
}

/**
 * What differs in the code: `[]`, or `code`/`image` and/or `architecture`.
 * @param location - GetFunction's `Code`, which alone names an image function's image.
 */
export function codeDifferences(
  current: FunctionConfiguration,
  desired: DesiredFunction,
  location: FunctionCodeLocation | undefined,
): string[] {
  const differences: string[] = [];
  const { code } = desired;
  if (code.packageType === 'Image' && !runsImage(location, code.imageUri)) differences.push('image');
  if (code.packageType === 'Zip' && current.CodeSha256 !== code.codeSha256) differences.push('code');
  if ((current.Architectures ?? ['x86_64'])[0] !== desired.settings.architecture) differences.push('architecture');
  return differences;
}

/** The names of the configuration settings that differ, for the plan's reason; `[]` when none does. */
export function configurationDifferences(current: FunctionConfiguration, desired: DesiredFunction): string[] {
  const wanted = configurationRequest(desired);
  const checks: [string, unknown, unknown][] = [
    ['role', current.Role, wanted.Role],
    ['handler', current.Handler, wanted.Handler],
    ['runtime', current.Runtime, wanted.Runtime],
    ['memory', current.MemorySize, wanted.MemorySize],
    ['timeout', current.Timeout, wanted.Timeout],
    ['ephemeral storage', current.EphemeralStorage?.Size ?? 512, wanted.EphemeralStorage?.Size],
    ['environment', canonical(current.Environment?.Variables ?? {}), canonical(wanted.Environment?.Variables ?? {})],
    ['KMS key', current.KMSKeyArn ?? '', wanted.KMSKeyArn],
    ['description', current.Description ?? '', wanted.Description],
  ];
  return checks.filter(([, now, want]) => now !== want).map(([name]) => name);
}

/**
 * Refuses a function of the other package type: Lambda cannot turn a zip function into an image function or back.
 * @throws {@link ConflictError} saying to destroy the function first or to use another name.
 */
export function checkPackageType(current: FunctionConfiguration, desired: DesiredFunction): void {
  const now = current.PackageType ?? 'Zip';
  const wanted = desired.code.packageType;
  if (now === wanted) return;
  throw new ConflictError(
    `Lambda function ${desired.functionName} runs a ${now === 'Image' ? 'container image' : 'zip package'}, and this ` +
      `spec deploys a ${wanted === 'Image' ? 'container image' : 'zip package'}; Lambda cannot change a function's ` +
      'package type. Destroy the deployment first (the function is made again), or pass another functionName.',
  );
}

/** True when the function lacks a tag the spec asks for, or has another value for one. */
export function tagsDiffer(current: Readonly<Record<string, string>> | undefined, desired: DesiredFunction): boolean {
  return Object.entries(desired.tags).some(([key, value]) => current?.[key] !== value);
}

function canonical(record: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
