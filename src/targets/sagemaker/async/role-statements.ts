/**
 * What an execution role made with `createRole: true` must allow beyond a real-time endpoint's, for async
 * inference: reading the payloads callers upload, writing outputs and failures, publishing notifications. Every
 * resource is named; KMS for the outputs is `kms:GenerateDataKey` on the deployment's key (see the report of
 * the hook in `role/policy.ts`).
 */
import type { AwsPartition } from '../../../aws/arn.js';
import { buildArn } from '../../../aws/arn.js';
import type { PolicyStatement } from '../role/policy-document.js';
import type { AsyncSettings } from './check-options.js';

/** The statements for an async endpoint's S3 prefixes and SNS topics. */
export function asyncRoleStatements(partition: AwsPartition, settings: AsyncSettings): PolicyStatement[] {
  const objects = (uri: string) => {
    const [, bucket = '', prefix = ''] = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri) ?? [];
    const path = prefix.replace(/\/+$/, '');
    return buildArn({ partition, service: 's3', resource: `${bucket}/${path === '' ? '*' : `${path}/*`}` });
  };
  const statements: PolicyStatement[] = [];
  if (settings.inputS3Uri !== undefined) {
    statements.push({
      Sid: 'ReadAsyncPayloads',
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: objects(settings.inputS3Uri),
    });
  }
  statements.push({
    Sid: 'WriteAsyncResults',
    Effect: 'Allow',
    Action: 's3:PutObject',
    Resource: [settings.outputS3Uri, ...(settings.failureS3Uri === undefined ? [] : [settings.failureS3Uri])].map(
      objects,
    ),
  });
  const topics = [settings.notify.success, settings.notify.error].filter((t): t is string => t !== undefined);
  if (topics.length > 0) {
    statements.push({
      Sid: 'NotifyAsyncResults',
      Effect: 'Allow',
      Action: 'sns:Publish',
      Resource: [...new Set(topics)],
    });
  }
  return statements;
}
