// Needs an AWS account: creates a SageMaker endpoint, its autoscaling, CloudWatch alarms and a dashboard.
/**
 * A real-time endpoint that scales with its traffic and watches itself: target tracking on invocations per
 * instance between 1 and 4 instances, nights and weekends held at one, CloudWatch alarms on p99 latency, the 5xx
 * error rate and idleness (to an SNS topic), and a dashboard. Then the last hour's metrics, a canary update that
 * the latency and error alarms roll back if they fire, and teardown (scaling, alarms and dashboard included).
 *
 *   MODELSHIP_ROLE_ARN=arn:aws:iam::123456789012:role/SageMakerExecution \
 *   MODELSHIP_NOTIFY_TOPIC=arn:aws:sns:eu-west-1:123456789012:ml-alerts AWS_REGION=eu-west-1 \
 *     npx tsx examples/autoscaling-and-alarms.ts s3://my-bucket/churn/v1/model.tar.gz \
 *       s3://my-bucket/churn/v2/model.tar.gz [--apply]
 *
 * Without `--apply` it prints the plan and changes nothing. With it, it costs money: an ml.m5.large endpoint (and
 * a second fleet during the update, kept 10 minutes for the canary) for the half hour or so it lives. The topic
 * is optional; it must be in the endpoint's region.
 */
import { pathToFileURL } from 'node:url';
import {
  type AwsConfig,
  type AwsContext,
  type DeployEvent,
  formatPlan,
  Model,
  type RealtimeOptions,
  SageMaker,
} from '../src/index.js';
import { requireAwsCredentials } from './support/require-aws.js';

export interface AutoscalingExampleOptions {
  /** The model served first, `s3://…/model.tar.gz` (scikit-learn). */
  readonly artifact: string;
  /** The model the canary update moves to. */
  readonly nextArtifact: string;
  /** The SageMaker execution role's ARN. */
  readonly role: string;
  /** An SNS topic ARN, in the endpoint's region, told when an alarm goes off and when it is OK again. */
  readonly notify?: string;
  /** Deploy, read metrics, update and remove; otherwise print the plan only. */
  readonly apply: boolean;
  readonly aws?: AwsConfig | AwsContext;
  readonly log?: (line: string) => void;
}

const sklearn = { framework: 'sklearn', frameworkVersion: '1.2-1' } as const;

export async function main(options: AutoscalingExampleOptions): Promise<void> {
  const log = options.log ?? console.log;
  const progress = (event: DeployEvent) => {
    if (event.type === 'step-waiting') log(`  … ${event.step.resource.name}: ${event.status}`);
    if (event.type === 'step-done') log(`  ✓ ${event.step.resource.kind} ${event.step.resource.name}`);
  };
  const churn = (artifact: string, update?: RealtimeOptions['update']) => {
    const builder = Model.fromS3(artifact, sklearn)
      .deployTo(SageMaker.realtime({ instanceType: 'ml.m5.large', role: options.role, update }))
      .withName('churn')
      .withAutoscaling({
        min: 1,
        max: 4,
        targetInvocationsPerInstance: 200,
        scaleOutCooldownS: 60,
        // At 20:00 on weekdays the ceiling drops to the minimum; at 07:00 it is back. Friday night lasts the weekend.
        schedule: [
          { name: 'nights', expression: 'cron(0 20 ? * MON-FRI *)', timezone: 'Europe/Paris', max: 1 },
          { name: 'mornings', expression: 'cron(0 7 ? * MON-FRI *)', timezone: 'Europe/Paris', max: 4 },
        ],
      })
      .monitor({
        p99LatencyMs: 250,
        maxErrorRate: 0.01,
        idleHours: 24,
        ...(options.notify === undefined ? {} : { notify: options.notify }),
      });
    return options.aws === undefined ? builder : builder.withAws(options.aws);
  };

  log(formatPlan(await churn(options.artifact).plan()));
  if (!options.apply) return;

  log('Deploying');
  const deployment = await churn(options.artifact).deploy({ onEvent: progress });
  try {
    const dashboard = deployment.outputs.get('dashboard') as { dashboardName: string; url?: string } | undefined;
    log(`dashboard: ${dashboard?.url ?? dashboard?.dashboardName ?? '(none)'}`);
    const alarms = [...deployment.outputs.entries()]
      .filter(([id]) => id.startsWith('alarm-'))
      .map(([, output]) => (output as { alarmName: string }).alarmName);
    log(`alarms: ${alarms.join(', ')}`);

    // CloudWatch keeps the endpoint's metrics; a new endpoint has few, so this reads whatever the last hour holds.
    const metrics = await deployment.metrics({ since: new Date(Date.now() - 3_600_000) });
    const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
    const p99 = metrics.latencyMs.p99.values;
    log(
      `last hour: ${sum(metrics.invocations.values)} invocations, ${sum(metrics.errors5xx.values)} 5xx errors, ` +
        `worst p99 latency ${p99.length === 0 ? '-' : `${Math.max(...p99).toFixed(1)} ms`} ` +
        `(${metrics.invocations.values.length} points of ${metrics.periodS} s)`,
    );

    // The monitor's latency and error-rate alarms become the update's rollback alarms: if either fires while
    // the canary (10 % of the capacity) serves, or in the 5 minutes after the full shift, SageMaker moves all
    // traffic back. The canary waits 10 minutes: longer than the 5 one-minute periods an alarm needs to fire.
    log('Updating: 10% canary for 10 minutes, rolled back by the latency and error alarms');
    const updated = await churn(options.nextArtifact, {
      traffic: { type: 'canary', percent: 10, waitS: 600 },
      terminationWaitS: 300,
    }).deploy({ onEvent: progress });
    log(`updated: ${updated.changed}`);
  } finally {
    log('Tearing down');
    await deployment.destroy({ onEvent: progress });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await requireAwsCredentials('autoscaling-and-alarms', {
    cost: 'an ml.m5.large endpoint (a second fleet during the canary) for about half an hour, plus CloudWatch alarms and a dashboard, with --apply; without --apply it only reads.',
  });
  const [artifact, nextArtifact, flag] = process.argv.slice(2);
  const role = process.env.MODELSHIP_ROLE_ARN;
  if (artifact === undefined || nextArtifact === undefined || role === undefined) {
    console.error(
      'usage: MODELSHIP_ROLE_ARN=… [MODELSHIP_NOTIFY_TOPIC=…] npx tsx examples/autoscaling-and-alarms.ts ' +
        's3://bucket/v1/model.tar.gz s3://bucket/v2/model.tar.gz [--apply]',
    );
    process.exit(2);
  }
  await main({ artifact, nextArtifact, role, notify: process.env.MODELSHIP_NOTIFY_TOPIC, apply: flag === '--apply' });
}
