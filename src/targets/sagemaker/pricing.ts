/**
 * A small table of estimated hourly prices for SageMaker real-time inference instances, so a plan can show what an
 * endpoint will roughly cost. Estimates only: they are not a quote, leave out storage, data transfer, Savings Plans
 * and taxes, and go stale. Unknown instance types and regions give `undefined` ("unknown"), never a guess.
 */
import { InvalidArgumentError } from '../../errors.js';

/** When the figures below were gathered (YYYY-MM-DD). */
export const SAGEMAKER_PRICES_AS_OF = '2026-07-30';

/** How to label the figures wherever they are shown. */
export const SAGEMAKER_PRICE_NOTE =
  `Estimated on-demand SageMaker real-time inference price in USD per instance-hour, as of ${SAGEMAKER_PRICES_AS_OF}; ` +
  'not a quote (storage, data transfer, Savings Plans and taxes excluded). See https://aws.amazon.com/sagemaker/pricing/.';

/**
 * On-demand real-time inference (`Host:` usage) prices, USD per instance-hour, by region and instance type.
 *
 * Only figures that at least two independent public sources gave to the cent (one of them read from the AWS Price
 * List API for ml.m5.large) are kept; where sources disagreed (ml.t2.medium, ml.g4dn.2xlarge) or only one source
 * was found (ml.m6i.*, ml.c6i.*, ml.c5.large) the type is left out. No figure for us-west-2 or eu-west-1 could be
 * confirmed that way, so those regions are absent rather than copied from us-east-1.
 */
export const REALTIME_HOURLY_USD: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'us-east-1': {
    'ml.m5.large': 0.115,
    'ml.m5.xlarge': 0.23,
    'ml.m5.2xlarge': 0.461,
    'ml.c5.xlarge': 0.204,
    'ml.c5.2xlarge': 0.408,
    'ml.g4dn.xlarge': 0.736,
    'ml.g5.xlarge': 1.408,
    'ml.g5.2xlarge': 1.515,
    'ml.p3.2xlarge': 3.825,
    'ml.p4d.24xlarge': 37.688,
    'ml.inf2.xlarge': 0.758,
  },
};

/**
 * The estimated on-demand cost per hour of a real-time endpoint variant: the instance type's hourly price in the
 * region times the instance count. Label the result with {@link SAGEMAKER_PRICE_NOTE}.
 *
 * @param instanceType - A SageMaker instance type, e.g. `ml.m5.large`.
 * @param region - The AWS region, e.g. `us-east-1`.
 * @param instanceCount - How many instances serve the variant (a whole number, 0 or more). Defaults to 1.
 * @returns USD per hour, or `undefined` when the table has no price for that instance type in that region.
 * @throws {@link InvalidArgumentError} when `instanceCount` is not a whole number of 0 or more.
 */
export function estimateHourlyCostUsd(instanceType: string, region: string, instanceCount = 1): number | undefined {
  if (!Number.isInteger(instanceCount) || instanceCount < 0) {
    throw new InvalidArgumentError(
      'instanceCount',
      `instanceCount must be a whole number of 0 or more, got ${instanceCount}.`,
    );
  }
  const prices = Object.hasOwn(REALTIME_HOURLY_USD, region) ? REALTIME_HOURLY_USD[region] : undefined;
  const price = prices !== undefined && Object.hasOwn(prices, instanceType) ? prices[instanceType] : undefined;
  if (price === undefined) return undefined;
  // Rounded to a millionth of a dollar so 3 × 0.115 reads 0.345, not 0.34500000000000003.
  return Math.round(price * instanceCount * 1e6) / 1e6;
}
