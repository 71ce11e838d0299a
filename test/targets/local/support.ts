// Helpers for the Local server's tests: a server over a handler fixture and the real SageMaker Runtime client.
import { fileURLToPath } from 'node:url';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { afterEach } from 'vitest';
import { createHandlerRunner } from '../../../src/targets/local/handler/handler-runner.js';
import {
  type LocalServer,
  type LocalServerOptions,
  startLocalServer,
} from '../../../src/targets/local/server/server.js';

/** The absolute path of a handler fixture. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/handlers/${name}`, import.meta.url));
}

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Closes `thing` after the current test. */
export function closeAfterTest(cleanup: () => Promise<void> | void): void {
  cleanups.push(cleanup);
}

/** A client as a user would configure it against the Local server: no credential chain, no retries. */
export function runtimeClient(url: string): SageMakerRuntimeClient {
  const client = new SageMakerRuntimeClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  closeAfterTest(() => client.destroy());
  return client;
}

/** A server over the `model.mjs` fixture (or another handler), closed after the test. */
export async function serveHandler(
  options: Partial<LocalServerOptions> & { handler?: string } = {},
): Promise<{ server: LocalServer; client: SageMakerRuntimeClient }> {
  const { handler = 'model.mjs', ...rest } = options;
  const server = await startLocalServer({
    runner: await createHandlerRunner(fixture(handler)),
    endpointName: 'test-endpoint',
    ...rest,
  });
  closeAfterTest(() => server.close());
  return { server, client: runtimeClient(server.url) };
}

export const utf8 = new TextEncoder();
export const text = new TextDecoder();

/** The JSON body of a request. */
export function json(value: unknown): Uint8Array {
  return utf8.encode(JSON.stringify(value));
}

/** Parses a JSON response body. */
export function parse(body: Uint8Array | undefined): unknown {
  return JSON.parse(text.decode(body));
}

/** What a rejected promise rejected with. */
export async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown> & Error> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown> & Error;
  }
  throw new Error('expected the promise to reject');
}
