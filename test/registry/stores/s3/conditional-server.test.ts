/**
 * The test server's conditional writes (test/support/s3rver-conditional.ts) behave as S3's, seen through the AWS
 * SDK: the other S3 store tests rely on it to prove the store's races.
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { S3Server } from '../../../support/s3-server.js';
import { BUCKET, startRegistryServer } from './fixtures.js';

let s3: S3Server;

beforeAll(async () => {
  s3 = await startRegistryServer();
});

afterAll(async () => {
  await s3?.close();
});

function put(key: string, body: string, condition: { IfNoneMatch?: string; IfMatch?: string } = {}) {
  return s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body, ...condition }));
}

async function rejection(promise: Promise<unknown>): Promise<{ name: string; status: number | undefined }> {
  const error = (await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  )) as { name: string; $metadata?: { httpStatusCode?: number } };
  return { name: error.name, status: error.$metadata?.httpStatusCode };
}

describe('s3rver with conditional writes', () => {
  it('If-None-Match: * creates once, then answers 412 PreconditionFailed and keeps the first object', async () => {
    await put('cond/a', 'first', { IfNoneMatch: '*' });
    expect(await rejection(put('cond/a', 'second', { IfNoneMatch: '*' }))).toEqual({
      name: 'PreconditionFailed',
      status: 412,
    });
    const object = await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'cond/a' }));
    expect(await object.Body?.transformToString()).toBe('first');
  });

  it('If-Match writes only over the ETag named, and refuses a missing key', async () => {
    const { ETag } = await put('cond/b', 'one');
    const next = await put('cond/b', 'two', { IfMatch: ETag });
    expect(next.ETag).not.toBe(ETag);
    expect((await rejection(put('cond/b', 'three', { IfMatch: ETag }))).status).toBe(412);
    expect((await rejection(put('cond/missing', 'x', { IfMatch: ETag }))).status).toBe(412);
    // S3 compares ETags without their quotes.
    await put('cond/b', 'four', { IfMatch: next.ETag?.replaceAll('"', '') });
  });

  it('is atomic: of 50 concurrent exclusive writes of one key exactly one succeeds', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => put('cond/race', `writer ${i}`, { IfNoneMatch: '*' })),
    );
    const winners = results.flatMap((result, i) => (result.status === 'fulfilled' ? [i] : []));
    expect(winners).toHaveLength(1);
    const object = await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'cond/race' }));
    expect(await object.Body?.transformToString()).toBe(`writer ${winners[0]}`);
  });

  it('is atomic for compare-and-swap: of 20 writers with the same ETag exactly one succeeds', async () => {
    const { ETag } = await put('cond/cas', 'start');
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => put('cond/cas', `writer ${i}`, { IfMatch: ETag })),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
  });

  it('leaves unconditional writes as s3rver has them', async () => {
    await put('cond/plain', 'one');
    await put('cond/plain', 'two');
    const object = await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'cond/plain' }));
    expect(await object.Body?.transformToString()).toBe('two');
  });
});
