/**
 * The deployment both CI examples (github-actions.yml, buildspec.yml) plan and apply: the version the registry's
 * `production` alias points at, on a SageMaker real-time endpoint, with a canary update that the monitor's alarms
 * roll back, and a validation gate that `modelship deploy` runs after applying (exit code 3 when it fails).
 *
 * A plain object rather than a fluent chain, so a job can change a value without editing code:
 * `npx modelship deploy --set model.registry=churn@staging --set name=churn-staging`.
 */

// The bucket of the S3 registry the training pipeline registers versions in. Set by the CI job (see the two
// examples); the placeholder only keeps `modelship plan` readable on a laptop.
const registryBucket = process.env.MODELSHIP_REGISTRY_BUCKET ?? 'my-ml-registry';

export default {
  name: 'churn',
  model: { registry: 'churn@production' },
  registry: { s3: { bucket: registryBucket, prefix: 'registry/' } },
  target: {
    type: 'sagemaker-realtime',
    instanceType: 'ml.m5.large',
    instanceCount: 2,
    // A least-privilege execution role made and removed with the endpoint (docs/guide/06-secure.md).
    createRole: true,
    // Changes reach 10% of traffic first; the fleet before stays 10 minutes in case an alarm fires.
    update: { traffic: { type: 'canary', percent: 10, waitS: 600 }, terminationWaitS: 300 },
  },
  autoscaling: { min: 2, max: 6, targetInvocationsPerInstance: 100 },
  // These alarms also become the update's rollback alarms (docs/monitoring.md).
  monitor: { p99LatencyMs: 300, maxErrorRate: 0.01 },
  validate: {
    samples: './samples.jsonl',
    expected: './expected.json',
    accuracy: { metric: 'accuracy', min: 0.9 },
    latency: { p99Ms: 300 },
  },
  tags: { team: 'ml-platform', 'managed-by': 'modelship' },
};
