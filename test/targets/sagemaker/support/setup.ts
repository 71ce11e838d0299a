/**
 * The common ground of the SageMaker target tests: a fake SageMaker, an S3 that holds one artifact, and deploy
 * options that poll without pausing.
 */
import { HeadBucketCommand, HeadObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { AwsConfig } from '../../../../src/aws/config.js';
import type { ApplyOptions } from '../../../../src/deploy/apply.js';
import type { DeployEvent } from '../../../../src/deploy/events.js';
import { FakeCloudWatch } from '../../../monitor/support/fake-cloudwatch.js';
import { FakeAutoScaling } from '../../../scaling/support/fake-auto-scaling.js';
import { mockAwsClient } from '../../../support/aws-contract.js';
import { ACCOUNT, FakeSageMaker, REGION } from './fake-sagemaker.js';

export const ROLE = `arn:aws:iam::${ACCOUNT}:role/SageMakerExecution`;
export const ARTIFACT = 's3://ml-artifacts/churn/model.tar.gz';
export const CHALLENGER = 's3://ml-artifacts/churn-v2/model.tar.gz';
export const AWS: AwsConfig = { region: REGION, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' } };

/**
 * A fake SageMaker and an S3 in eu-west-1 with two artifacts: {@link ARTIFACT} (ETag `etag-1`, changed by setting
 * `artifact.etag`) and {@link CHALLENGER}.
 */
/**
 * The fake control plane a SageMaker deployment talks to: SageMaker, and Application Auto Scaling and CloudWatch,
 * empty until a test asks for autoscaling or monitoring (a deploy or destroy looks there all the same).
 */
export function fakeServices() {
  return { sagemaker: new FakeSageMaker(), scaling: new FakeAutoScaling(), cloudwatch: new FakeCloudWatch() };
}

export function fakeAws() {
  const { sagemaker, scaling, cloudwatch } = fakeServices();
  const s3 = mockAwsClient(S3Client);
  const artifact = { etag: '"etag-1"', region: REGION };
  s3.on(HeadBucketCommand).callsFake(() => ({ BucketRegion: artifact.region }));
  s3.on(HeadObjectCommand).callsFake((input) => {
    const uri = `s3://${input.Bucket}/${input.Key}`;
    if (uri === CHALLENGER) return { ContentLength: 2345, ETag: '"etag-challenger"' };
    if (uri !== ARTIFACT) {
      throw new S3ServiceException({
        name: 'NotFound',
        $fault: 'client',
        $metadata: { httpStatusCode: 404 },
        message: 'Not Found',
      });
    }
    return { ContentLength: 1234, ETag: artifact.etag };
  });
  return { sagemaker, s3, artifact, scaling, cloudwatch };
}

/** Deploy options that poll at once, and the events they collect. */
export function fastApply(): ApplyOptions & { events: DeployEvent[] } {
  const events: DeployEvent[] = [];
  return {
    events,
    onEvent: (event) => events.push(event),
    poll: { initialDelayMs: 1, maxDelayMs: 1, jitter: 0 },
  };
}
