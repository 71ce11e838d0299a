// The whole chain a user writes: Model → Local() → deploy() → predictor → destroy().
import { describe, expect, it } from 'vitest';
import { Model } from '../../../src/deploy/model.js';
import { ModelError } from '../../../src/errors.js';
import type { LocalServerOutput } from '../../../src/targets/local/index.js';
import { Local } from '../../../src/targets/local/index.js';
import { ensureTestModels } from '../../support/models.js';
import { fixture, rejection } from './support.js';

describe('Model → Local → predictor', () => {
  it('deploys a handler, predicts through the real SageMaker Runtime client, and tears down', async () => {
    const deployment = await Model.fromHandler(fixture('model.mjs')).deployTo(Local()).withName('echo').deploy();
    const { url } = deployment.outputs.get('start-server') as LocalServerOutput;
    try {
      const echo = deployment.predictor<{ question: string }, { input: { question: string } }>();
      const answer = await echo.predict({ question: 'hello?' });
      expect(answer.input).toEqual({ question: 'hello?' });
      const failure = await rejection(echo.predict({ op: 'fail', message: 'no' } as unknown as { question: string }));
      expect(failure).toBeInstanceOf(ModelError);
    } finally {
      await deployment.destroy();
    }
    await expect(fetch(`${url}/ping`)).rejects.toThrow();
  });

  it('deploys an ONNX file and predicts a row', async () => {
    const { iris } = await ensureTestModels();
    await using deployment = await Model.fromFile(iris).deployTo(Local()).deploy();
    const predictor = deployment.predictor<number[][], { predictions: { label: number }[] }>();
    const { predictions } = await predictor.predict([[6.7, 3.0, 5.2, 2.3]]);
    expect(predictions[0]?.label).toBe(2);
  });
});
