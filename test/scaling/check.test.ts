/**
 * `checkAutoscaling`: defaults, and every way options can be wrong, each naming the option at fault.
 */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { checkAutoscaling } from '../../src/scaling/check.js';
import type { AutoscalingOptions } from '../../src/scaling/options.js';

const realtime = { kind: 'realtime' } as const;

function argumentOf(options: unknown, context: Parameters<typeof checkAutoscaling>[1] = realtime): string {
  try {
    checkAutoscaling(options as AutoscalingOptions, context);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return (error as InvalidArgumentError).argument;
  }
  throw new Error('no error was thrown');
}

describe('checkAutoscaling', () => {
  it('fills in the defaults of a real-time endpoint', () => {
    const settings = checkAutoscaling({ min: 1, max: 4, targetInvocationsPerInstance: 100 }, realtime);
    expect(settings).toEqual({
      kind: 'realtime',
      dimension: 'sagemaker:variant:DesiredInstanceCount',
      min: 1,
      max: 4,
      policies: [
        {
          key: 'invocations',
          metric: { kind: 'predefined', type: 'SageMakerVariantInvocationsPerInstance' },
          target: 100,
          scaleInCooldownS: 300,
          scaleOutCooldownS: 300,
          disableScaleIn: false,
        },
      ],
      schedules: [],
    });
  });

  it('makes one policy per target, and takes a schedule alone', () => {
    const settings = checkAutoscaling(
      {
        min: 2,
        max: 10,
        targetInvocationsPerInstance: 50,
        targetCpuPercent: 70,
        customMetric: { namespace: 'MyApp', name: 'Queue', target: 5 },
        scaleInCooldownS: 0,
        disableScaleIn: true,
      },
      realtime,
    );
    expect(settings.policies.map((p) => [p.key, p.target, p.scaleInCooldownS, p.disableScaleIn])).toEqual([
      ['invocations', 50, 0, true],
      ['cpu', 70, 0, true],
      ['custom', 5, 0, true],
    ]);
    const scheduled = checkAutoscaling(
      { min: 1, max: 2, schedule: [{ name: 'night', expression: 'at(2030-02-28T22:00:00)', max: 1 }] },
      realtime,
    );
    expect(scheduled.policies).toEqual([]);
    expect(scheduled.schedules).toEqual([
      { key: 'night', expression: 'at(2030-02-28T22:00:00)', timezone: undefined, min: undefined, max: 1 },
    ]);
  });

  it('scales a serverless endpoint on provisioned concurrency, within its maxConcurrency', () => {
    const settings = checkAutoscaling(
      { provisionedConcurrency: { min: 1, max: 5 } },
      { kind: 'serverless', maxConcurrency: 5 },
    );
    expect(settings).toMatchObject({
      kind: 'serverless',
      dimension: 'sagemaker:variant:DesiredProvisionedConcurrency',
      min: 1,
      max: 5,
      policies: [
        {
          key: 'provisioned-concurrency',
          metric: { type: 'SageMakerVariantProvisionedConcurrencyUtilization' },
          target: 0.7,
        },
      ],
    });
    expect(argumentOf({ provisionedConcurrency: { min: 1, max: 6 } }, { kind: 'serverless', maxConcurrency: 5 })).toBe(
      'autoscaling.provisionedConcurrency.max',
    );
    expect(argumentOf({ provisionedConcurrency: { min: 1, max: 201 } }, { kind: 'serverless' })).toBe(
      'autoscaling.provisionedConcurrency.max',
    );
    expect(
      argumentOf({ provisionedConcurrency: { min: 1, max: 2, targetUtilization: 1.5 } }, { kind: 'serverless' }),
    ).toBe('autoscaling.provisionedConcurrency.targetUtilization');
  });

  it.each([
    ['no min', { max: 2, targetCpuPercent: 50 }, 'autoscaling.min'],
    ['min 0 (only inference components scale to zero)', { min: 0, max: 2, targetCpuPercent: 50 }, 'autoscaling.min'],
    ['a fractional max', { min: 1, max: 2.5, targetCpuPercent: 50 }, 'autoscaling.max'],
    ['max below min', { min: 3, max: 2, targetCpuPercent: 50 }, 'autoscaling.max'],
    ['nothing to scale on', { min: 1, max: 2 }, 'autoscaling'],
    ['a zero target', { min: 1, max: 2, targetInvocationsPerInstance: 0 }, 'autoscaling.targetInvocationsPerInstance'],
    ['a NaN target', { min: 1, max: 2, targetCpuPercent: Number.NaN }, 'autoscaling.targetCpuPercent'],
    [
      'a negative cooldown',
      { min: 1, max: 2, targetCpuPercent: 50, scaleOutCooldownS: -1 },
      'autoscaling.scaleOutCooldownS',
    ],
    [
      'a string disableScaleIn',
      { min: 1, max: 2, targetCpuPercent: 5, disableScaleIn: 'yes' },
      'autoscaling.disableScaleIn',
    ],
    [
      'a custom metric without target',
      { min: 1, max: 2, customMetric: { namespace: 'A', name: 'B' } },
      'autoscaling.customMetric.target',
    ],
    [
      'an unknown statistic',
      { min: 1, max: 2, customMetric: { namespace: 'A', name: 'B', target: 1, statistic: 'p99' } },
      'autoscaling.customMetric.statistic',
    ],
    ['provisioned concurrency on a real-time endpoint', { provisionedConcurrency: { min: 1, max: 2 } }, 'autoscaling'],
  ])('refuses %s', (_, options, argument) => {
    expect(argumentOf(options)).toBe(argument);
  });

  it.each([
    ['a five-field cron', 'cron(0 22 * * ?)', 'expression'],
    ['a cron with both day fields set', 'cron(0 22 * * MON *)', 'expression'],
    ['a bare cron line', '0 22 * * ? *', 'expression'],
    ['a date that does not exist', 'at(2030-02-30T22:00:00)', 'expression'],
    ['a zero rate', 'rate(0 hours)', 'expression'],
  ])('refuses a schedule with %s', (_, expression, field) => {
    const options = { min: 1, max: 2, schedule: [{ name: 'night', expression, max: 1 }] };
    expect(argumentOf(options)).toBe(`autoscaling.schedule[0].${field}`);
  });

  it('refuses bad schedule names, bounds and time zones', () => {
    const one = (action: object) => argumentOf({ min: 1, max: 4, schedule: [action] });
    const expression = 'cron(0 22 ? * MON-FRI *)';
    expect(one({ name: 'night/1', expression, max: 1 })).toBe('autoscaling.schedule[0].name');
    expect(one({ name: 'night', expression })).toBe('autoscaling.schedule[0]');
    expect(one({ name: 'night', expression, min: 3, max: 2 })).toBe('autoscaling.schedule[0].max');
    expect(one({ name: 'night', expression, min: 0 })).toBe('autoscaling.schedule[0].min');
    expect(one({ name: 'night', expression, max: 1, timezone: 'Mars/Olympus' })).toBe(
      'autoscaling.schedule[0].timezone',
    );
    const twice = { name: 'night', expression, max: 1 };
    expect(argumentOf({ min: 1, max: 4, schedule: [twice, twice] })).toBe('autoscaling.schedule[1].name');
  });

  it('takes every documented expression form and IANA zones', () => {
    const schedule = [
      { name: 'weekday-evenings', expression: 'cron(0 20 ? * MON-FRI *)', timezone: 'Europe/Paris', max: 2 },
      { name: 'month-start', expression: 'cron(0 6 1 * ? *)', timezone: 'Etc/GMT+9', min: 3 },
      { name: 'every-six-hours', expression: 'rate(6 hours)', min: 1 },
      { name: 'launch', expression: 'at(2030-12-24T18:00:00)', timezone: 'UTC', min: 4 },
    ];
    expect(checkAutoscaling({ min: 1, max: 4, schedule }, realtime).schedules.map((s) => s.key)).toEqual(
      schedule.map((s) => s.name),
    );
  });
});
