/**
 * The Registry's rules on the S3 store, end to end on a real S3-compatible server with conditional writes:
 * numbered registration by racing writers, promotion, rollback, and the refusals. (The shared store conformance
 * suite, test/registry/store-contract.ts, does not exist yet; this covers the Registry's use of the store.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Registry } from '../../../../src/registry/registry.js';
import type { S3Server } from '../../../support/s3-server.js';
import { modelFile, rejection } from '../../support.js';
import { startRegistryServer, storeOn } from './fixtures.js';

let s3: S3Server;

beforeAll(async () => {
  s3 = await startRegistryServer();
});

afterAll(async () => {
  await s3?.close();
});

describe('Registry on the S3 store', () => {
  // The slowest test of the suite (~15 s): each registration that loses a number lists the versions again, and
  // s3rver reads every listed object's metadata from disk. It is the issue's own bar: 100 racing scripts.
  it('100 registrations at once get 100 distinct numbers, each with its own artifact', async () => {
    const registry = new Registry(storeOn(s3, 'registry-race'), { user: 'ci@host' });
    const models = await Promise.all(Array.from({ length: 100 }, (_, i) => modelFile(`model ${i}`)));
    const versions = await Promise.all(
      models.map((model, i) => registry.register(model, { name: 'churn', metadata: { writer: String(i) } })),
    );
    expect(new Set(versions.map((v) => v.version)).size).toBe(100);
    const stored = await Promise.all(versions.map((version) => registry.get('churn', version.version)));
    expect(stored.map((version) => version.metadata.writer)).toEqual(versions.map((_, i) => String(i)));
    for (const version of stored) {
      expect(version.artifact?.uri).toMatch(/^s3:\/\/registry\/registry-race\/artifacts\/[0-9a-f]{64}\/model\.onnx$/);
    }
    await registry.store.verifyArtifact(stored[0]!.artifact!);
  }, 120_000);

  it('promotes, rolls back, and refuses to delete an aliased version', async () => {
    const registry = new Registry(storeOn(s3, 'registry-flow'), { user: 'ci@host' });
    const v1 = await registry.register(await modelFile('one'), { name: 'iris' });
    const v2 = await registry.register(await modelFile('two'), { name: 'iris' });
    await registry.setAlias('iris', 'staging', v1.version);
    await registry.promote('iris', { from: 'staging', to: 'production' });
    await registry.setAlias('iris', 'staging', v2.version);
    await registry.promote('iris', { from: 'staging', to: 'production' });
    expect((await registry.resolve('iris@production')).version).toBe(v2.version);
    await registry.rollback('iris', 'production');
    expect((await registry.resolve('iris@production')).version).toBe(v1.version);
    expect((await rejection(registry.delete('iris', v1.version))).code).toBe('CONFLICT');
    await registry.approve('iris', v1.version);
    expect(await registry.approval('iris', v1.version)).toBe('approved');
  });
});
