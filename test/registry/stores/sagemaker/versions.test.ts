/**
 * Versions as model packages: what is created in SageMaker, reading back, listing, deleting, content comparison,
 * approvals as ModelApprovalStatus, and the refusals made before anything is written.
 */
import { describe, expect, it } from 'vitest';
import { ConflictError, InvalidArgumentError, NotFoundError } from '../../../../src/errors.js';
import { aVersion, failure, fakeRegistryAws } from './support/setup.js';

describe('SageMaker registry store: versions', () => {
  it('creates the group (tagged) and a package holding the record, and reads it back', async () => {
    const { sagemaker, store } = fakeRegistryAws();
    const registry = store();
    const version = aVersion();

    await expect(registry.createVersion(version)).resolves.toBe('created');

    expect(sagemaker.log).toEqual(['CreateModelPackageGroup churn', 'CreateModelPackage churn/1']);
    expect(sagemaker.groups.get('churn')?.tags).toContainEqual(expect.objectContaining({ Key: 'modelship:version' }));
    const [pkg] = sagemaker.packagesOf('churn');
    expect(pkg?.input).toMatchObject({
      ModelPackageGroupName: 'churn',
      ModelApprovalStatus: 'PendingManualApproval',
      ModelPackageDescription: 'Churn model trained on the Q3 data',
      InferenceSpecification: {
        Containers: [
          {
            Image: expect.stringMatching(/sagemaker-scikit-learn:1\.2-1-cpu/),
            ModelDataUrl: version.artifact?.uri,
            Framework: 'SKLEARN',
          },
        ],
        SupportedContentTypes: ['text/csv'],
      },
      Tags: expect.arrayContaining([{ Key: 'modelship:model-version', Value: '1' }]),
    });
    expect(pkg?.properties).toMatchObject({ 'modelship:name': 'churn', 'modelship:version': '1' });
    // The record travels as base64: the property pattern refuses the JSON's own characters.
    expect(Object.values(pkg?.properties ?? {}).every((value) => /^[\w.:/=+\-@ ]+$/.test(value))).toBe(true);

    await expect(registry.getVersion('churn', '1')).resolves.toEqual(version);
    await expect(store().getVersion('churn', '1')).resolves.toEqual(version); // a fresh store: no cache
    await expect(registry.getVersion('churn', '2')).resolves.toBeUndefined();
    await expect(registry.listVersions('churn')).resolves.toEqual(['1']);
    await expect(registry.listNames()).resolves.toEqual(['churn']);
  });

  it('numbers nothing itself: version strings are free, SageMaker numbers the packages', async () => {
    const { sagemaker, store } = fakeRegistryAws();
    const registry = store({ groupPrefix: 'ml-' });
    await registry.createVersion(aVersion({ version: '1.4.0' }));
    await registry.createVersion(aVersion({ version: '2.0.0-rc.1+build.7' }));

    expect(sagemaker.packagesOf('ml-churn').map((pkg) => [pkg.number, pkg.properties['modelship:version']])).toEqual([
      [1, '1.4.0'],
      [2, '2.0.0-rc.1+build.7'],
    ]);
    expect((await registry.listVersions('churn')).sort()).toEqual(['1.4.0', '2.0.0-rc.1+build.7']);
    sagemaker.groups.set('fraud', { tags: [], description: undefined }); // another team's group
    await expect(registry.listNames()).resolves.toEqual(['churn']);
    await expect(store().listNames()).resolves.toEqual(['ml-churn', 'fraud']);
  });

  it('answers unchanged for the same content written again, and refuses other content', async () => {
    const { sagemaker, store } = fakeRegistryAws();
    await store().createVersion(aVersion());

    const again = aVersion({ createdAt: '2025-02-02T00:00:00.000Z', createdBy: 'someone-else' });
    await expect(store().createVersion(again)).resolves.toBe('unchanged');
    const error = await failure(store().createVersion(aVersion({ metrics: { auc: 0.5 } })));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toMatch(/churn 1 already exists .*model-package\/churn\/1/);
    expect(sagemaker.packagesOf('churn')).toHaveLength(1);
  });

  it('uses an image of its own as it is, and refuses a version SageMaker could not serve before writing', async () => {
    const { sagemaker, store } = fakeRegistryAws();
    const registry = store();
    await registry.createVersion(
      aVersion({ image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:7', framework: undefined }),
    );
    expect(sagemaker.packagesOf('churn')[0]?.input.InferenceSpecification?.Containers?.[0]?.Image).toBe(
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:7',
    );

    const noImage = await failure(registry.createVersion(aVersion({ version: '2', framework: 'onnx' })));
    expect(noImage).toBeInstanceOf(InvalidArgumentError);
    expect(noImage.message).toMatch(/needs a container image for every version/);
    const local = aVersion({ version: '3' });
    const localArtifact = { ...local, artifact: { ...local.artifact!, uri: '/tmp/registry/churn/model.onnx' } };
    await expect(registry.createVersion(localArtifact)).rejects.toThrow(/storeArtifact/);
    await expect(registry.createVersion(aVersion({ version: 'v 1/{x}' }))).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(registry.createVersion(aVersion({ name: 'Churn' }))).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(registry.createVersion(aVersion({ name: 'churn_model' }))).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    expect(sagemaker.packagesOf('churn')).toHaveLength(1);
  });

  it('maps approvals to ModelApprovalStatus, both ways', async () => {
    const { sagemaker, store } = fakeRegistryAws();
    const registry = store();
    await registry.createVersion(aVersion());
    await expect(registry.getApproval('churn', '1')).resolves.toBe('pending');

    await registry.setApproval('churn', '1', 'approved');
    expect(sagemaker.packagesOf('churn')[0]?.approval).toBe('Approved');
    await expect(store().getApproval('churn', '1')).resolves.toBe('approved');
    await registry.setApproval('churn', '1', 'rejected');
    expect(sagemaker.packagesOf('churn')[0]?.approval).toBe('Rejected');
    await expect(registry.getApproval('churn', '1')).resolves.toBe('rejected');
    // Approved in Studio: seen here too.
    sagemaker.packagesOf('churn')[0]!.approval = 'Approved';
    await expect(registry.getApproval('churn', '1')).resolves.toBe('approved');

    await expect(registry.getApproval('churn', '9')).rejects.toBeInstanceOf(NotFoundError);
    await expect(registry.setApproval('churn', '1', 'maybe' as never)).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('deletes a version (and any duplicate), leaves packages of other tools alone, and lists what is its own', async () => {
    const { sagemaker, store } = fakeRegistryAws();
    const registry = store();
    await registry.createVersion(aVersion());
    await registry.createVersion(aVersion({ version: '2' }));
    sagemaker.addPackage('churn', { team: 'registered in Studio' });

    await expect(registry.listVersions('churn')).resolves.toEqual(['1', '2']);
    await registry.deleteVersion('churn', '1');
    await registry.deleteVersion('churn', '1'); // already gone: nothing to do
    await expect(registry.listVersions('churn')).resolves.toEqual(['2']);
    expect(sagemaker.packagesOf('churn').map((pkg) => pkg.number)).toEqual([2, 3]);
    await expect(registry.listVersions('fraud')).resolves.toEqual([]);
    // A deleted number is never given out again, even for the same content.
    await expect(registry.createVersion(aVersion())).rejects.toBeInstanceOf(ConflictError);
  });
});
