import { describe, expect, it } from 'vitest';
import { formatPlan, PLAN_JSON_VERSION, planToJSON } from '../../src/deploy/format.js';
import type { Plan, PlanStep } from '../../src/deploy/plan.js';
import { FakeTarget, planFor } from '../support/fake-target.js';

const apply = async () => 'out';
const mixed: Plan = {
  name: 'churn',
  target: 'sagemaker-realtime',
  steps: [
    {
      id: 'artifact',
      resource: { kind: 'S3 object', name: 's3://models/churn/model.tar.gz' },
      action: 'none',
      reason: 'already uploaded',
      existingOutput: { uri: 's3://models/churn/model.tar.gz' },
    },
    {
      id: 'model',
      resource: { kind: 'SageMaker model', name: 'churn-7f3a' },
      action: 'create',
      reason: 'model does not exist',
      apply,
    },
    {
      id: 'config',
      resource: { kind: 'SageMaker endpoint config', name: 'churn-7f3a' },
      action: 'create',
      reason: 'config does not exist',
      hourlyCostUsd: 0.1,
      apply,
    },
    {
      id: 'endpoint',
      resource: {
        kind: 'SageMaker endpoint',
        name: 'churn',
        arn: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn',
      },
      action: 'update',
      reason: 'instance type changed from ml.m5.large to ml.c5.xlarge',
      hourlyCostUsd: 0.2,
      apply,
    },
    {
      id: 'old-config',
      resource: { kind: 'SageMaker endpoint config', name: 'churn-1a2b' },
      action: 'delete',
      reason: 'replaced by churn-7f3a',
      hourlyCostUsd: 0.23,
      dependsOn: ['endpoint', 'model'],
      apply,
    },
  ],
};

describe('formatPlan', () => {
  it('prints a table with action symbols, prices and the estimated cost of what is kept', () => {
    expect(formatPlan(mixed)).toBe(
      [
        'Plan "churn" (sagemaker-realtime): 2 to create, 1 to update, 1 to delete, 1 unchanged.',
        '',
        '  =  S3 object                  s3://models/churn/model.tar.gz            already uploaded',
        '  +  SageMaker model            churn-7f3a                                model does not exist',
        '  +  SageMaker endpoint config  churn-7f3a                      $0.100/h  config does not exist',
        '  ~  SageMaker endpoint         churn                           $0.200/h  instance type changed from ml.m5.large to ml.c5.xlarge',
        '  -  SageMaker endpoint config  churn-1a2b                      $0.230/h  replaced by churn-7f3a',
        '',
        // The deleted config's price is not counted: it stops costing once the plan is applied.
        'Estimated cost once applied: $0.300 an hour (about $219.00 a month), for the resources with a known price.',
        '',
        '+ create  ~ update  - delete  = unchanged',
      ].join('\n'),
    );
  });

  it('leaves out the price column and the estimate when no step has a price', async () => {
    const plan = await planFor(new FakeTarget({ resources: [{ key: 'artifact' }, { key: 'model' }] }));
    expect(formatPlan(plan)).toBe(
      [
        'Plan "churn" (fake): 2 to create.',
        '',
        '  +  Fake artifact  churn-artifact  Fake artifact churn-artifact does not exist',
        '  +  Fake model     churn-model     Fake model churn-model does not exist',
        '',
        '+ create  ~ update  - delete  = unchanged',
      ].join('\n'),
    );
  });

  it('says when there is nothing to change or nothing at all', () => {
    const same = mixed.steps.map((step): PlanStep => ({ ...step, action: 'none' }));
    expect(formatPlan({ ...mixed, steps: same }).split('\n')[0]).toBe(
      'Plan "churn" (sagemaker-realtime): nothing to change, 5 already as wanted.',
    );
    expect(formatPlan({ name: 'x', target: 'local', steps: [] })).toBe('Plan "x" (local): no steps.');
  });
});

describe('planToJSON', () => {
  it('is plain data that survives JSON, with resolved dependencies and no functions or outputs', () => {
    const json = planToJSON(mixed);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(json).toEqual({
      version: PLAN_JSON_VERSION,
      name: 'churn',
      target: 'sagemaker-realtime',
      summary: { create: 2, update: 1, delete: 1, none: 1 },
      hourlyCostUsd: 0.3,
      steps: [
        {
          id: 'artifact',
          action: 'none',
          resource: { kind: 'S3 object', name: 's3://models/churn/model.tar.gz' },
          reason: 'already uploaded',
          dependsOn: [],
        },
        {
          id: 'model',
          action: 'create',
          resource: { kind: 'SageMaker model', name: 'churn-7f3a' },
          reason: 'model does not exist',
          dependsOn: ['artifact'],
        },
        {
          id: 'config',
          action: 'create',
          resource: { kind: 'SageMaker endpoint config', name: 'churn-7f3a' },
          reason: 'config does not exist',
          dependsOn: ['model'],
          hourlyCostUsd: 0.1,
        },
        {
          id: 'endpoint',
          action: 'update',
          resource: {
            kind: 'SageMaker endpoint',
            name: 'churn',
            arn: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn',
          },
          reason: 'instance type changed from ml.m5.large to ml.c5.xlarge',
          dependsOn: ['config'],
          hourlyCostUsd: 0.2,
        },
        {
          id: 'old-config',
          action: 'delete',
          resource: { kind: 'SageMaker endpoint config', name: 'churn-1a2b' },
          reason: 'replaced by churn-7f3a',
          dependsOn: ['endpoint', 'model'],
          hourlyCostUsd: 0.23,
        },
      ],
    });
    expect(PLAN_JSON_VERSION).toBe(1);
  });

  it('has no cost field when no step has a price', () => {
    const json = planToJSON({ name: 'x', target: 'local', steps: [] });
    expect(json).toEqual({
      version: 1,
      name: 'x',
      target: 'local',
      summary: { create: 0, update: 0, delete: 0, none: 0 },
      steps: [],
    });
    expect('hourlyCostUsd' in json).toBe(false);
  });
});
