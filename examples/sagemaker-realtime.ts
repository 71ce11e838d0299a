// Needs an AWS account: creates an S3 upload, an IAM role, a SageMaker model and a real-time ml.m5.large endpoint.
/**
 * The seed's path on SageMaker, end to end: a scikit-learn model folder → `model.tar.gz` in S3 → a model, an endpoint
 * config and a real-time endpoint → predictions → a canary update guarded by a CloudWatch alarm → teardown.
 *
 *   AWS_REGION=eu-west-1 npx tsx examples/sagemaker-realtime.ts ./churn-model            # prints the plan only
 *   AWS_REGION=eu-west-1 npx tsx examples/sagemaker-realtime.ts ./churn-model --apply    # deploys, updates, removes
 *
 * The folder holds the model (e.g. `model.joblib`) and optionally `code/inference.py` (+ `requirements.txt`) for
 * the scikit-learn container. Set MODELSHIP_ROLE_ARN to use an execution role of yours; without it modelship
 * creates a least-privilege one for the endpoint and removes it with the deployment. Running it costs money: an
 * ml.m5.large endpoint for the few minutes it lives.
 */
import { pathToFileURL } from 'node:url';
import {
  type AwsConfig,
  type AwsContext,
  csv,
  type DeployEvent,
  formatPlan,
  Model,
  type RealtimeOptions,
  SageMaker,
} from '../src/index.js';
import { requireAwsCredentials } from './support/require-aws.js';

export interface RealtimeExampleOptions {
  /** The model folder. */
  readonly modelDir: string;
  /** Deploy, predict, update and remove; otherwise print the plan only. */
  readonly apply: boolean;
  readonly role?: string;
  readonly aws?: AwsConfig | AwsContext;
  readonly artifactBucket?: string;
  readonly log?: (line: string) => void;
}

export async function main(options: RealtimeExampleOptions): Promise<void> {
  const log = options.log ?? console.log;
  const progress = (event: DeployEvent) => {
    if (event.type === 'step-waiting') log(`  … ${event.step.resource.name}: ${event.status}`);
    if (event.type === 'step-done') log(`  ✓ ${event.step.resource.kind} ${event.step.resource.name}`);
  };
  const role = options.role === undefined ? { createRole: true } : { role: options.role };
  const target = (update: Partial<RealtimeOptions> = {}) =>
    SageMaker.realtime({ instanceType: 'ml.m5.large', artifactBucket: options.artifactBucket, ...role, ...update });
  const model = Model.fromDirectory(options.modelDir, { framework: 'sklearn', frameworkVersion: '1.2-1' });
  const churn = model.deployTo(target()).withName('churn').withTags({ team: 'ml' });
  const withAws = options.aws === undefined ? churn : churn.withAws(options.aws);

  log(formatPlan(await withAws.plan()));
  if (!options.apply) return;

  log('Deploying');
  const deployment = await withAws.deploy({ onEvent: progress });
  try {
    const predictor = deployment.predictor({ serializer: csv(), deserializer: csv() });
    log(`prediction: ${JSON.stringify(await predictor.predict([3, 1, 29.85]))}`);

    log('Updating: two instances, 10% canary for 5 minutes, rolled back if the error alarm fires');
    const update = model
      .deployTo(
        target({
          instanceCount: 2,
          update: {
            traffic: { type: 'canary', percent: 10, waitS: 300 },
            rollbackAlarms: ['churn-5xx'],
            terminationWaitS: 120,
          },
        }),
      )
      .withName('churn')
      .withTags({ team: 'ml' });
    const updated = await (options.aws === undefined ? update : update.withAws(options.aws)).deploy({
      onEvent: progress,
    });
    log(`updated: ${updated.changed}`);
  } finally {
    log('Tearing down');
    await deployment.destroy({ onEvent: progress });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await requireAwsCredentials('sagemaker-realtime', {
    cost: 'an ml.m5.large real-time endpoint (billed per instance-hour while it exists) for the few minutes the run lives with --apply, and a small S3 object; without --apply it only reads.',
  });
  const [modelDir, flag] = process.argv.slice(2);
  if (modelDir === undefined) {
    console.error('usage: npx tsx examples/sagemaker-realtime.ts <model folder> [--apply]');
    process.exit(2);
  }
  await main({ modelDir, apply: flag === '--apply', role: process.env.MODELSHIP_ROLE_ARN });
}
