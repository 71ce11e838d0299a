/**
 * What the artifact tests' S3 mocks answer with: S3 errors shaped as the AWS SDK throws them, and an AWS context
 * whose STS says which account it is.
 */
import { S3ServiceException } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { AwsContext } from '../../../src/aws/context.js';
import type { ModelshipError } from '../../../src/errors.js';
import { mockAwsClient } from '../../support/aws-contract.js';

export const ACCOUNT = '123456789012';
export const CREDENTIALS = { accessKeyId: 'AKIDTESTTESTTESTTEST', secretAccessKey: 'test-secret' };

/**
 * An S3 error as the SDK throws it; `bucketRegion` adds the `x-amz-bucket-region` header S3 sends on redirects and
 * refusals of buckets in other regions.
 */
export function s3Error(name: string, status: number, bucketRegion?: string): S3ServiceException {
  const error = new S3ServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, requestId: 'req-1' },
    message: name,
  });
  const headers = bucketRegion === undefined ? {} : { 'x-amz-bucket-region': bucketRegion };
  return Object.assign(error, { $response: { statusCode: status, headers } });
}

/** An AWS context in `region` whose STS (mocked) answers with {@link ACCOUNT}; call inside a test or beforeEach. */
export function awsIn(region: string) {
  const sts = mockAwsClient(STSClient);
  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/ci`, UserId: 'ci' });
  return { aws: new AwsContext({ region, credentials: CREDENTIALS }), sts };
}

/** The names of the commands a mocked client received, in order, without the `Command` suffix. */
export function operations(calls: readonly { readonly args: readonly unknown[] }[]): string[] {
  return calls.map((call) => (call.args[0] as object).constructor.name.replace(/Command$/, ''));
}

/** The modelship error `promise` rejects with; fails the test when it resolves. */
export function failure(promise: Promise<unknown>): Promise<ModelshipError> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: ModelshipError) => error,
  );
}
