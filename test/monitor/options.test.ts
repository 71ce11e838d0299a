import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { checkMonitor, checkNotifyRegion, type MonitorOptions } from '../../src/monitor/options.js';
import { TOPIC } from './support/fake-cloudwatch.js';

const realtime = { kind: 'realtime' } as const;

function argumentOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return (error as InvalidArgumentError).argument;
  }
  return undefined;
}

describe('checkMonitor', () => {
  it('applies the defaults and keeps only the thresholds given', () => {
    expect(checkMonitor({ p99LatencyMs: 250 }, realtime)).toEqual({
      kind: 'realtime',
      p99LatencyMs: 250,
      notify: [],
      evaluationPeriods: 5,
      periodS: 60,
      dashboard: true,
    });
  });

  it('takes one topic or a list, without duplicates', () => {
    expect(checkMonitor({ notify: TOPIC }, realtime).notify).toEqual([TOPIC]);
    expect(checkMonitor({ notify: [TOPIC, TOPIC] }, realtime).notify).toEqual([TOPIC]);
  });

  it.each<[MonitorOptions, string]>([
    [{ p99LatencyMs: 0 }, 'monitor.p99LatencyMs'],
    [{ p99LatencyMs: Number.NaN }, 'monitor.p99LatencyMs'],
    [{ maxErrorRate: 5 }, 'monitor.maxErrorRate'],
    [{ maxErrorRate: 1 }, 'monitor.maxErrorRate'],
    [{ max4xxRate: -0.1 }, 'monitor.max4xxRate'],
    [{ memoryPercent: 101 }, 'monitor.memoryPercent'],
    [{ diskPercent: 0 }, 'monitor.diskPercent'],
    [{ cpuPercent: 250 }, ''], // 100 per vCPU: above 100 is allowed
    [{ idleHours: 0.5 }, 'monitor.idleHours'],
    [{ idleHours: 169 }, 'monitor.idleHours'],
    [{ periodS: 90 }, 'monitor.periodS'],
    [{ periodS: 30 }, 'monitor.periodS'],
    [{ periodS: 600, evaluationPeriods: 145 }, 'monitor.evaluationPeriods'], // over a day below an hour's period
    [{ periodS: 3600, evaluationPeriods: 168 }, ''], // 7 days from an hour up
    [{ evaluationPeriods: 0 }, 'monitor.evaluationPeriods'],
    [{ dashboard: 'yes' as unknown as boolean }, 'monitor.dashboard'],
    [{ notify: 'ml-alerts' }, 'monitor.notify'],
    [{ notify: 'arn:aws:sqs:eu-west-1:123456789012:queue' }, 'monitor.notify'],
    [{ notify: ['arn:aws:sns:eu-west-1:123456789012:a b'] }, 'monitor.notify[0]'],
    [{ notify: [] }, 'monitor.notify'],
    [{ notify: Array.from({ length: 6 }, (_, i) => `${TOPIC}${i}`) }, 'monitor.notify'],
    [{ p99LatencyMs: 100, cpu: 80 } as MonitorOptions, 'monitor.cpu'],
  ])('%j → %s', (options, argument) => {
    expect(argumentOf(() => checkMonitor(options, realtime)) ?? '').toBe(argument);
  });

  it('refuses CPU and disk on a serverless endpoint, but takes memory', () => {
    expect(argumentOf(() => checkMonitor({ cpuPercent: 80 }, { kind: 'serverless' }))).toBe('monitor.cpuPercent');
    expect(argumentOf(() => checkMonitor({ diskPercent: 80 }, { kind: 'serverless' }))).toBe('monitor.diskPercent');
    expect(checkMonitor({ memoryPercent: 80 }, { kind: 'serverless' }).memoryPercent).toBe(80);
  });

  it('suggests the fraction when a rate is written as a percentage', () => {
    expect(() => checkMonitor({ maxErrorRate: 5 }, realtime)).toThrow(/write 0\.05/);
  });
});

describe('checkNotifyRegion', () => {
  it('refuses a topic in another region than the alarms', () => {
    expect(() => checkNotifyRegion([TOPIC], 'eu-west-1')).not.toThrow();
    expect(() => checkNotifyRegion([TOPIC], 'us-east-1')).toThrow(/eu-west-1, but the alarms are in us-east-1/);
  });
});
