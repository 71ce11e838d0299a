/**
 * Helpers for the async inference tests: the loopback S3 server with every request the client sends checked
 * against S3's Smithy model (S3 is not mocked here, so `mockAwsClient`'s check does not see it), and a small
 * HTTP server that routes `InvokeEndpointAsync` to the Local async handler, as the Local server will once the
 * route is wired.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { expect } from 'vitest';
import {
  ASYNC_INVOCATIONS_PATH,
  type AsyncInvocations,
  type AsyncServerContext,
} from '../../src/targets/local/async/index.js';
import { validateAwsInput } from '../support/aws-contract.js';
import { type S3Server, startS3Server } from '../support/s3-server.js';

/** The loopback S3 server, and the S3 requests its client sent, each checked against the S3 model. */
export async function checkedS3(buckets: readonly string[]): Promise<S3Server & { violations: string[] }> {
  const s3 = await startS3Server({ buckets });
  const violations: string[] = [];
  s3.client.middlewareStack.add(
    (next, context) => (args) => {
      const operation = (context.commandName ?? '').replace(/Command$/, '');
      for (const v of validateAwsInput('S3', operation, args.input)) violations.push(`${operation} ${v}`);
      return next(args);
    },
    { step: 'initialize', name: 'contractCheck' },
  );
  return Object.assign(s3, { violations });
}

/** Fails the test when any S3 request broke S3's model. */
export function expectValidS3(s3: { violations: string[] }): void {
  expect(s3.violations).toEqual([]);
}

/** Writes an object to the loopback S3 server. */
export async function putObject(s3: S3Server, uri: string, body: string, contentType: string): Promise<void> {
  const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri) ?? [];
  await s3.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
}

/** Reads an object of the loopback S3 server. */
export async function getObject(s3: S3Server, uri: string): Promise<{ body: string; contentType?: string }> {
  const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri) ?? [];
  const out = await s3.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return { body: (await out.Body?.transformToString()) ?? '', contentType: out.ContentType };
}

/** An HTTP server that answers `InvokeEndpointAsync` with `invocations`, and 404 for anything else. */
export async function asyncRouteServer(
  invocations: AsyncInvocations,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const match = req.method === 'POST' ? ASYNC_INVOCATIONS_PATH.exec(path) : null;
    if (match === null) {
      res.writeHead(404, { 'x-amzn-errortype': 'UnknownOperationException' }).end('{}');
      return;
    }
    void invocations.handle(req, res, decodeURIComponent(match[1] ?? ''), 'req-1');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The server side a Local server gives the async route. */
export function serverContext(runner: AsyncServerContext['runner']): AsyncServerContext {
  return {
    endpointName: 'test-endpoint',
    variantName: 'AllTraffic',
    accountId: '000000000000',
    closing: false,
    runner,
  };
}

/** A SageMaker Runtime client as a user points it at the Local server. */
export function localRuntimeClient(url: string): SageMakerRuntimeClient {
  return new SageMakerRuntimeClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}
