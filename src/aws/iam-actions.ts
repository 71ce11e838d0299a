/**
 * The IAM action an AWS operation needs, so an access-denied message can say which permission to grant even when
 * the service's message does not name it.
 */

// IAM service prefixes by SDK service id (the `service` modelship passes when it calls AWS).
const IAM_PREFIXES: Readonly<Record<string, string>> = {
  SageMaker: 'sagemaker',
  'SageMaker Runtime': 'sagemaker',
  S3: 's3',
  STS: 'sts',
  Lambda: 'lambda',
  IAM: 'iam',
  CloudWatch: 'cloudwatch',
  'CloudWatch Logs': 'logs',
  'Application Auto Scaling': 'application-autoscaling',
  SNS: 'sns',
  ECR: 'ecr',
};

// Operations whose action is not named after them. S3's are the documented object/bucket permissions.
const RENAMED_ACTIONS: Readonly<Record<string, string>> = {
  'SageMaker Runtime:InvokeEndpointWithResponseStream': 'sagemaker:InvokeEndpoint',
  'Lambda:Invoke': 'lambda:InvokeFunction',
  'Lambda:InvokeWithResponseStream': 'lambda:InvokeFunction',
  'Lambda:InvokeAsync': 'lambda:InvokeFunction',
  'S3:HeadObject': 's3:GetObject',
  'S3:GetObjectAttributes': 's3:GetObject',
  'S3:HeadBucket': 's3:ListBucket',
  'S3:ListObjectsV2': 's3:ListBucket',
  'S3:ListObjects': 's3:ListBucket',
  'S3:CreateMultipartUpload': 's3:PutObject',
  'S3:UploadPart': 's3:PutObject',
  'S3:CompleteMultipartUpload': 's3:PutObject',
  'S3:UploadPartCopy': 's3:PutObject',
  'S3:CopyObject': 's3:PutObject',
  'S3:DeleteObjects': 's3:DeleteObject',
  'S3:ListParts': 's3:ListMultipartUploadParts',
  'S3:ListObjectVersions': 's3:ListBucketVersions',
};

/**
 * The IAM action, e.g. `sagemaker:CreateEndpoint`, that calling `operation` of `service` (an SDK service id such
 * as `SageMaker`) needs; undefined when the service is not one modelship calls.
 */
export function iamActionFor(service: string | undefined, operation: string | undefined): string | undefined {
  if (service === undefined || operation === undefined) return undefined;
  const renamed = RENAMED_ACTIONS[`${service}:${operation}`];
  if (renamed !== undefined) return renamed;
  const prefix = IAM_PREFIXES[service];
  return prefix === undefined ? undefined : `${prefix}:${operation}`;
}
