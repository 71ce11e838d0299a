/**
 * Members that may appear in a request although the operation's April-2025 model does not have them.
 *
 * Keep this short: every entry is a member whose value is NOT checked. Add an entry only for a member you have
 * seen a request carry, with a comment saying who sends it and why it is harmless. The AWS SDK drops members an
 * operation does not model when it serializes a request, so an unknown member never reaches AWS: for our own
 * code it is a bug (the option silently does nothing), which is why unknown members are reported at all.
 *
 * Not listed on purpose: members that the installed SDK clients know but these models lack (for example
 * SageMaker `CreateEndpointConfig.MetricsConfig`, `ProductionVariant.InstancePools`, SageMaker Runtime
 * `InvokeEndpoint.PrefixAwareId`, Lambda `CreateFunction.TenancyConfig`, CloudWatch
 * `PutMetricAlarm.EvaluationCriteria`). The models are modelship's contract; using a newer feature means updating
 * the models first.
 */

/**
 * `${sdkId}:${operation}` → member paths tolerated in that operation's input. A path is the member name at the top
 * level, or `Parent.Member` / `List[].Member` / `Map{}.Member` below it.
 */
export const UNMODELED_MEMBERS: Readonly<Record<string, readonly string[]>> = {};

/**
 * `${sdkId}:${operation}` → another operation of the same service whose top-level input members are tolerated.
 *
 * `@aws-sdk/lib-storage`'s `Upload` spreads the PutObject parameters it was given (ContentType, Metadata,
 * ServerSideEncryption, …) into every command of a multipart upload (see `Upload.js`: `{ ...this.params, … }`), and
 * the S3 serializer drops the ones these operations do not have. Listing PutObject's members one by one would
 * only restate the model, so the whole PutObject input is borrowed instead; members of neither are still reported.
 */
export const SPREAD_MEMBERS: Readonly<Record<string, string>> = {
  'S3:CreateMultipartUpload': 'PutObject',
  'S3:UploadPart': 'PutObject',
  'S3:CompleteMultipartUpload': 'PutObject',
  'S3:PutObjectTagging': 'PutObject',
};
