/**
 * The "create billing alerts" step of putting a model in production, in one call: a CloudWatch alarm on the
 * account's estimated charges (`AWS/Billing` `EstimatedCharges`, in us-east-1) that notifies an SNS topic, made
 * or removed through the same plan/apply engine as every deployment (describe first, retries, rollback, events).
 *
 * It lives in `deploy/` rather than `monitor/` because it runs the engine (`applyPlan`): `monitor/` only plans
 * the steps (`planBillingAlarm`, `destroyBillingAlarm`), and may not import the engine (see docs/architecture.md).
 */
import type { AwsConfig } from '../aws/config.js';
import { AwsContext } from '../aws/context.js';
import { type BillingAlarmOptions, destroyBillingAlarm, planBillingAlarm } from '../monitor/billing.js';
import { type ApplyOptions, applyPlan } from './apply.js';
import type { PlanStep } from './plan.js';

/**
 * How to reach AWS and follow progress; shared by {@link createBillingAlarm} and {@link removeBillingAlarm}.
 *
 * @example
 * ```ts
 * const run: BillingAlarmRunOptions = { aws: { profile: 'billing-admin' }, onEvent: console.log, timeoutMs: 60_000 };
 * await createBillingAlarm({ thresholdUsd: 100, notify: 'arn:aws:sns:us-east-1:123456789012:billing', ...run });
 * ```
 */
export interface BillingAlarmRunOptions extends Pick<ApplyOptions, 'onEvent' | 'signal' | 'retry' | 'timeoutMs'> {
  /**
   * The AWS configuration, or an {@link AwsContext} to share clients with. Any region of the commercial partition
   * will do: the alarm is always made in us-east-1, where AWS publishes billing metrics.
   * @default the AWS SDK's own region and credential chain
   */
  readonly aws?: AwsConfig | AwsContext;
}

/**
 * Options of {@link createBillingAlarm}.
 *
 * @example
 * ```ts
 * const { alarmName } = await createBillingAlarm({
 *   thresholdUsd: 100,
 *   notify: ['arn:aws:sns:us-east-1:123456789012:billing'],
 *   aws: { region: 'us-east-1' },
 * });
 * ```
 */
export interface CreateBillingAlarmOptions extends BillingAlarmOptions, BillingAlarmRunOptions {}

/**
 * Options of {@link removeBillingAlarm}: the alarm's `name`, or the `thresholdUsd` its default name was made
 * from. The options given to {@link createBillingAlarm} fit as they are.
 *
 * @example
 * ```ts
 * await removeBillingAlarm({ thresholdUsd: 100, aws: { region: 'us-east-1' } }); // removes modelship-billing-100-usd
 * ```
 */
export interface RemoveBillingAlarmOptions
  extends Pick<BillingAlarmOptions, 'thresholdUsd' | 'name'>,
    BillingAlarmRunOptions {}

/**
 * What {@link createBillingAlarm} and {@link removeBillingAlarm} did.
 *
 * @example
 * ```ts
 * const result = await createBillingAlarm({ thresholdUsd: 100, notify: 'arn:aws:sns:us-east-1:123456789012:billing' });
 * if (!result.changed) console.log(`${result.alarmName} was already in place`);
 * ```
 */
export interface BillingAlarmResult {
  /** The alarm's name, e.g. `modelship-billing-100-usd`. */
  readonly alarmName: string;
  /** False when there was nothing to do: the alarm already matched, or was already gone. */
  readonly changed: boolean;
}

/**
 * Makes (or brings up to date) an alarm that notifies `notify` when the month's estimated AWS charges go above
 * `thresholdUsd` US dollars. Safe to run on every deploy: a second call with the same options changes nothing.
 *
 * @example
 * ```ts
 * const { alarmName } = await createBillingAlarm({
 *   thresholdUsd: 100,
 *   notify: 'arn:aws:sns:us-east-1:123456789012:billing-alerts',
 * });
 * ```
 * @throws {@link InvalidArgumentError} for a bad threshold, name or topic (the topic must be in us-east-1), a
 * context in China or GovCloud, and when the account publishes no billing metric: billing alerts must first be
 * turned on in the account's Billing preferences ("Receive CloudWatch billing alerts").
 * @throws {@link ConflictError} when an alarm of that name exists and modelship did not make it.
 * @throws {@link DeploymentFailedError} when CloudWatch refused to make it.
 */
export function createBillingAlarm(options: CreateBillingAlarmOptions): Promise<BillingAlarmResult> {
  const { aws, onEvent, signal, retry, timeoutMs, ...alarm } = options;
  return withContext(aws, async (context) => {
    const steps = await planBillingAlarm(context, alarm);
    return run(steps, { onEvent, signal, retry, timeoutMs });
  });
}

/**
 * Removes the billing alarm {@link createBillingAlarm} made. Safe to run twice: with the alarm gone it does
 * nothing (`changed: false`). An alarm of that name that modelship did not make is left alone.
 *
 * @example
 * ```ts
 * await removeBillingAlarm({ thresholdUsd: 100 });
 * ```
 * @throws {@link InvalidArgumentError} for a bad threshold, or a context in China or GovCloud.
 * @throws {@link DeploymentFailedError} when CloudWatch refused to delete it.
 */
export function removeBillingAlarm(options: RemoveBillingAlarmOptions): Promise<BillingAlarmResult> {
  const { aws, onEvent, signal, retry, timeoutMs, thresholdUsd, name } = options;
  return withContext(aws, async (context) => {
    const steps = await destroyBillingAlarm(context, { thresholdUsd, ...(name === undefined ? {} : { name }) });
    if (steps.length === 0) return { alarmName: name ?? defaultAlarmName(thresholdUsd), changed: false };
    return run(steps, { onEvent, signal, retry, timeoutMs });
  });
}

async function run(steps: PlanStep[], options: ApplyOptions): Promise<BillingAlarmResult> {
  const result = await applyPlan({ name: 'billing-alarm', target: 'cloudwatch', steps }, options);
  const step = steps[0] as PlanStep;
  return { alarmName: step.resource.name, changed: result.changed };
}

/** Runs `body` on the caller's context, or on one made for the call and closed after it. */
async function withContext<T>(aws: AwsConfig | AwsContext | undefined, body: (aws: AwsContext) => Promise<T>) {
  if (aws instanceof AwsContext) return body(aws);
  const owned = new AwsContext(aws);
  try {
    return await body(owned);
  } finally {
    owned.destroy();
  }
}

/** `planBillingAlarm`'s default name (`modelship-billing-<threshold>-usd`), for a removal that found nothing. */
function defaultAlarmName(thresholdUsd: number): string {
  return `modelship-billing-${String(thresholdUsd).replace('.', '-')}-usd`;
}
