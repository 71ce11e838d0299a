/**
 * `SageMaker.async`: a SageMaker endpoint target whose settings carry an async part. It is planned, scaled,
 * monitored and destroyed exactly as a real-time endpoint (it is one, with a queue in front), so it is the same
 * target class with its own kind, and without a synchronous transport: an async endpoint refuses
 * `InvokeEndpoint`, so `deployment.predictor()` says to use `AsyncPredictor` instead of failing at the first call.
 */
import { InvalidArgumentError } from '../../../errors.js';
import type { MonitorOptions } from '../../../monitor/index.js';
import type { Transport } from '../../../predict/transport.js';
import type { AsyncAutoscalingOptions } from '../../../scaling/index.js';
import type { DeploymentSpec, Target } from '../../target.js';
import { SageMakerEndpointTarget, type SageMakerFeatures } from '../target.js';
import { checkAsyncOptions } from './check-options.js';
import type { AsyncOptions } from './options.js';

/**
 * The builder features of an async endpoint: `withAutoscaling` (instances, on the queue's backlog, down to zero)
 * and `monitor`.
 *
 * @example
 * ```ts
 * Model.fromS3('s3://ml-models/whisper/model.tar.gz', { framework: 'huggingface' })
 *   .deployTo(
 *     SageMaker.async({ instanceType: 'ml.g5.xlarge', createRole: true, outputS3Uri: 's3://ml-results/whisper/' }),
 *   )
 *   .withAutoscaling({ min: 0, max: 4, targetBacklogPerInstance: 5 })
 *   .monitor({ p99LatencyMs: 30_000, notify: 'arn:aws:sns:eu-west-1:123456789012:ml-oncall' });
 * ```
 */
export interface AsyncFeatures {
  /** What `withAutoscaling` takes: instances on the queue's backlog, down to zero. */
  readonly autoscaling: AsyncAutoscalingOptions;
  /** What `monitor` takes. */
  readonly monitor: MonitorOptions;
}

/** The SageMaker endpoint target of `SageMaker.async`. */
class SageMakerAsyncTarget extends SageMakerEndpointTarget {
  override readonly kind = 'sagemaker-async';

  override transport(spec: DeploymentSpec<SageMakerFeatures>): Transport {
    const endpointName = this.settings.endpointName ?? spec.name;
    throw new InvalidArgumentError(
      'predictor',
      `${endpointName} is an asynchronous endpoint: it takes InvokeEndpointAsync only. Call it with ` +
        `new AsyncPredictor({ endpointName: '${endpointName}', inputS3Uri: 's3://…/' }) from 'modelship'.`,
    );
  }
}

/**
 * An endpoint on dedicated instances that queues requests: payloads up to 1 GB are read from S3, results are
 * written to `outputS3Uri` (failures to `failureS3Uri`), inferences may take up to an hour.
 * @throws {@link InvalidArgumentError} for an option outside SageMaker's limits (before any AWS call).
 */
export function asyncTarget(options: AsyncOptions): Target<AsyncFeatures> {
  return new SageMakerAsyncTarget(checkAsyncOptions(options)) as unknown as Target<AsyncFeatures>;
}
