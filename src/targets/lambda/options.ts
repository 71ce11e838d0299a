/**
 * What `Lambda({ … })` takes: the function's size and limits, how it is reached, how a new version takes over
 * from the old one, and who it runs as. Checked up front by `checkLambdaOptions`, before any AWS call.
 */
import type { DirectorySource, FileSource, HandlerSource, ImageSource } from '../../model/source.js';

/** The instruction set the function runs on; the package carries native binaries for it, an image is built for it. */
export type LambdaArchitecture = 'x86_64' | 'arm64';

/** The Node.js runtimes the generated handler is written for. */
export type LambdaRuntime = 'nodejs20.x' | 'nodejs22.x';

/**
 * How the function is reached besides `Invoke`: not at all, a Function URL on the `live` alias, or the route
 * `POST /invocations` of an API Gateway HTTP API (`modelship-<function>`, stage `$default`) proxying to the alias.
 */
export type LambdaExposure = 'none' | 'function-url' | 'http-api';

/** How the new version takes traffic over from the one serving now (only on an update). */
export interface LambdaRolloutOptions {
  /** The share of requests the new version gets first, 1 to 99. */
  readonly canaryPercent: number;
  /** How long the canary runs before the new version gets all traffic, in seconds (0 to 3600). */
  readonly waitS: number;
  /**
   * CloudWatch alarms watched while the canary runs: one in state `ALARM` moves all traffic back to the old version
   * and fails the deployment.
   */
  readonly rollbackAlarms?: readonly string[];
}

/** Options of `Lambda(…)`. */
export interface LambdaOptions {
  /** Memory in MB, 128 to 10240; Lambda gives CPU in proportion. */
  readonly memoryMb: number;
  /** The longest one invocation may run, in seconds, 1 to 900. */
  readonly timeoutS: number;
  /** @default 'x86_64' */
  readonly architecture?: LambdaArchitecture;
  /** The runtime of a zip package; ignored for a container image, which brings its own. @default 'nodejs20.x' */
  readonly runtime?: LambdaRuntime;
  /** The size of `/tmp` in MB, 512 to 10240. @default 512 */
  readonly ephemeralStorageMb?: number;
  /** Concurrent executions reserved for (and capping) this function. @default none: the account's pool */
  readonly reservedConcurrency?: number;
  /** Execution environments kept initialized on the `live` alias (billed while they exist). @default none */
  readonly provisionedConcurrency?: number;
  /**
   * Environment variables of the function, over those of a `Model.fromImage` model. Keys starting with
   * `MODELSHIP_` are reserved.
   */
  readonly env?: Readonly<Record<string, string>>;
  /** @default 'none' */
  readonly expose?: LambdaExposure;
  /**
   * Who may call the exposure: `iam` (SigV4-signed requests of principals allowed `lambda:InvokeFunctionUrl` for a
   * Function URL, `execute-api:Invoke` for an HTTP API route) or `none` (anyone on the internet; needs
   * `allowPublic: true`).
   * @default 'iam'
   */
  readonly auth?: 'iam' | 'none';
  /** Required with `auth: 'none'`: says that a public, unauthenticated endpoint is intended. */
  readonly allowPublic?: boolean;
  /** The execution role's ARN. Give this or `createRole`. */
  readonly role?: string;
  /** Lets modelship create a least-privilege execution role (logs of this function only). */
  readonly createRole?: boolean;
  /** @default the deployment's name */
  readonly functionName?: string;
  /** Where packages over Lambda's direct-upload limit go. @default `modelship-<account>-<region>`, created */
  readonly artifactBucket?: string;
  /** Canary rollout of updates. @default all traffic moves to the new version at once */
  readonly rollout?: LambdaRolloutOptions;
  /** The KMS key that encrypts the environment variables (and the uploaded package). @default AWS-owned key */
  readonly kmsKeyId?: string;
}

/** The builder features of the Lambda target: none yet (no `withAutoscaling`, `monitor` or `withTraffic`). */
export type LambdaFeatures = Record<never, never>;

/** The sources the Lambda target packages into a zip. */
export type PackageableSource = FileSource | DirectorySource | HandlerSource;

/** The sources the Lambda target deploys: a zip it packages, or a container image in ECR (`Model.fromImage`). */
export type LambdaSource = PackageableSource | ImageSource;

/** What the packager made: a zip ready for Lambda. */
export interface FunctionPackage {
  readonly path: string;
  /** SHA-256 of the zip, hex (or base64, as Lambda's `CodeSha256`). */
  readonly sha256: string;
  readonly bytes: number;
  readonly unzippedBytes: number;
  readonly entries: readonly string[];
  readonly handler: 'index.handler';
  /** True when the zip is over the direct-upload limit and goes to Lambda through S3. */
  readonly needsS3Upload: boolean;
}

/** Builds the function's zip; `packageFunction` of `./package/index.js` by default. */
export type FunctionPackager = (
  source: PackageableSource,
  options: { readonly architecture: LambdaArchitecture },
) => Promise<FunctionPackage>;

/** What the Lambda target uses besides AWS; tests pass their own. */
export interface LambdaDependencies {
  /** @default `packageFunction` */
  readonly package?: FunctionPackager;
  /** The clock of the canary, in milliseconds. @default Date.now */
  readonly now?: () => number;
  /** How long a created role's step waits for IAM to settle, in milliseconds. @default 10_000 */
  readonly roleSettleMs?: number;
}
