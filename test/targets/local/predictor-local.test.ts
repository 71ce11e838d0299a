// The modelship Predictor against the real Local server, through the real SageMaker Runtime client:
// transient failures are retried, model failures are not, and the payload limit is checked before sending.
import { describe, expect, it } from 'vitest';
import { ModelError, PayloadTooLargeError } from '../../../src/errors.js';
import { Predictor } from '../../../src/predict/predictor.js';
import { createHandlerRunner } from '../../../src/targets/local/handler/handler-runner.js';
import type { ModelRunner } from '../../../src/targets/local/runner.js';
import { type LocalServerOptions, startLocalServer } from '../../../src/targets/local/server/server.js';
import { closeAfterTest, fixture } from './support.js';

/** A Local server over the `model.mjs` fixture that counts the invocations reaching the model. */
async function countingServer(options: Partial<LocalServerOptions> = {}) {
  const inner = await createHandlerRunner(fixture('model.mjs'));
  const counter = { invocations: 0 };
  const runner: ModelRunner = {
    description: inner.description,
    invoke: (request) => {
      counter.invocations += 1;
      return inner.invoke(request);
    },
    close: () => inner.close(),
  };
  const server = await startLocalServer({ runner, endpointName: 'counting', ...options });
  closeAfterTest(() => server.close());
  const predictor = new Predictor<Record<string, unknown>, Record<string, unknown>>({
    endpointName: 'counting',
    clientConfig: {
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    },
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
  return { server, counter, predictor };
}

describe('Predictor over the Local server', () => {
  it('succeeds after the server fails twice with 503', async () => {
    const { server, counter, predictor } = await countingServer({ faults: { failNext: [{ status: 503, times: 2 }] } });
    await expect(predictor.predict({ n: 7 })).resolves.toMatchObject({ input: { n: 7 } });
    expect(server.faults.pending).toBe(0);
    expect(counter.invocations).toBe(1); // the two 503s never reached the model
  });

  it('does not retry a model error, and keeps what the model said', async () => {
    const { counter, predictor } = await countingServer();
    const error = await predictor.predict({ op: 'fail', statusCode: 400, message: 'bad tenure' }).catch((e) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect(error.code).toBe('MODEL_ERROR');
    expect(error.originalStatusCode).toBe(400);
    expect(error.originalMessage).toContain('bad tenure');
    expect(counter.invocations).toBe(1);
  });

  it('refuses a 7 MB payload before sending, naming the limit', async () => {
    const { counter, predictor } = await countingServer();
    const error = await predictor.predict({ blob: 'x'.repeat(7 * 1024 * 1024) }).catch((e) => e);
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect(error.message).toMatch(/6 ?MB/i);
    expect(error.message).toMatch(/async/i);
    expect(counter.invocations).toBe(0);
  });
});
