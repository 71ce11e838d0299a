/** "Did you mean" for a misspelt config key: a typo gets the key it was meant to be, another word gets nothing. */
import { describe, expect, it } from 'vitest';
import { closestKey } from '../../../src/cli/config/closest.js';

const SAGEMAKER = ['type', 'role', 'createRole', 'instanceType', 'instanceCount', 'volumeSizeGb', 'variants'];

describe('closestKey', () => {
  it.each([
    ['instanceTyp', 'instanceType'],
    ['instanceCuont', 'instanceCount'],
    ['InstanceType', 'instanceType'],
    ['createrole', 'createRole'],
    ['varients', 'variants'],
    ['tpye', 'type'],
  ])('%s → %s', (key, expected) => {
    expect(closestKey(key, SAGEMAKER)).toBe(expected);
  });

  it.each(['region', 'memoryMb', 'x', 'instance'])('%s → nothing (not a typo of an allowed key)', (key) => {
    expect(closestKey(key, SAGEMAKER)).toBeUndefined();
  });
});
