import { describe, expect, expectTypeOf, it } from 'vitest';
import type { DeploymentBuilder } from '../../src/deploy/builder.js';
import { Model } from '../../src/deploy/model.js';
import type { PlanStep } from '../../src/deploy/plan.js';
import { InvalidArgumentError } from '../../src/errors.js';
import type { InvokeRequest, Transport } from '../../src/predict/transport.js';
import type { DeploymentSpec, Target, TargetFeatures } from '../../src/targets/target.js';

interface ScalingOptions {
  readonly min: number;
  readonly max: number;
}

/** A target that records every spec it is asked to plan, and serves a transport that echoes the request. */
function recordingTarget<F extends TargetFeatures>(kind = 'recording') {
  const specs: DeploymentSpec<F>[] = [];
  const live = new Set<string>();
  const target: Target<F> = {
    kind,
    validate(spec) {
      if (spec.model.kind === 'image') throw new InvalidArgumentError('model', 'images are not served here');
    },
    async plan(spec): Promise<PlanStep[]> {
      specs.push(spec);
      const exists = live.has(spec.name);
      return [
        {
          id: 'server',
          resource: { kind: 'Recording server', name: spec.name },
          action: exists ? 'none' : 'create',
          reason: exists ? 'already running' : 'not running',
          existingOutput: exists ? { name: spec.name } : undefined,
          async apply() {
            live.add(spec.name);
            return { name: spec.name };
          },
          async undo() {
            live.delete(spec.name);
          },
        },
      ];
    },
    async destroyPlan(spec): Promise<PlanStep[]> {
      return [
        {
          id: 'server',
          resource: { kind: 'Recording server', name: spec.name },
          action: live.has(spec.name) ? 'delete' : 'none',
          reason: 'destroy',
          async apply() {
            live.delete(spec.name);
          },
        },
      ];
    },
    transport(spec, _ctx, outputs): Transport {
      const output = outputs.get('server') as { name: string };
      return {
        description: `recording server ${output.name}`,
        maxRequestBytes: 1024,
        async invoke(request: InvokeRequest) {
          return {
            body: request.body,
            contentType: request.contentType,
            invokedProductionVariant: spec.name,
            customAttributes: undefined,
          };
        },
      };
    },
  };
  return { target, specs, live };
}

describe('Model', () => {
  it('is immutable and branches into independent deployments', async () => {
    const { target, specs } = recordingTarget();
    const model = Model.fromFile('models/iris.onnx');
    const base = model.deployTo(target).withTags({ team: 'ml' });
    const a = base.withName('iris-a').withTags({ stage: 'dev' });
    const b = base.withName('iris-b');
    await a.plan();
    await b.plan();
    expect(specs.map((s) => [s.name, s.tags])).toEqual([
      ['iris-a', { team: 'ml', stage: 'dev' }],
      ['iris-b', { team: 'ml' }],
    ]);
    expect(Object.isFrozen(model)).toBe(true);
  });

  it('derives a valid default name from the artifact', async () => {
    const { target, specs } = recordingTarget();
    await Model.fromFile('/tmp/My Model_v2.onnx').deployTo(target).plan();
    await Model.fromS3('s3://bucket/churn/model.tar.gz').deployTo(target).plan();
    const names = specs.map((s) => s.name);
    for (const name of names) expect(name).toMatch(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/);
    expect(names[0]).toBe('my-model-v2');
    expect(names[1]).toBe('churn');
  });

  it('tells its name and target kind without planning: the name the plan will use', async () => {
    const { target, specs } = recordingTarget();
    const builder = Model.fromFile('/tmp/My Model_v2.onnx').deployTo(target);
    expect(specs).toEqual([]);
    expect([builder.name, builder.target]).toEqual(['my-model-v2', target.kind]);
    expect(builder.withName('iris').name).toBe('iris');
    await builder.plan();
    expect(specs[0]?.name).toBe(builder.name);
  });

  it('rejects bad sources with typed errors before anything runs', () => {
    expect(() => Model.fromS3('https://bucket/model.tar.gz')).toThrow(InvalidArgumentError);
    expect(() => Model.fromS3('s3://Bad_Bucket/model.tar.gz')).toThrow(/s3:\/\/bucket\/key/);
    expect(() => Model.fromFile('')).toThrow(InvalidArgumentError);
    expect(() => Model.fromImage('not an image')).toThrow(InvalidArgumentError);
    // @ts-expect-error an unknown framework is a compile error too
    expect(() => Model.fromFile('m.bin', { framework: 'caffe' })).toThrow(/Use one of: onnx, sklearn/);
    try {
      Model.fromS3('s3://x');
    } catch (error) {
      expect((error as InvalidArgumentError).code).toBe('INVALID_ARGUMENT');
      expect((error as InvalidArgumentError).argument).toBe('uri');
    }
  });

  it('lets the target refuse a spec before planning', async () => {
    const { target, specs } = recordingTarget();
    const builder = Model.fromImage('123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1').deployTo(target);
    await expect(builder.plan()).rejects.toThrow(/images are not served here/);
    await expect(builder.deploy()).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(specs).toHaveLength(0);
  });
});

describe('DeploymentBuilder', () => {
  it('deploys, converges on a second deploy, predicts through the target transport, and destroys', async () => {
    const { target, live } = recordingTarget();
    const builder = Model.fromFile('iris.onnx').deployTo(target).withName('iris');
    const first = await builder.deploy();
    expect(first.changed).toBe(true);
    expect(live.has('iris')).toBe(true);

    const second = await builder.deploy();
    expect(second.changed).toBe(false);

    const echo = first.predictor<{ hello: string }, { hello: string }>();
    await expect(echo.predict({ hello: 'world' })).resolves.toEqual({ hello: 'world' });

    await first.destroy();
    expect(live.has('iris')).toBe(false);
    await first.destroy(); // a second destroy is a no-op
  });

  it('destroys at the end of an await-using scope', async () => {
    const { target, live } = recordingTarget();
    {
      await using deployment = await Model.fromFile('iris.onnx').deployTo(target).withName('scoped').deploy();
      expect(live.has(deployment.name)).toBe(true);
    }
    expect(live.has('scoped')).toBe(false);
  });

  it('offers only the options the target supports, at compile time', () => {
    const plain = recordingTarget<Record<never, never>>().target;
    const scalable = recordingTarget<{ autoscaling: ScalingOptions }>().target;

    const a = Model.fromFile('m.onnx').deployTo(plain);
    // @ts-expect-error the target has no autoscaling
    a.withAutoscaling({ min: 1, max: 2 });
    // @ts-expect-error the target has no monitoring
    a.monitor({ p99LatencyMs: 100 });

    const b = Model.fromFile('m.onnx').deployTo(scalable).withAutoscaling({ min: 1, max: 4 });
    expectTypeOf(b).toEqualTypeOf<DeploymentBuilder<{ autoscaling: ScalingOptions }>>();
    // @ts-expect-error wrong option shape
    b.withAutoscaling({ min: '1' });
  });

  it('passes the autoscaling options to the target spec', async () => {
    const { target, specs } = recordingTarget<{ autoscaling: ScalingOptions }>();
    await Model.fromFile('m.onnx').deployTo(target).withAutoscaling({ min: 1, max: 4 }).plan();
    expect(specs[0]?.autoscaling).toEqual({ min: 1, max: 4 });
  });
});
