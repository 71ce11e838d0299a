/**
 * Version records in customer metadata properties: within SageMaker's limits at every size, in S3 when too large,
 * and every kind of damage reported as INTEGRITY naming where, never read as something else.
 */
import { describe, expect, it } from 'vitest';
import { IntegrityError } from '../../../../src/errors.js';
import { sha256Of } from '../../../../src/registry/stores/sagemaker/canonical.js';
import {
  decodeRecord,
  encodeRecord,
  MAX_RECORD_CHUNKS,
  PROPERTY,
} from '../../../../src/registry/stores/sagemaker/record-codec.js';
import { validateAwsInput } from '../../../support/aws-contract.js';
import { aVersion, BUCKET, failure, fakeRegistryAws } from './support/setup.js';

const ARN = 'arn:aws:sagemaker:eu-west-1:123456789012:model-package/churn/1';
const noManifest = async () => undefined;
const encode = (version = aVersion()) =>
  encodeRecord(
    version,
    (sha) => `registry/manifests/churn/${sha}.json`,
    (key) => `s3://${BUCKET}/${key}`,
  );

describe('SageMaker registry store: records', () => {
  it.each([
    ['small', 0],
    ['the largest kept inline', 7000],
    ['too large for the properties', 9000],
  ])('a %s record fits SageMaker CustomerMetadataProperties, with room for the alias mirror', (_, padding) => {
    const { properties, manifest } = encode(aVersion({ metadata: { notes: 'n'.repeat(padding) } }));
    expect(manifest === undefined).toBe(padding < 9000);
    const withMirror = { ...properties, [PROPERTY.aliases]: 'production staging' };
    expect(Object.keys(withMirror).length).toBeLessThanOrEqual(50);
    expect(
      validateAwsInput('SageMaker', 'UpdateModelPackage', {
        ModelPackageArn: ARN,
        CustomerMetadataProperties: withMirror,
      }),
    ).toEqual([]);
  });

  it('round-trips a record, unicode and all', async () => {
    const version = aVersion({ metadata: { owner: 'Zoë ✓', note: 'line\nbreak "quoted"' }, lineage: { run: 'r-1' } });
    await expect(decodeRecord(encode(version).properties, ARN, noManifest)).resolves.toEqual(version);
    expect(Number(encode(version).properties[PROPERTY.recordChunks])).toBeLessThanOrEqual(MAX_RECORD_CHUNKS);
  });

  it('reports a damaged inline record with the package ARN', async () => {
    const { properties } = encode();
    const cases: Record<string, string>[] = [
      { ...properties, [PROPERTY.chunk(0)]: `X${properties[PROPERTY.chunk(0)]?.slice(1)}` }, // edited
      Object.fromEntries(Object.entries(properties).filter(([key]) => key !== PROPERTY.chunk(0))), // cut short
      { ...properties, [PROPERTY.recordChunks]: 'many' },
      { ...properties, [PROPERTY.version]: '2' }, // the properties claim another version than the record
    ];
    for (const damaged of cases) {
      const error = await failure(decodeRecord(damaged, ARN, noManifest));
      expect(error).toBeInstanceOf(IntegrityError);
      expect((error as IntegrityError).location).toBe(ARN);
    }
    const notJson = Buffer.from('{"name":').toString('base64');
    const error = await failure(
      decodeRecord(
        {
          ...properties,
          [PROPERTY.chunk(0)]: notJson,
          [PROPERTY.recordChunks]: '1',
          [PROPERTY.recordSha256]: sha256Of('{"name":'),
        },
        ARN,
        noManifest,
      ),
    );
    expect(error.message).toMatch(/not valid JSON/);
  });

  it('keeps a large record as a manifest in S3, and reports a corrupt or missing manifest with its URI', async () => {
    const { s3, sagemaker, store } = fakeRegistryAws();
    const version = aVersion({ metadata: { notes: 'n'.repeat(20_000) } });
    await store().createVersion(version);
    const properties = sagemaker.packagesOf('churn')[0]?.properties ?? {};
    const uri = properties[PROPERTY.manifest] ?? '';
    expect(uri).toMatch(/^s3:\/\/ml-registry\/modelship-registry\/manifests\/churn\/[0-9a-f]{64}\.json$/);
    expect(properties[PROPERTY.chunk(0)]).toBeUndefined();
    await expect(store().getVersion('churn', '1')).resolves.toEqual(version);

    const key = uri.slice(`s3://${BUCKET}/`.length);
    s3.write(BUCKET, key, '{"name": "churn", "version": "1", "trunc');
    const corrupt = await failure(store().getVersion('churn', '1'));
    expect(corrupt).toBeInstanceOf(IntegrityError);
    expect((corrupt as IntegrityError).location).toBe(uri);

    s3.objects.delete(`${BUCKET}/${key}`);
    await expect(store().getVersion('churn', '1')).rejects.toThrow(/manifest is gone/);
    // Other versions stay readable: only the damaged one is refused.
    await store().createVersion(aVersion({ version: '2' }));
    await expect(store().getVersion('churn', '2')).resolves.toEqual(aVersion({ version: '2' }));
    await expect(store().listVersions('churn')).resolves.toEqual(['1', '2']);
  });
});
