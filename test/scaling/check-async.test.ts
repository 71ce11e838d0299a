/**
 * `checkAutoscaling` for async endpoints: zero instances allowed, the backlog target, when scale-from-zero is on
 * by default, and what each kind of endpoint refuses of the other's options.
 */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { checkAutoscaling, type ScalingCheckContext } from '../../src/scaling/check.js';
import type { AutoscalingOptions } from '../../src/scaling/options.js';

const async = { kind: 'async' } as const;

function refusal(options: unknown, context: ScalingCheckContext = async): InvalidArgumentError {
  try {
    checkAutoscaling(options as AutoscalingOptions, context);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return error as InvalidArgumentError;
  }
  throw new Error('no error was thrown');
}

describe('checkAutoscaling of an async endpoint', () => {
  it('tracks the backlog per instance from zero instances, with scale-from-zero on by default', () => {
    expect(checkAutoscaling({ min: 0, max: 3, targetBacklogPerInstance: 2.5, scaleOutCooldownS: 60 }, async)).toEqual({
      kind: 'async',
      dimension: 'sagemaker:variant:DesiredInstanceCount',
      min: 0,
      max: 3,
      policies: [
        {
          key: 'backlog',
          metric: { kind: 'backlog' },
          target: 2.5,
          scaleInCooldownS: 300,
          scaleOutCooldownS: 60,
          disableScaleIn: false,
        },
      ],
      schedules: [],
      scaleFromZero: { cooldownS: 60 },
    });
  });

  it('turns scale-from-zero on when a schedule allows zero, and off when asked or when zero is never allowed', () => {
    const night = [{ name: 'night', expression: 'cron(0 22 * * ? *)', min: 0 }];
    expect(checkAutoscaling({ min: 1, max: 3, targetBacklogPerInstance: 5, schedule: night }, async)).toHaveProperty(
      'scaleFromZero',
    );
    expect(checkAutoscaling({ min: 1, max: 3, targetBacklogPerInstance: 5 }, async)).not.toHaveProperty(
      'scaleFromZero',
    );
    expect(
      checkAutoscaling({ min: 0, max: 3, targetBacklogPerInstance: 5, scaleFromZero: false }, async),
    ).not.toHaveProperty('scaleFromZero');
  });

  it('refuses a missing or bad backlog target, a max of 0, and real-time targets, naming the option', () => {
    expect(refusal({ min: 0, max: 3 }).argument).toBe('autoscaling.targetBacklogPerInstance');
    expect(refusal({ min: 0, max: 3, targetBacklogPerInstance: 0 }).argument).toBe(
      'autoscaling.targetBacklogPerInstance',
    );
    expect(refusal({ min: 0, max: 0, targetBacklogPerInstance: 5 }).argument).toBe('autoscaling.max');
    expect(refusal({ min: -1, max: 3, targetBacklogPerInstance: 5 }).argument).toBe('autoscaling.min');
    expect(refusal({ min: 0, max: 3, targetBacklogPerInstance: 5, scaleFromZero: 'yes' }).argument).toBe(
      'autoscaling.scaleFromZero',
    );
    expect(refusal({ min: 0, max: 3, targetBacklogPerInstance: 5, targetCpuPercent: 50 }).argument).toBe(
      'autoscaling.targetCpuPercent',
    );
    expect(refusal({ provisionedConcurrency: { min: 1, max: 2 } }).message).toMatch(/targetBacklogPerInstance/);
  });

  it('refuses min 0 and the async options on a real-time endpoint', () => {
    const realtime = { kind: 'realtime' } as const;
    const zero = refusal({ min: 0, max: 3, targetInvocationsPerInstance: 100 }, realtime);
    expect(zero.argument).toBe('autoscaling.min');
    expect(zero.message).toMatch(/SageMaker\.async/);
    expect(refusal({ min: 1, max: 3, targetBacklogPerInstance: 5 }, realtime).argument).toBe(
      'autoscaling.targetBacklogPerInstance',
    );
  });
});
