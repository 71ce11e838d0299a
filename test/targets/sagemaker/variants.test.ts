import { UpdateEndpointCommand, UpdateEndpointWeightsAndCapacitiesCommand } from '@aws-sdk/client-sagemaker';
import { describe, expect, it } from 'vitest';
import { Model } from '../../../src/deploy/model.js';
import { InvalidArgumentError } from '../../../src/errors.js';
import { Local } from '../../../src/targets/local/index.js';
import { SageMaker } from '../../../src/targets/sagemaker/index.js';
import { ARTIFACT, AWS, CHALLENGER, fakeAws, fastApply, ROLE } from './support/setup.js';

const sklearn = { framework: 'sklearn', frameworkVersion: '1.2-1' } as const;
const challenger = Model.fromS3(CHALLENGER, sklearn);

function abTest() {
  return Model.fromS3(ARTIFACT, sklearn)
    .deployTo(
      SageMaker.realtime({
        instanceType: 'ml.m5.large',
        role: ROLE,
        variantName: 'a',
        variants: { b: { model: challenger, instanceType: 'ml.c5.xlarge' } },
      }),
    )
    .withName('churn')
    .withAws(AWS);
}

describe('A/B tests: two models behind one endpoint', () => {
  it('serves both models as weighted production variants', async () => {
    const { sagemaker } = fakeAws();
    await abTest().withTraffic({ a: 90, b: 10 }).deploy(fastApply());
    expect(sagemaker.models.size).toBe(2);
    const [config] = [...sagemaker.configs.values()];
    expect(
      config?.input.ProductionVariants?.map((v) => [v.VariantName, v.InstanceType, v.InitialVariantWeight]),
    ).toEqual([
      ['a', 'ml.m5.large', 90],
      ['b', 'ml.c5.xlarge', 10],
    ]);
    const models = config?.input.ProductionVariants?.map(
      (v) => sagemaker.models.get(v.ModelName ?? '')?.input.PrimaryContainer?.ModelDataUrl,
    );
    expect(models).toEqual([ARTIFACT, CHALLENGER]);
  });

  it('moves a new split in place, without a new config or a blue/green update', async () => {
    const { sagemaker } = fakeAws();
    await abTest().withTraffic({ a: 90, b: 10 }).deploy(fastApply());
    const configs = [...sagemaker.configs.keys()];
    const plan = await abTest().withTraffic({ a: 50, b: 50 }).plan();
    expect(plan.steps.map((s) => [s.id, s.action])).toEqual([
      ['model', 'none'],
      ['model-2', 'none'],
      ['endpoint-config', 'none'],
      ['endpoint', 'update'],
    ]);
    expect(plan.steps.at(-1)?.reason).toContain('a 90%, b 10%');
    await abTest().withTraffic({ a: 50, b: 50 }).deploy(fastApply());
    expect(sagemaker.stub.commandCalls(UpdateEndpointWeightsAndCapacitiesCommand)).toHaveLength(1);
    expect(sagemaker.stub.commandCalls(UpdateEndpointCommand)).toHaveLength(0);
    expect([...sagemaker.configs.keys()]).toEqual(configs);
    // Deployed again with the same split: nothing to do.
    expect((await abTest().withTraffic({ a: 50, b: 50 }).deploy(fastApply())).changed).toBe(false);
  });

  it('sends all traffic to the deployment’s own variant when no split is given', async () => {
    const { sagemaker } = fakeAws();
    await abTest().deploy(fastApply());
    const [config] = [...sagemaker.configs.values()];
    expect(config?.input.ProductionVariants?.map((v) => v.InitialVariantWeight)).toEqual([100, 0]);
  });

  it.each([
    ['weights that do not add up', { a: 90, b: 20 }, /add up to 110%/],
    ['an unknown variant', { a: 90, c: 10 }, /c, which is not a variant/],
    ['a missing variant', { a: 100 }, /missing: b/],
    ['a negative share', { a: 110, b: -10 }, /percentage from 0 to 100/],
  ])('refuses %s before any AWS call', async (_name, traffic, message) => {
    const { sagemaker, s3 } = fakeAws();
    const error = await abTest()
      .withTraffic(traffic as Record<string, number>)
      .plan()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(message);
    expect(sagemaker.stub.calls()).toHaveLength(0);
    expect(s3.calls()).toHaveLength(0);
  });

  it('refuses two variants with one name, and a shadow beside A/B variants', () => {
    expect(() =>
      SageMaker.realtime({ instanceType: 'ml.m5.large', role: ROLE, variants: { AllTraffic: { model: challenger } } }),
    ).toThrow(InvalidArgumentError);
    expect(() =>
      SageMaker.realtime({
        instanceType: 'ml.m5.large',
        role: ROLE,
        variants: { b: { model: challenger } },
        shadow: { model: challenger },
      }),
    ).toThrow(/shadow/);
  });

  it('withTraffic is a compile error for a target with one variant', () => {
    const local = Model.fromFile('iris.onnx').deployTo(Local());
    // @ts-expect-error the Local target has no variants to split traffic between
    expect(() => local.withTraffic({ a: 100 })).not.toThrow();
    const serverless = Model.fromS3(ARTIFACT, sklearn).deployTo(
      SageMaker.serverless({ memoryMb: 2048, maxConcurrency: 5, role: ROLE }),
    );
    // @ts-expect-error serverless endpoints have one production variant
    expect(() => serverless.withTraffic({ AllTraffic: 100 })).not.toThrow();
  });
});

describe('shadow variants', () => {
  it('copies the asked share of requests to the shadow model', async () => {
    const { sagemaker } = fakeAws();
    await Model.fromS3(ARTIFACT, sklearn)
      .deployTo(
        SageMaker.realtime({
          instanceType: 'ml.m5.large',
          role: ROLE,
          shadow: { model: challenger, samplingPercent: 25 },
        }),
      )
      .withName('churn')
      .withAws(AWS)
      .deploy(fastApply());
    const [config] = [...sagemaker.configs.values()];
    expect(config?.input.ProductionVariants?.map((v) => [v.VariantName, v.InitialVariantWeight])).toEqual([
      ['AllTraffic', 100],
    ]);
    expect(config?.input.ShadowProductionVariants?.map((v) => [v.VariantName, v.InitialVariantWeight])).toEqual([
      ['shadow', 25],
    ]);
    expect(sagemaker.models.size).toBe(2);
  });
});
