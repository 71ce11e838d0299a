/**
 * What `Lambda({ … })` takes: the function's size and limits, how it is reached, how a new version takes over
 * from the old one, and who it runs as. Checked up front by `checkLambdaOptions`, before any AWS call.
 */
import type { DirectorySource, FileSource, HandlerSource, ImageSource } from '../../model/source.js';

/**
 * The instruction set the function runs on; the package carries native binaries for it, an image is built for it.
 *
 * @example
 * ```ts
 * Lambda({ memoryMb: 2048, timeoutS: 30, architecture: 'arm64' }); // Graviton: cheaper per GB-second
 * ```
 */
export type LambdaArchitecture = 'x86_64' | 'arm64';

/**
 * The Node.js runtimes the generated handler is written for.
 *
 * @example
 * ```ts
 * Lambda({ memoryMb: 1024, timeoutS: 30, runtime: 'nodejs22.x' });
 * ```
 */
export type LambdaRuntime = 'nodejs20.x' | 'nodejs22.x';

/**
 * How the function is reached besides `Invoke`: not at all, a Function URL on the `live` alias, or the route
 * `POST /invocations` of an API Gateway HTTP API (`modelship-<function>`, stage `$default`) proxying to the alias.
 *
 * @example
 * ```ts
 * Lambda({ memoryMb: 1024, timeoutS: 30, expose: 'function-url' }); // signed (IAM) requests by default
 * ```
 */
export type LambdaExposure = 'none' | 'function-url' | 'http-api';

/**
 * How the new version takes traffic over from the one serving now (only on an update).
 *
 * @example
 * ```ts
 * Lambda({
 *   memoryMb: 1024,
 *   timeoutS: 30,
 *   rollout: { canaryPercent: 10, waitS: 600, rollbackAlarms: ['churn-errors'] },
 * });
 * ```
 */
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

/**
 * Options of `Lambda(…)`.
 *
 * @example
 * ```ts
 * const deployment = await Model.fromFile('iris.onnx')
 *   .deployTo(Lambda({ memoryMb: 2048, timeoutS: 30, architecture: 'arm64', expose: 'http-api', createRole: true }))
 *   .withName('iris')
 *   .deploy();
 * ```
 */
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

/**
 * The builder features of the Lambda target: none yet (no `withAutoscaling`, `monitor` or `withTraffic`).
 *
 * @example
 * ```ts
 * // No builder features yet: `withAutoscaling`, `monitor` and `withTraffic` are compile errors on a Lambda target.
 * const target: Target<LambdaFeatures> = Lambda({ memoryMb: 1024, timeoutS: 30 });
 * ```
 */
export type LambdaFeatures = Record<never, never>;

/**
 * The sources the Lambda target packages into a zip.
 *
 * @example
 * ```ts
 * const source: PackageableSource = Model.fromHandler('./handler.mjs').source as PackageableSource;
 * ```
 */
export type PackageableSource = FileSource | DirectorySource | HandlerSource;

/** The sources the Lambda target deploys: a zip it packages, or a container image in ECR (`Model.fromImage`). */
export type LambdaSource = PackageableSource | ImageSource;

/**
 * What the packager made: a zip ready for Lambda.
 *
 * @example
 * ```ts
 * // A packager of your own (in tests, say) returns what it made:
 * const packager: FunctionPackager = async () => ({
 *   path: '/tmp/fn.zip', sha256: 'ab12…', bytes: 1_024, unzippedBytes: 4_096,
 *   entries: ['index.mjs', 'model.onnx'], handler: 'index.handler', needsS3Upload: false,
 * });
 * ```
 */
export interface FunctionPackage {
  /** Where the zip is on disk. */
  readonly path: string;
  /** SHA-256 of the zip, hex (or base64, as Lambda's `CodeSha256`). */
  readonly sha256: string;
  /** The zip's size in bytes. */
  readonly bytes: number;
  /** The size of its contents unzipped, in bytes (Lambda allows 250 MB). */
  readonly unzippedBytes: number;
  /** The files in the zip. */
  readonly entries: readonly string[];
  /** The function's handler setting. */
  readonly handler: 'index.handler';
  /** True when the zip is over the direct-upload limit and goes to Lambda through S3. */
  readonly needsS3Upload: boolean;
}

/**
 * Builds the function's zip; `packageFunction` of `./package/index.js` by default.
 *
 * @example
 * ```ts
 * const target = Lambda(
 *   { memoryMb: 1024, timeoutS: 30 },
 *   { package: async (source, { architecture }) => buildZip(source, architecture) },
 * );
 * ```
 */
export type FunctionPackager = (
  source: PackageableSource,
  options: { readonly architecture: LambdaArchitecture },
) => Promise<FunctionPackage>;

/**
 * What the Lambda target uses besides AWS; tests pass their own.
 *
 * @example
 * ```ts
 * const target = Lambda({ memoryMb: 1024, timeoutS: 30 }, { now: () => fakeClock.now(), roleSettleMs: 0 });
 * ```
 */
export interface LambdaDependencies {
  /** @default `packageFunction` */
  readonly package?: FunctionPackager;
  /** The clock of the canary, in milliseconds. @default Date.now */
  readonly now?: () => number;
  /** How long a created role's step waits for IAM to settle, in milliseconds. @default 10_000 */
  readonly roleSettleMs?: number;
}
