// Needs an AWS account: creates a SageMaker model and a serverless endpoint.
/**
 * A serverless endpoint for an XGBoost model already in S3: billed per request, scales to zero, requests up to
 * 4 MB (the predictor checks before sending).
 *
 *   MODELSHIP_ROLE_ARN=arn:aws:iam::123456789012:role/SageMakerExecution AWS_REGION=eu-west-1 \
 *     npx tsx examples/sagemaker-serverless.ts s3://my-bucket/fraud/model.tar.gz [--apply]
 */
import { pathToFileURL } from 'node:url';
import { type AwsConfig, type AwsContext, csv, formatPlan, Model, SageMaker } from '../src/index.js';
import { requireAwsCredentials } from './support/require-aws.js';

export interface ServerlessExampleOptions {
  readonly artifact: string;
  readonly role: string;
  readonly apply: boolean;
  readonly aws?: AwsConfig | AwsContext;
  readonly log?: (line: string) => void;
}

export async function main(options: ServerlessExampleOptions): Promise<void> {
  const log = options.log ?? console.log;
  const builder = Model.fromS3(options.artifact, { framework: 'xgboost', frameworkVersion: '1.7-1' })
    .deployTo(
      SageMaker.serverless({ memoryMb: 2048, maxConcurrency: 10, provisionedConcurrency: 1, role: options.role }),
    )
    .withName('fraud');
  const fraud = options.aws === undefined ? builder : builder.withAws(options.aws);
  log(formatPlan(await fraud.plan()));
  if (!options.apply) return;

  await using deployment = await fraud.deploy({
    onEvent: (event) => event.type === 'step-done' && log(`  ✓ ${event.step.resource.kind}`),
  });
  const scorer = deployment.predictor({ serializer: csv(), deserializer: csv() });
  // predictMany packs rows into requests under the 4 MB limit and keeps their order.
  const rows = Array.from({ length: 1000 }, (_, i) => [i % 7, i % 13, (i * 37) % 101]);
  const scores = await scorer.predictMany(rows, { concurrency: 4 });
  log(`scored ${scores.length} rows; first: ${JSON.stringify(scores[0])}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await requireAwsCredentials('sagemaker-serverless', {
    cost: 'a serverless endpoint billed per request (compute time and data processed), nothing while idle; without --apply it only reads.',
  });
  const [artifact, flag] = process.argv.slice(2);
  const role = process.env.MODELSHIP_ROLE_ARN;
  if (artifact === undefined || role === undefined) {
    console.error(
      'usage: MODELSHIP_ROLE_ARN=… npx tsx examples/sagemaker-serverless.ts s3://bucket/model.tar.gz [--apply]',
    );
    process.exit(2);
  }
  await main({ artifact, role, apply: flag === '--apply' });
}
