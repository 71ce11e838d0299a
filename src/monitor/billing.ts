/**
 * A billing alarm: CloudWatch's `EstimatedCharges` metric (namespace `AWS/Billing`, dimension `Currency=USD`) above
 * a threshold, for the "create billing alerts" step of putting a model in production. AWS publishes the metric in
 * us-east-1 only, for the whole account, and only once billing alerts are enabled in the account's billing
 * preferences; so the alarm always lives in us-east-1, whatever region the deployment uses.
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { partitionOf } from '../aws/arn.js';
import type { AwsContext } from '../aws/context.js';
import { buildTags, MODELSHIP_TAG_PREFIX } from '../aws/tags.js';
import type { PlanStep } from '../deploy/plan.js';
import { InvalidArgumentError } from '../errors.js';
import type { AlarmDefinition } from './alarm-specs.js';
import { alarmStep, checkOwned, deleteAlarmStep, findAlarm } from './alarm-step.js';
import { CloudWatchApi } from './cloudwatch-api.js';
import { checkNotifyRegion, checkTopics } from './options.js';

/** The region where AWS publishes billing metrics. */
export const BILLING_REGION = 'us-east-1';
/** The step id of the billing alarm. */
export const BILLING_STEP_ID = 'billing-alarm';

/** What {@link planBillingAlarm} makes. */
export interface BillingAlarmOptions {
  /** Alarm when the month's estimated charges, in US dollars, are above this. */
  readonly thresholdUsd: number;
  /** The SNS topic (or up to 5) to notify, by ARN. It must be in us-east-1, where the alarm is. */
  readonly notify: string | readonly string[];
  /**
   * The alarm's name.
   * @default `modelship-billing-<threshold>-usd`, e.g. `modelship-billing-100-usd`
   */
  readonly name?: string;
  /** Tags for the alarm, besides modelship's own. */
  readonly tags?: Readonly<Record<string, string>>;
}

// AWS publishes the estimate several times a day; 6 hours is the period AWS's own billing alarm guide uses.
const PERIOD_S = 21_600;
const VERSION_TAG = `${MODELSHIP_TAG_PREFIX}version`;

/**
 * The step (id `billing-alarm`) that makes a billing alarm in us-east-1: create, update or none. It reads through
 * a us-east-1 CloudWatch client built from the context's credentials and options, whatever the context's region.
 *
 * @throws {@link InvalidArgumentError} for a bad threshold, name or topic (before any call), for a context in a
 * partition without billing metrics (China, GovCloud), and when the account publishes no billing metric: billing
 * alerts are not enabled.
 * @throws {@link ConflictError} when an alarm of that name exists and modelship did not make it.
 */
export async function planBillingAlarm(aws: AwsContext, options: BillingAlarmOptions): Promise<PlanStep[]> {
  const { definition, tags } = billingDefinition(options);
  const api = await billingApi(aws);
  const available = await api.hasMetric({
    Namespace: 'AWS/Billing',
    MetricName: 'EstimatedCharges',
    Dimensions: [{ Name: 'Currency', Value: 'USD' }],
  });
  if (!available) {
    throw new InvalidArgumentError(
      'billing',
      'This AWS account publishes no EstimatedCharges billing metric in us-east-1, so a billing alarm would never ' +
        'fire. Enable billing alerts first: in the Billing and Cost Management console, open Billing preferences and ' +
        'turn on "Receive CloudWatch billing alerts" (with consolidated billing, in the management account). The ' +
        'metric appears some hours later; then plan again.',
    );
  }
  const existing = await findAlarm(api, definition.AlarmName);
  checkOwned(existing, existing !== undefined && VERSION_TAG in existing.tags, 'modelship');
  return [
    alarmStep(api, {
      id: BILLING_STEP_ID,
      definition,
      tags,
      existing,
      dependsOn: [],
      what: `watches estimated charges above ${options.thresholdUsd} USD`,
    }),
  ];
}

/**
 * The step (id `delete-billing-alarm`) that deletes the billing alarm modelship made with these options; none when
 * it is gone, so running it twice is safe.
 */
export async function destroyBillingAlarm(
  aws: AwsContext,
  options: Pick<BillingAlarmOptions, 'thresholdUsd' | 'name'>,
): Promise<PlanStep[]> {
  const name = options.name ?? defaultName(checkThreshold(options.thresholdUsd));
  const api = await billingApi(aws);
  const existing = await findAlarm(api, name);
  if (existing === undefined || !(VERSION_TAG in existing.tags)) return [];
  return [deleteAlarmStep(api, { id: `delete-${BILLING_STEP_ID}`, existing, why: 'is no longer wanted' })];
}

/** The billing alarm's definition and tags, checked. Pure. */
export function billingDefinition(options: BillingAlarmOptions): {
  definition: AlarmDefinition;
  tags: ReturnType<typeof buildTags>;
} {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError('billing', 'billing alarm options must be an object, e.g. { thresholdUsd: 100 }.');
  }
  const threshold = checkThreshold(options.thresholdUsd);
  const notify = checkTopics('billing.notify', options.notify);
  if (notify.length === 0) {
    throw new InvalidArgumentError('billing.notify', 'billing.notify is required: the SNS topic to alert.');
  }
  checkNotifyRegion(notify, BILLING_REGION, 'billing.notify');
  const name = options.name ?? defaultName(threshold);
  // AlarmName: 1 to 255 characters, no control characters (CloudWatch API).
  if (typeof name !== 'string' || name.length === 0 || name.length > 255 || /\p{Cc}/u.test(name)) {
    throw new InvalidArgumentError(
      'billing.name',
      'billing.name must be 1 to 255 characters, without control characters.',
    );
  }
  const definition: AlarmDefinition = {
    AlarmName: name,
    AlarmDescription: `Estimated AWS charges this month above ${threshold} USD. Made by modelship.`,
    ActionsEnabled: true,
    AlarmActions: [...notify],
    Namespace: 'AWS/Billing',
    MetricName: 'EstimatedCharges',
    Dimensions: [{ Name: 'Currency', Value: 'USD' }],
    Statistic: 'Maximum',
    Period: PERIOD_S,
    EvaluationPeriods: 1,
    DatapointsToAlarm: 1,
    Threshold: threshold,
    ComparisonOperator: 'GreaterThanThreshold',
    // Gaps between the estimates are normal: they say nothing about spending.
    TreatMissingData: 'notBreaching',
  };
  return { definition, tags: buildTags(options.tags) };
}

/** CloudWatch in us-east-1, on the context's credentials; only the commercial partition has billing metrics. */
async function billingApi(aws: AwsContext): Promise<CloudWatchApi> {
  const region = await aws.region();
  if (partitionOf(region) !== 'aws') {
    throw new InvalidArgumentError(
      'region',
      `Billing metrics are published in us-east-1 of the commercial AWS partition only; the context's region ` +
        `${region} is in ${partitionOf(region)}, which has no EstimatedCharges metric.`,
    );
  }
  if (region === BILLING_REGION) return new CloudWatchApi(aws);
  return new CloudWatchApi(new CloudWatchClient({ ...aws.clientOptions('CloudWatch'), region: BILLING_REGION }));
}

function checkThreshold(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidArgumentError(
      'billing.thresholdUsd',
      `billing.thresholdUsd is ${String(value)}; it must be a number of US dollars above 0.`,
    );
  }
  return value;
}

function defaultName(threshold: number): string {
  return `modelship-billing-${String(threshold).replace('.', '-')}-usd`;
}
