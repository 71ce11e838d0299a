import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../src/errors.js';
import {
  estimateHourlyCostUsd,
  REALTIME_HOURLY_USD,
  SAGEMAKER_PRICE_NOTE,
  SAGEMAKER_PRICES_AS_OF,
} from '../../../src/targets/sagemaker/pricing.js';

describe('estimateHourlyCostUsd', () => {
  it('multiplies the hourly price by the instance count', () => {
    expect(estimateHourlyCostUsd('ml.m5.large', 'us-east-1', 1)).toBe(0.115);
    expect(estimateHourlyCostUsd('ml.m5.large', 'us-east-1', 3)).toBe(0.345);
    expect(estimateHourlyCostUsd('ml.g5.xlarge', 'us-east-1', 2)).toBe(2.816);
  });

  it('counts one instance by default, and zero instances cost nothing', () => {
    expect(estimateHourlyCostUsd('ml.p3.2xlarge', 'us-east-1')).toBe(3.825);
    expect(estimateHourlyCostUsd('ml.p3.2xlarge', 'us-east-1', 0)).toBe(0);
  });

  it('says unknown (undefined) rather than guess', () => {
    expect(estimateHourlyCostUsd('ml.m5.large', 'ap-south-2', 1)).toBeUndefined();
    expect(estimateHourlyCostUsd('ml.x99.huge', 'us-east-1', 1)).toBeUndefined();
    // No figure from us-east-1 is copied to other regions.
    expect(estimateHourlyCostUsd('ml.m5.large', 'eu-west-1', 1)).toBeUndefined();
    expect(estimateHourlyCostUsd('toString', 'us-east-1', 1)).toBeUndefined();
    expect(estimateHourlyCostUsd('ml.m5.large', 'constructor', 1)).toBeUndefined();
  });

  it.each([-1, 1.5, Number.NaN])('refuses instance count %s', (count) => {
    expect(() => estimateHourlyCostUsd('ml.m5.large', 'us-east-1', count)).toThrow(InvalidArgumentError);
  });
});

describe('the price table', () => {
  it('is dated and labelled as estimates', () => {
    expect(SAGEMAKER_PRICES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(SAGEMAKER_PRICE_NOTE).toContain('Estimated');
    expect(SAGEMAKER_PRICE_NOTE).toContain(SAGEMAKER_PRICES_AS_OF);
  });

  it('holds only real-time instance types with plausible positive prices', () => {
    for (const prices of Object.values(REALTIME_HOURLY_USD)) {
      for (const [instanceType, price] of Object.entries(prices)) {
        expect(instanceType).toMatch(/^ml\.[a-z0-9-]+\.[a-z0-9]+$/);
        expect(price).toBeGreaterThan(0.01);
        expect(price).toBeLessThan(200);
      }
    }
  });

  it('prices larger sizes of a family higher', () => {
    const prices = REALTIME_HOURLY_USD['us-east-1']!;
    expect(prices['ml.m5.xlarge']!).toBeGreaterThan(prices['ml.m5.large']!);
    expect(prices['ml.m5.2xlarge']!).toBeGreaterThan(prices['ml.m5.xlarge']!);
    expect(prices['ml.g5.2xlarge']!).toBeGreaterThan(prices['ml.g5.xlarge']!);
  });
});
