/**
 * What kind of processor a SageMaker instance type has, which decides which container image it can run.
 */
import { InvalidArgumentError } from '../../errors.js';

/**
 * The processor of an instance type:
 * - `cpu`: x86 CPU instances (ml.m5, ml.c6i, ml.t2 …);
 * - `gpu`: NVIDIA GPU instances (ml.g*, ml.p*);
 * - `inf`: AWS Inferentia (ml.inf1, ml.inf2), which need Neuron-compiled models and images;
 * - `trn`: AWS Trainium (ml.trn1 …), Neuron as well;
 * - `graviton`: Arm instances (ml.c6g, ml.m7g, ml.g5g …), which cannot run x86 images.
 */
export type InstanceProcessor = 'cpu' | 'gpu' | 'inf' | 'trn' | 'graviton';

// `ml.<family>.<size>`, e.g. ml.g4dn.xlarge, ml.p4de.24xlarge, ml.trn1n.32xlarge.
const INSTANCE_TYPE = /^ml\.([a-z][a-z0-9-]*)\.([a-z0-9-]+)$/;
// Graviton families put a `g` right after the generation number: c6g, c6gn, m6gd, t4g, r7g, g5g.
const GRAVITON_FAMILY = /^[a-z]+\d+g[a-z]*$/;

/**
 * The processor of a SageMaker instance type, from its family (the part after `ml.`).
 *
 * @param instanceType - A SageMaker instance type such as `ml.m5.large` or `ml.g5.xlarge`.
 * @returns The kind of processor the instance has.
 * @throws {@link InvalidArgumentError} when `instanceType` is not of the form `ml.<family>.<size>`.
 */
export function processorOf(instanceType: string): InstanceProcessor {
  const family = typeof instanceType === 'string' ? INSTANCE_TYPE.exec(instanceType)?.[1] : undefined;
  if (family === undefined) {
    throw new InvalidArgumentError(
      'instanceType',
      `${JSON.stringify(instanceType)} is not a SageMaker instance type. Use the form ml.<family>.<size>, e.g. ml.m5.large (CPU) or ml.g5.xlarge (GPU).`,
    );
  }
  // Order matters: the Graviton test must come before the GPU one, since ml.g5g is Arm with an NVIDIA GPU.
  if (family.startsWith('inf')) return 'inf';
  if (family.startsWith('trn')) return 'trn';
  if (GRAVITON_FAMILY.test(family)) return 'graviton';
  if (family.startsWith('g') || family.startsWith('p')) return 'gpu';
  return 'cpu';
}
