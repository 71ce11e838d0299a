// Needs an AWS account: creates a SageMaker endpoint with two ml.m5.large production variants.
/**
 * An A/B test on one endpoint: the current model and a challenger as two production variants, 90/10, then 50/50
 * once the challenger holds up (weights move in place, in seconds, with no new fleet), then teardown.
 *
 *   MODELSHIP_ROLE_ARN=… AWS_REGION=eu-west-1 npx tsx examples/ab-test.ts \
 *     s3://my-bucket/churn/v1/model.tar.gz s3://my-bucket/churn/v2/model.tar.gz [--apply]
 */
import { pathToFileURL } from 'node:url';
import { type AwsConfig, type AwsContext, formatPlan, json, Model, SageMaker } from '../src/index.js';
import { requireAwsCredentials } from './support/require-aws.js';

export interface AbExampleOptions {
  readonly champion: string;
  readonly challenger: string;
  readonly role: string;
  readonly apply: boolean;
  readonly aws?: AwsConfig | AwsContext;
  readonly log?: (line: string) => void;
}

export async function main(options: AbExampleOptions): Promise<void> {
  const log = options.log ?? console.log;
  const sklearn = { framework: 'sklearn', frameworkVersion: '1.2-1' } as const;
  const endpoint = (split: { champion: number; challenger: number }) => {
    const builder = Model.fromS3(options.champion, sklearn)
      .deployTo(
        SageMaker.realtime({
          instanceType: 'ml.m5.large',
          role: options.role,
          variantName: 'champion',
          variants: { challenger: { model: Model.fromS3(options.challenger, sklearn) } },
        }),
      )
      .withName('churn-ab')
      .withTraffic(split);
    return options.aws === undefined ? builder : builder.withAws(options.aws);
  };

  log(formatPlan(await endpoint({ champion: 90, challenger: 10 }).plan()));
  if (!options.apply) return;

  await using deployment = await endpoint({ champion: 90, challenger: 10 }).deploy();
  const churn = deployment.predictor<number[][], unknown>({ serializer: json(), deserializer: json() });
  const { output, invokedProductionVariant } = await churn.predictWithMetadata([[3, 1, 29.85]]);
  log(`${invokedProductionVariant} answered ${JSON.stringify(output)}`);
  // Ask one variant directly, whatever the split: how to compare them on the same rows.
  const challenger = await churn.predictWithMetadata([[3, 1, 29.85]], { targetVariant: 'challenger' });
  log(`challenger answered ${JSON.stringify(challenger.output)}`);

  const shift = await endpoint({ champion: 50, challenger: 50 }).plan();
  log(formatPlan(shift));
  await endpoint({ champion: 50, challenger: 50 }).deploy();
  log('traffic is now 50/50');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await requireAwsCredentials('ab-test', {
    cost: 'two ml.m5.large instances (one per variant, billed per instance-hour) for the minutes the run lives with --apply; without --apply it only reads.',
  });
  const [champion, challenger, flag] = process.argv.slice(2);
  const role = process.env.MODELSHIP_ROLE_ARN;
  if (champion === undefined || challenger === undefined || role === undefined) {
    console.error(
      'usage: MODELSHIP_ROLE_ARN=… npx tsx examples/ab-test.ts <champion s3 uri> <challenger s3 uri> [--apply]',
    );
    process.exit(2);
  }
  await main({ champion, challenger, role, apply: flag === '--apply' });
}
