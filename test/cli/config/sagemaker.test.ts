/**
 * SageMaker configs plan as the fluent chain they describe, against the contract-checked fakes of the SageMaker
 * target tests (no AWS): variants, autoscaling, monitoring and traffic included; `--region` is the region used.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/cli/config/index.js';
import { planToJSON } from '../../../src/deploy/format.js';
import { Model } from '../../../src/deploy/model.js';
import { SageMaker } from '../../../src/targets/sagemaker/index.js';
import { REGION } from '../../targets/sagemaker/support/fake-sagemaker.js';
import { ARTIFACT, CHALLENGER, fakeAws, ROLE } from '../../targets/sagemaker/support/setup.js';
import { folderWith } from './support.js';

const realtimeConfig = {
  name: 'churn',
  model: { s3: ARTIFACT, framework: 'sklearn', frameworkVersion: '1.2-1' },
  target: {
    type: 'sagemaker-realtime',
    instanceType: 'ml.m5.large',
    role: ROLE,
    variants: { challenger: { model: { s3: CHALLENGER, framework: 'sklearn', frameworkVersion: '1.2-1' } } },
  },
  traffic: { AllTraffic: 90, challenger: 10 },
  autoscaling: { min: 1, max: 4, targetInvocationsPerInstance: 100 },
  monitor: { p99LatencyMs: 250, maxErrorRate: 0.01 },
  tags: { team: 'ml' },
  aws: { region: 'us-east-1' },
};

function fluentRealtime() {
  const info = { framework: 'sklearn', frameworkVersion: '1.2-1' } as const;
  return Model.fromS3(ARTIFACT, info)
    .deployTo(
      SageMaker.realtime({
        instanceType: 'ml.m5.large',
        role: ROLE,
        variants: { challenger: { model: Model.fromS3(CHALLENGER, info) } },
      }),
    )
    .withTraffic({ AllTraffic: 90, challenger: 10 })
    .withAutoscaling({ min: 1, max: 4, targetInvocationsPerInstance: 100 })
    .monitor({ p99LatencyMs: 250, maxErrorRate: 0.01 })
    .withTags({ team: 'ml' })
    .withName('churn')
    .withAws({ region: REGION });
}

describe('a SageMaker config', () => {
  it('plans as the fluent realtime chain, with --region over the config’s aws.region', async () => {
    fakeAws();
    const dir = await folderWith({ 'modelship.config.json': realtimeConfig });
    const loaded = await loadConfig({ cwd: dir, region: REGION });
    const fromConfig = planToJSON(await loaded.builder.plan());
    const fromChain = planToJSON(await fluentRealtime().plan());
    expect(fromConfig).toEqual(fromChain);
    expect(fromConfig.steps.length).toBeGreaterThan(3);
  });

  it('plans a serverless config as SageMaker.serverless', async () => {
    fakeAws();
    const dir = await folderWith({
      'modelship.config.json': {
        model: { s3: ARTIFACT, framework: 'xgboost', frameworkVersion: '1.7-1' },
        target: { type: 'sagemaker-serverless', memoryMb: 2048, maxConcurrency: 5, role: ROLE },
        aws: { region: REGION },
      },
    });
    const loaded = await loadConfig({ cwd: dir });
    const fluent = Model.fromS3(ARTIFACT, { framework: 'xgboost', frameworkVersion: '1.7-1' })
      .deployTo(SageMaker.serverless({ memoryMb: 2048, maxConcurrency: 5, role: ROLE }))
      .withAws({ region: REGION });
    expect(planToJSON(await loaded.builder.plan())).toEqual(planToJSON(await fluent.plan()));
  });
});
