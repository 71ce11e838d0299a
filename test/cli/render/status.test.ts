import { describe, expect, it } from 'vitest';
import { visibleLength } from '../../../src/cli/render/colors.js';
import { renderStatus } from '../../../src/cli/render/status.js';
import type { DeploymentStatus } from '../../../src/targets/target.js';
import { ESCAPE } from './events.js';
import { busyMetrics, emptyMetrics } from './metrics-fixture.js';

const LIVE: DeploymentStatus = {
  name: 'churn',
  target: 'sagemaker-realtime',
  deployed: true,
  state: 'InService',
  healthy: true,
  modelVersion: 'churn:3',
  url: 'https://runtime.sagemaker.eu-west-1.amazonaws.com/endpoints/churn/invocations',
  updatedAt: new Date('2026-11-25T14:02:31Z'),
  resources: [
    { kind: 'SageMaker endpoint', name: 'churn', status: 'InService', detail: 'ml.m5.large × 2' },
    { kind: 'SageMaker endpoint config', name: 'churn-7f3a' },
    { kind: 'Autoscaling target', name: 'endpoint/churn/variant/AllTraffic', status: 'Active', detail: '1–4' },
  ],
};

const IO = { color: false, width: 100 };

describe('renderStatus', () => {
  it('shows a headline, the version, URL and last change, and the resources as aligned rows', () => {
    expect(renderStatus(LIVE, IO)).toBe(
      [
        'churn  sagemaker-realtime  InService  ✓ healthy',
        '  model    churn:3',
        '  url      https://runtime.sagemaker.eu-west-1.amazonaws.com/endpoints/churn/invocations',
        '  updated  2026-11-25 14:02 UTC',
        '',
        'Resources',
        '  SageMaker endpoint         churn                              InService  ml.m5.large × 2',
        '  SageMaker endpoint config  churn-7f3a',
        '  Autoscaling target         endpoint/churn/variant/AllTraffic  Active     1–4',
      ].join('\n'),
    );
  });

  it('says why a deployment is unhealthy, and when there is none', () => {
    const failed = {
      ...LIVE,
      state: 'Failed',
      healthy: false,
      failureReason: 'The primary container did not pass the ping health check.',
    };
    const lines = renderStatus(failed, IO).split('\n');
    expect(lines[0]).toBe('churn  sagemaker-realtime  Failed  ✗ unhealthy');
    expect(lines).toContain('  failure  The primary container did not pass the ping health check.');

    const gone: DeploymentStatus = {
      name: 'churn',
      target: 'lambda',
      deployed: false,
      state: 'NotDeployed',
      healthy: false,
      resources: [],
    };
    expect(renderStatus(gone, IO)).toBe('churn  lambda  NotDeployed  not deployed');
  });

  it('adds small charts of traffic, latency and errors with their last values when given metrics', () => {
    const text = renderStatus(LIVE, IO, busyMetrics());
    const traffic = text.slice(text.indexOf('Traffic\n'));
    expect(traffic).toContain('Invocations per 1m  min 40  max 120  last 87');
    expect(traffic).toContain('  p99  min 50 ms  max 412.5 ms  last 73.5 ms');
    expect(traffic).toContain('Errors (4xx+5xx) per 1m  min 0  max 6  last 0');
    // Small charts: three rows of height and the row of the minimum, then the time axis.
    const invocations = traffic.split('\n\n')[0]!.split('\n');
    expect(invocations.slice(2)).toHaveLength(5);
    expect(invocations.at(-1)).toMatch(/^ +09:00 UTC +12:00 UTC$/);
    expect(
      Math.max(...text.split('\n').slice(text.split('\n').indexOf('Traffic')).map(visibleLength)),
    ).toBeLessThanOrEqual(100);
  });

  it('says a new endpoint has no datapoints instead of empty charts', () => {
    const text = renderStatus(LIVE, IO, emptyMetrics());
    expect(text.endsWith('Traffic\n  no datapoints yet (a new endpoint has none)')).toBe(true);
  });

  it('has no escape code at all without colour, and colours the health with it', () => {
    const failed = { ...LIVE, healthy: false, failureReason: 'x' };
    for (const status of [LIVE, failed]) expect(renderStatus(status, IO, busyMetrics())).not.toMatch(ESCAPE);
    expect(renderStatus(LIVE, { color: true, width: 100 })).toContain('\u001b[32m✓ healthy\u001b[39m');
    expect(renderStatus(failed, { color: true, width: 100 })).toContain('\u001b[31m✗ unhealthy\u001b[39m');
  });
});
