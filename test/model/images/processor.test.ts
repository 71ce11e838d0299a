import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../src/errors.js';
import { processorOf } from '../../../src/model/images/processor.js';

describe('processorOf', () => {
  it.each([
    ['ml.t2.medium', 'cpu'],
    ['ml.m5.large', 'cpu'],
    ['ml.c6i.xlarge', 'cpu'],
    ['ml.r5d.2xlarge', 'cpu'],
    ['ml.g4dn.xlarge', 'gpu'],
    ['ml.g5.2xlarge', 'gpu'],
    ['ml.g6e.xlarge', 'gpu'],
    ['ml.p3.2xlarge', 'gpu'],
    ['ml.p4d.24xlarge', 'gpu'],
    ['ml.p5.48xlarge', 'gpu'],
    ['ml.inf1.xlarge', 'inf'],
    ['ml.inf2.xlarge', 'inf'],
    ['ml.trn1.2xlarge', 'trn'],
    ['ml.trn1n.32xlarge', 'trn'],
    ['ml.c6g.large', 'graviton'],
    ['ml.c6gn.xlarge', 'graviton'],
    ['ml.m6gd.large', 'graviton'],
    ['ml.c7g.2xlarge', 'graviton'],
    ['ml.t4g.medium', 'graviton'],
    // Arm host with an NVIDIA GPU: x86 GPU images do not run there either.
    ['ml.g5g.xlarge', 'graviton'],
  ] as const)('%s is %s', (instanceType, processor) => {
    expect(processorOf(instanceType)).toBe(processor);
  });

  it.each(['m5.large', 'ml.m5', 'local_gpu', '', 'ML.M5.LARGE', 'ml..large'])('rejects %j', (instanceType) => {
    const error = (() => {
      try {
        processorOf(instanceType);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', argument: 'instanceType' });
    expect((error as Error).message).toContain('ml.<family>.<size>');
  });
});
