/**
 * modelship: take a trained ML model to production on AWS with one typed fluent chain.
 *
 * Exported here: the fluent API (`Model`, `DeploymentBuilder`, `Deployment`), the targets, the plan/apply engine
 * for scripts that want to print or apply plans themselves, the `Target` contract for targets of your own, the AWS
 * context, the predictor (also alone as `modelship/predictor`) and the errors.
 *
 * Deliberately not exported: the engine's internals (`deploy/engine/`), the Local server and runners, AWS naming,
 * tagging and ARN helpers, and the AWS error mapping. They are free to change between releases.
 *
 * @packageDocumentation
 * @module modelship
 */

export type { AwsConfig, AwsConfigBase, AwsCredentials, AwsSdkClient, AwsServiceKey } from './aws/config.js';
export { type AwsClientClass, AwsContext } from './aws/context.js';
export { isRetryable } from './aws/errors.js';
export {
  type BatchSettings,
  type BatchStrategy,
  type BatchTransformOptions,
  checkBatchOptions,
  type LocalTransformContext,
  type PlannedTransform,
  planSageMakerTransform,
  runLocalTransform,
  runSageMakerTransform,
  type SageMakerTransformContext,
  type SplitType,
  TRANSFORM_LOG_GROUP,
  type TransformJob,
  TransformJobFailedError,
  type TransformJobResult,
  type TransformJobStatus,
  type TransformWaitOptions,
} from './batch/index.js';
export {
  type AnyDeploymentBuilder,
  type ConfigExport,
  type ConfigValue,
  type DeploymentConfig,
  defineConfig,
  type ModelshipConfig,
  type ValidateConfig,
} from './cli/config/define.js';
export {
  type AppliedStep,
  type ApplyOptions,
  type ApplyResult,
  applyPlan,
  type PollOptions,
  type RetryOptions,
} from './deploy/apply.js';
export {
  type BillingAlarmResult,
  type BillingAlarmRunOptions,
  type CreateBillingAlarmOptions,
  createBillingAlarm,
  type RemoveBillingAlarmOptions,
  removeBillingAlarm,
} from './deploy/billing.js';
export {
  type AttachOptions,
  DeploymentBuilder,
  type DeployOptions,
  type FeatureOption,
  type Unsupported,
} from './deploy/builder.js';
export { Deployment, type DeploymentPredictorOptions } from './deploy/deployment.js';
export type { CleanupFailure } from './deploy/engine/cleanup.js';
export type { DeployEvent, DeployEventHandler, RetryPhase, StepInfo } from './deploy/events.js';
export { formatPlan, PLAN_JSON_VERSION, type PlanJSON, type PlanStepJSON, planToJSON } from './deploy/format.js';
export { type ImageModelOptions, Model, type S3ModelOptions } from './deploy/model.js';
export type { Plan, PlanStep, ResourceRef, StepAction, StepContext, StepProgress, WaitStatus } from './deploy/plan.js';
export type { RegisteredModel } from './deploy/registered.js';
export {
  AbortedError,
  AccessDeniedError,
  type AwsErrorDetails,
  ConflictError,
  DependencyMissingError,
  DeploymentFailedError,
  type DeploymentFailureReport,
  type ErrorCode,
  type ErrorFault,
  IntegrityError,
  InvalidArgumentError,
  isModelshipError,
  ModelError,
  ModelshipError,
  type ModelshipErrorOptions,
  NotFoundError,
  PayloadTooLargeError,
  ServiceError,
  ThrottledError,
  TimeoutError,
} from './errors.js';
export type {
  DirectorySource,
  FileSource,
  Framework,
  FrameworkInfo,
  HandlerSource,
  ImageSource,
  ModelSource,
  S3Source,
} from './model/source.js';
export {
  Baseline,
  type BaselineJSON,
  type BaselineOptions,
  type CaptureInput,
  type CaptureParser,
  type CapturePayload,
  type CaptureReadOptions,
  type CaptureRecord,
  type CaptureSource,
  type CategoricalFeatureBaseline,
  type CategoricalFeatureDrift,
  compareToBaseline,
  type DriftCaptureOptions,
  DriftReport,
  type DriftReportData,
  type DriftRow,
  type DriftThresholds,
  type FeatureBaseline,
  type FeatureDrift,
  type FeatureValue,
  type NumericFeatureBaseline,
  type NumericFeatureDrift,
  type ResolvedThresholds,
} from './monitor/drift/index.js';
export type { EndpointMetrics, MetricSeries } from './monitor/metrics.js';
export type { MonitorOptions } from './monitor/options.js';
export {
  type AccuracyGate,
  type AccuracyMetric,
  type AccuracyResult,
  type LatencyGate,
  type LatencySummary,
  type ThroughputGate,
  type ThroughputSummary,
  type ValidationCheck,
  type ValidationErrors,
  type ValidationOptions,
  ValidationReport,
  type ValidationReportData,
  validatePredictor,
} from './monitor/validate/index.js';
export {
  ASYNC_MAX_PAYLOAD_BYTES,
  AsyncInference,
  type AsyncInferenceLocations,
  type AsyncInferenceState,
  AsyncPredictor,
  type AsyncPredictorOptions,
  type ResultOptions,
  type SubmitOptions,
} from './predict/async/index.js';
export * from './predict/index.js';
export {
  type AliasChange,
  type AliasMovedEvent,
  type AliasState,
  type ApprovalStatus,
  type ArtifactInput,
  formatModelRef,
  type ListOptions,
  LocalRegistryStore,
  type LocalRegistryStoreOptions,
  type ModelRef,
  type ModelVersion,
  type PromoteOptions,
  parseModelRef,
  type RegisteredArtifact,
  type RegisterOptions,
  type RegistrableModel,
  Registry,
  type RegistryEvent,
  type RegistryOptions,
  type RegistryStore,
  type Revisioned,
  S3RegistryStore,
  type S3RegistryStoreOptions,
  SageMakerRegistryStore,
  type SageMakerRegistryStoreOptions,
  type VersionPage,
  type VersionRegisteredEvent,
} from './registry/index.js';
export type {
  AsyncAutoscalingOptions,
  CustomScalingMetric,
  RealtimeAutoscalingOptions,
  ScheduledScaling,
  ServerlessAutoscalingOptions,
} from './scaling/index.js';
export {
  type AliasOutput as LambdaAliasOutput,
  type ExposureAuth as LambdaExposureAuth,
  type FunctionPackage,
  type FunctionPackager,
  type FunctionUrlOutput as LambdaFunctionUrlOutput,
  type HttpApiOutput as LambdaHttpApiOutput,
  Lambda,
  type LambdaArchitecture,
  type LambdaDependencies,
  type LambdaExposure,
  type LambdaFeatures,
  type LambdaOptions,
  type LambdaRolloutOptions,
  type LambdaRuntime,
  LambdaTarget,
  type PackageableSource,
} from './targets/lambda/index.js';
export {
  type HandlerContext,
  Local,
  type LocalAsyncOptions,
  type LocalAsyncStore,
  type LocalFeatures,
  type LocalHandler,
  type LocalModelOutput,
  type LocalOptions,
  type LocalServerOutput,
  type OnnxBatchingOptions,
} from './targets/local/index.js';
export {
  type AsyncFeatures,
  type AsyncNotifyOptions,
  type AsyncOptions,
  type DataCaptureOptions,
  type RealtimeFeatures,
  type RealtimeOptions,
  SageMaker,
  type SageMakerCommonOptions,
  type SageMakerEndpointOutput,
  type SageMakerFeatures,
  type ServerlessFeatures,
  type ServerlessOptions,
  type ShadowOptions,
  type TrafficShift,
  type UpdateOptions,
  type VariantOptions,
  type VpcOptions,
} from './targets/sagemaker/index.js';
export type {
  DeploymentOutputs,
  DeploymentSpec,
  DeploymentStatus,
  LogEvent,
  LogSource,
  LogsQuery,
  MetricsQuery,
  ResourceStatus,
  Target,
  TargetContext,
  TargetFeatures,
  TargetStatus,
} from './targets/target.js';
