/**
 * The options of the SageMaker targets, as users write them. Checked by `check-options.ts` when
 * `SageMaker.realtime(…)` or `SageMaker.serverless(…)` is called, so a mistake shows where it was made.
 */
import type { ModelSource } from '../../model/source.js';

/**
 * How a live endpoint moves to a new version: SageMaker's blue/green deployment. The old fleet keeps serving
 * until the new one has taken all traffic and the final wait has passed; any rollback alarm that fires before
 * then sends all traffic back to the old fleet.
 *
 * @example
 * ```ts
 * SageMaker.realtime({
 *   instanceType: 'ml.m5.large', createRole: true,
 *   update: { traffic: { type: 'canary', percent: 10, waitS: 600 }, rollbackAlarms: ['churn-5xx'] },
 * });
 * ```
 */
export type TrafficShift =
  | {
      /** All traffic moves to the new fleet at once, after it is healthy. */
      readonly type: 'all-at-once';
      /**
       * Seconds to watch the new fleet before the old one is removed.
       * @default 0
       */
      readonly waitS?: number;
    }
  | {
      /** A share of traffic moves first; the rest follows after `waitS` if no rollback alarm fired. */
      readonly type: 'canary';
      /** The canary's share: a percentage of capacity (1–50) … */
      readonly percent?: number;
      /** … or a number of instances. Give one of `percent` and `instances`. */
      readonly instances?: number;
      /** Seconds between the canary and the rest (0–3600). */
      readonly waitS: number;
    }
  | {
      /** Traffic moves in equal steps, `waitS` apart. */
      readonly type: 'linear';
      /** Each step's share: a percentage of capacity (1–100) … */
      readonly stepPercent?: number;
      /** … or a number of instances. Give one of `stepPercent` and `stepInstances`. */
      readonly stepInstances?: number;
      /** Seconds between steps (0–3600). */
      readonly waitS: number;
    };

/**
 * How updates of a live endpoint are rolled out and rolled back.
 *
 * @example
 * ```ts
 * SageMaker.realtime({
 *   instanceType: 'ml.m5.large',
 *   createRole: true,
 *   update: {
 *     traffic: { type: 'linear', stepPercent: 25, waitS: 300 },
 *     rollbackAlarms: ['churn-p99'],
 *     terminationWaitS: 600,
 *   },
 * });
 * ```
 */
export interface UpdateOptions {
  /**
   * How traffic moves to the new version.
   * @default { type: 'all-at-once' }
   */
  readonly traffic?: TrafficShift;
  /**
   * Names of CloudWatch alarms (at most 10) that roll the update back when any of them fires during it.
   * @default none
   */
  readonly rollbackAlarms?: readonly string[];
  /**
   * Seconds the old fleet is kept after all traffic has moved, so a rollback alarm can still bring it back
   * (0–3600).
   * @default 0
   */
  readonly terminationWaitS?: number;
  /**
   * The longest the whole update may take before SageMaker rolls it back, in seconds (600–28800).
   * @default SageMaker's own limit
   */
  readonly maxExecutionTimeoutS?: number;
}

/**
 * The VPC an endpoint's containers run in.
 *
 * @example
 * ```ts
 * SageMaker.realtime({
 *   instanceType: 'ml.m5.large', createRole: true,
 *   vpc: { subnets: ['subnet-0a1b2c3d', 'subnet-4e5f6a7b'], securityGroupIds: ['sg-0123456789abcdef0'] },
 * });
 * ```
 */
export interface VpcOptions {
  /** Subnet ids (`subnet-…`), 1 to 16. */
  readonly subnets: readonly string[];
  /** Security group ids (`sg-…`), 1 to 5. */
  readonly securityGroupIds: readonly string[];
}

/**
 * Options both SageMaker targets share.
 *
 * @example
 * ```ts
 * const common: SageMakerCommonOptions = {
 *   endpointName: 'churn-prod',
 *   createRole: { propagationWaitS: 20 },
 *   kmsKeyId: 'alias/ml',
 * };
 * SageMaker.realtime({ ...common, instanceType: 'ml.m5.large' });
 * SageMaker.serverless({ ...common, memoryMb: 2048, maxConcurrency: 5 });
 * ```
 */
export interface SageMakerCommonOptions {
  /**
   * The endpoint's name.
   * @default the deployment's name
   */
  readonly endpointName?: string;
  /**
   * The IAM role SageMaker assumes to pull the image and read the artifact, as an ARN. Give this or
   * `createRole: true`.
   */
  readonly role?: string;
  /**
   * Creates an execution role for this deployment whose permissions are only what the model needs: read of its
   * artifact, pull of its image, its own log group, the KMS key if any. Removed with the deployment. IAM takes a
   * few seconds to make a new role usable everywhere: `{ propagationWaitS }` sets how long the deployment waits
   * after creating or changing it before SageMaker is asked to use it.
   * @default false (`true` waits 10 s)
   */
  readonly createRole?:
    | boolean
    | {
        /** Seconds to wait after creating or changing the role before SageMaker uses it (0–600). @default 10 */
        readonly propagationWaitS?: number;
      };
  /**
   * The production variant's name. An update must keep it: SageMaker's blue/green updates match variants by name.
   * @default 'AllTraffic'
   */
  readonly variantName?: string;
  /**
   * A KMS key (id, ARN or alias ARN) that encrypts the uploaded artifact and, for real-time endpoints, the
   * instances' storage volumes (instance types with local NVMe storage encrypt it with their own hardware keys).
   * @default S3-managed encryption (SSE-S3) for the artifact, AWS-managed keys for volumes
   */
  readonly kmsKeyId?: string;
  /**
   * Where a local model file or folder is uploaded, as a bucket name.
   * @default `modelship-<account>-<region>`, created with public access blocked, encryption on and TLS required
   */
  readonly artifactBucket?: string;
  /** How updates of the live endpoint roll out and roll back. */
  readonly update?: UpdateOptions;
}

/**
 * A model served on the same endpoint as the deployment's own, as its own production variant.
 *
 * @example
 * ```ts
 * Model.fromS3('s3://ml-models/churn/v7.tar.gz', { framework: 'xgboost', frameworkVersion: '1.7-1' })
 *   .deployTo(
 *     SageMaker.realtime({
 *       instanceType: 'ml.m5.large',
 *       createRole: true,
 *       variants: {
 *         challenger: {
 *           model: Model.fromS3('s3://ml-models/churn/v8.tar.gz', { framework: 'xgboost', frameworkVersion: '1.7-1' }),
 *         },
 *       },
 *     }),
 *   )
 *   .withTraffic({ AllTraffic: 90, challenger: 10 });
 * ```
 */
export interface VariantOptions {
  /** The model, e.g. `Model.fromS3('s3://…/challenger/model.tar.gz', { … })`. */
  readonly model: {
    /** Where the model's artifact comes from (a {@link Model} fits as it is). */
    readonly source: ModelSource;
  };
  /**
   * @default the endpoint's `instanceType`
   */
  readonly instanceType?: string;
  /**
   * @default 1
   */
  readonly instanceCount?: number;
}

/**
 * A shadow variant: a copy of a share of the live requests goes to this model too, its answers are logged (with
 * data capture) but never returned, so a candidate can be tried on real traffic without risk.
 *
 * @example
 * ```ts
 * SageMaker.realtime({
 *   instanceType: 'ml.m5.large',
 *   createRole: true,
 *   shadow: {
 *     model: Model.fromS3('s3://ml-models/churn/v8.tar.gz', { framework: 'xgboost', frameworkVersion: '1.7-1' }),
 *     samplingPercent: 20,
 *   },
 *   dataCapture: { destination: 's3://ml-capture/churn' },
 * });
 * ```
 */
export interface ShadowOptions extends VariantOptions {
  /**
   * The shadow variant's name.
   * @default 'shadow'
   */
  readonly variantName?: string;
  /**
   * The percentage of requests copied to the shadow (1–100).
   * @default 100
   */
  readonly samplingPercent?: number;
}

/**
 * What a real-time endpoint captures of its traffic, to S3.
 *
 * @example
 * ```ts
 * SageMaker.realtime({
 *   instanceType: 'ml.m5.large', createRole: true,
 *   dataCapture: { destination: 's3://ml-capture/churn', samplingPercent: 10, capture: 'input' },
 * });
 * ```
 */
export interface DataCaptureOptions {
  /** Where captures go: `s3://bucket/prefix`. */
  readonly destination: string;
  /**
   * The percentage of requests captured (0–100).
   * @default 100
   */
  readonly samplingPercent?: number;
  /**
   * What is captured of each request.
   * @default 'both'
   */
  readonly capture?: 'input' | 'output' | 'both';
}

/**
 * Options of {@link SageMaker.realtime}: an endpoint on dedicated instances, billed by the hour.
 *
 * @example
 * ```ts
 * SageMaker.realtime({ instanceType: 'ml.m5.large', instanceCount: 2, role: 'arn:aws:iam::123456789012:role/sm' });
 * ```
 */
export interface RealtimeOptions extends SageMakerCommonOptions {
  /** The instance type, e.g. `ml.m5.large` (CPU) or `ml.g5.xlarge` (GPU). */
  readonly instanceType: string;
  /**
   * How many instances serve the model (1 or more; 2 or more spreads them across Availability Zones).
   * @default 1
   */
  readonly instanceCount?: number;
  /** Size of each instance's storage volume, in GB (1–512). Only for instance types without local NVMe storage. */
  readonly volumeSizeGb?: number;
  /** How long SageMaker may take to download the artifact, in seconds (60–3600). */
  readonly modelDataDownloadTimeoutS?: number;
  /** How long the container may take to pass its first `/ping`, in seconds (60–3600). */
  readonly startupHealthCheckTimeoutS?: number;
  /** Captures requests and responses to S3 (for monitoring and drift). */
  readonly dataCapture?: DataCaptureOptions;
  /**
   * More models behind the same endpoint, by variant name, for A/B tests: split traffic between them with
   * `.withTraffic({ [variantName]: 90, challenger: 10 })`. Without `withTraffic`, the deployment's own model gets
   * all traffic and the others are reached with the predictor's `targetVariant`.
   */
  readonly variants?: Readonly<Record<string, VariantOptions>>;
  /** A shadow variant that sees a copy of live traffic. Not with `variants`: SageMaker pairs one production variant with it. */
  readonly shadow?: ShadowOptions;
  /** Runs the containers in your VPC. (Serverless endpoints cannot.) */
  readonly vpc?: VpcOptions;
  /**
   * Cuts the containers off from the network: no outbound calls, even to AWS services.
   * @default false
   */
  readonly networkIsolation?: boolean;
}

/**
 * Options of {@link SageMaker.serverless}: an endpoint billed by the request, which scales to zero.
 *
 * @example
 * ```ts
 * SageMaker.serverless({ memoryMb: 2048, maxConcurrency: 10, role: 'arn:aws:iam::123456789012:role/sm' });
 * ```
 */
export interface ServerlessOptions extends SageMakerCommonOptions {
  /** Memory of each worker, in MB: 1024, 2048, 3072, 4096, 5120 or 6144. */
  readonly memoryMb: number;
  /** The most invocations served at once (1–200). */
  readonly maxConcurrency: number;
  /** Workers kept warm so the first requests do not wait for a cold start (1–200, at most `maxConcurrency`). */
  readonly provisionedConcurrency?: number;
}
