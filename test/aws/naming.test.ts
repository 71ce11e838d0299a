import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isValidResourceName,
  MAX_RESOURCE_NAME_LENGTH,
  RESOURCE_NAME_PATTERN,
  toResourceName,
  uniqueName,
  validateResourceName,
} from '../../src/aws/naming.js';
import { InvalidArgumentError } from '../../src/errors.js';
import { validateAwsInput } from '../support/aws-contract.js';
import { loadServiceModel } from '../support/smithy/models.js';

describe('the SageMaker name rule', () => {
  it('is the one of EndpointName, EndpointConfigName and ModelName in the SageMaker model', () => {
    const model = loadServiceModel('SageMaker');
    for (const shape of ['EndpointName', 'EndpointConfigName', 'ModelName']) {
      const traits = model.shape(`com.amazonaws.sagemaker#${shape}`)?.traits ?? {};
      expect((traits['smithy.api#length'] as { max: number }).max).toBe(MAX_RESOURCE_NAME_LENGTH);
      const pattern = new RegExp(traits['smithy.api#pattern'] as string);
      for (const name of ['a', 'churn-v2', 'a--b', 'A1', 'x'.repeat(63)]) expect(pattern.test(name)).toBe(true);
      for (const name of ['-a', 'a-', 'a_b', 'a.b', '', 'é']) expect(pattern.test(name)).toBe(false);
    }
    // The contract check used below does catch a bad name.
    expect(validateAwsInput('SageMaker', 'CreateEndpointConfig', validConfig('bad_name'))).not.toEqual([]);
  });

  it('accepts valid names and rejects the rest with a suggestion', () => {
    expect(isValidResourceName('churn-model-2')).toBe(true);
    expect(isValidResourceName('x'.repeat(63))).toBe(true);
    expect(isValidResourceName('x'.repeat(64))).toBe(false);
    expect(isValidResourceName('churn_model')).toBe(false);
    expect(() => validateResourceName('churn-model', 'endpointName')).not.toThrow();
    const error = catchError(() => validateResourceName('Churn_Model', 'endpointName'));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ argument: 'endpointName' });
    expect(error.message).toContain('characters other than letters, digits');
    expect(error.message).toContain('Try "churn-model"');
    expect(catchError(() => validateResourceName('-a')).message).toContain('starts or ends with "-"');
    expect(catchError(() => validateResourceName('x'.repeat(70))).message).toContain('70 characters long');
    expect(catchError(() => validateResourceName('')).message).toContain('it is empty');
  });
});

describe('toResourceName', () => {
  it('sanitizes text into a valid name', () => {
    expect(toResourceName('Churn model (v2)')).toBe('churn-model-v2');
    expect(toResourceName('  --Crème brûlée__ 2026!! ')).toBe('creme-brulee-2026');
    expect(toResourceName('a'.repeat(100))).toBe('a'.repeat(63));
    // Cut at the limit, then no trailing hyphen.
    expect(toResourceName(`${'a'.repeat(9)} bcd`, { maxLength: 10 })).toBe('aaaaaaaaa');
  });

  it('refuses text without a letter or digit', () => {
    expect(() => toResourceName('!!! ???')).toThrow(InvalidArgumentError);
    expect(() => toResourceName('')).toThrow(/no letters or digits/);
    expect(() => toResourceName('abc', { maxLength: 64 })).toThrow(/maxLength/);
  });

  it('always returns a valid name of at most maxLength for text with a letter or digit', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 120 }).filter((s) => /[a-z0-9]/i.test(s)),
        fc.integer({ min: 1, max: 63 }),
        (raw, maxLength) => {
          const name = toResourceName(raw, { maxLength });
          expect(name).toMatch(RESOURCE_NAME_PATTERN);
          expect(name.length).toBeLessThanOrEqual(maxLength);
          expect(toResourceName(name, { maxLength })).toBe(name); // idempotent
        },
      ),
    );
  });
});

describe('uniqueName', () => {
  it('appends a sortable UTC time and a random part', () => {
    const name = uniqueName('Churn', { now: new Date('2026-11-25T05:42:33.123Z') });
    expect(name).toMatch(/^churn-20261125-054233-[0-9a-f]{4}$/);
    const other = uniqueName('Churn', { now: new Date('2026-11-25T05:42:33.123Z') });
    const later = uniqueName('Churn', { now: new Date('2026-11-25T05:42:34Z') });
    expect([later, name].sort()).toEqual([name, later]);
    // 65,536 random values: two names in the same second are all but sure to differ.
    const many = new Set(Array.from({ length: 50 }, () => uniqueName('churn', { now: new Date(0) })));
    expect(many.size).toBeGreaterThan(45);
    expect(other.slice(0, -4)).toBe(name.slice(0, -4));
  });

  it('shortens the base so the whole name fits', () => {
    const name = uniqueName('x'.repeat(80));
    expect(name).toHaveLength(63);
    expect(name).toMatch(RESOURCE_NAME_PATTERN);
    expect(uniqueName('abc', { maxLength: 22 })).toMatch(/^a-\d{8}-\d{6}-[0-9a-f]{4}$/);
    expect(() => uniqueName('abc', { maxLength: 21 })).toThrow(InvalidArgumentError);
    expect(() => uniqueName('abc', { now: new Date(Number.NaN) })).toThrow(/valid Date/);
  });

  it('is valid and at most maxLength for any base with a letter or digit', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 100 }).filter((s) => /[a-z0-9]/i.test(s)),
        fc.integer({ min: 22, max: 63 }),
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2999-12-31T23:59:59Z'), noInvalidDate: true }),
        (base, maxLength, now) => {
          const name = uniqueName(base, { maxLength, now });
          expect(name.length).toBeLessThanOrEqual(maxLength);
          expect(name).toMatch(RESOURCE_NAME_PATTERN);
          // What SageMaker itself would say about the name.
          expect(validateAwsInput('SageMaker', 'CreateEndpointConfig', validConfig(name))).toEqual([]);
        },
      ),
    );
  });
});

function validConfig(name: string) {
  return {
    EndpointConfigName: name,
    ProductionVariants: [
      { VariantName: 'AllTraffic', ModelName: name, InstanceType: 'ml.m5.large', InitialInstanceCount: 1 },
    ],
  };
}

function catchError(fn: () => unknown): InvalidArgumentError {
  try {
    fn();
  } catch (error) {
    return error as InvalidArgumentError;
  }
  throw new Error('expected an error');
}
