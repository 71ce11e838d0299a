/** `defineConfig` types every form a config may export, and rejects what the CLI would refuse. */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { type ConfigExport, defineConfig, type ModelshipConfig } from '../../../src/cli/config/index.js';
import { Model } from '../../../src/deploy/model.js';
import { Local } from '../../../src/targets/local/index.js';
import { SageMaker } from '../../../src/targets/sagemaker/index.js';

describe('defineConfig', () => {
  it('returns what it is given, typed', () => {
    const plain = defineConfig({ model: { file: './iris.onnx' }, target: { type: 'local', port: 8080 } });
    expect(plain).toEqual({ model: { file: './iris.onnx' }, target: { type: 'local', port: 8080 } });
    expectTypeOf(plain).toEqualTypeOf<ConfigExport>();
    expectTypeOf<ModelshipConfig>().toExtend<Parameters<typeof defineConfig>[0]>();
  });

  it('takes a fluent deployment, { deployment, … } and (async) functions of either', () => {
    const deployment = Model.fromS3('s3://ml-artifacts/churn/model.tar.gz', { framework: 'sklearn' })
      .deployTo(SageMaker.realtime({ instanceType: 'ml.m5.large', createRole: true }))
      .withAutoscaling({ min: 1, max: 2, targetInvocationsPerInstance: 50 });
    expectTypeOf(deployment).toExtend<ConfigExport>();
    expectTypeOf({
      deployment,
      validate: { samples: './s.json' },
      aws: { region: 'eu-west-1' },
    }).toExtend<ConfigExport>();
    expectTypeOf(async () => ({ deployment: Model.fromFile('m.onnx').deployTo(Local()) })).toExtend<ConfigExport>();
    expectTypeOf(() => ({
      model: { handler: './h.mjs' },
      target: { type: 'local' as const },
    })).toExtend<ConfigExport>();
  });

  it('rejects at compile time what the schema rejects at run time', () => {
    // @ts-expect-error: an unknown target type
    defineConfig({ model: { file: './iris.onnx' }, target: { type: 'ec2' } });
    // @ts-expect-error: a framework the library does not know
    defineConfig({ model: { file: './m.onnx', framework: 'onnxx' }, target: { type: 'local' } });
    // @ts-expect-error: a realtime target without its instance type
    defineConfig({ model: { s3: 's3://b/k' }, target: { type: 'sagemaker-realtime', createRole: true } });
  });
});
