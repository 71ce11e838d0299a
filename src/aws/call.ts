/**
 * One way to make an AWS call: every failure leaves here as a modelship error that names the service, the
 * operation and the resource, so no caller forgets the mapping or maps it twice.
 */
import { NotFoundError } from '../errors.js';
import { type AwsCallContext, toModelshipError } from './errors.js';

/**
 * Runs one AWS SDK call and maps what it throws with {@link toModelshipError}.
 *
 * @example
 * ```ts
 * const endpoint = await callAws({ service: 'SageMaker', operation: 'DescribeEndpoint' }, () =>
 *   sagemaker.send(new DescribeEndpointCommand({ EndpointName: name }), { abortSignal: signal }),
 * );
 * ```
 */
export async function callAws<T>(context: AwsCallContext, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toModelshipError(error, context);
  }
}

/**
 * Like {@link callAws} for a read of something that may not exist: a missing resource is `undefined` rather than
 * an error. Every other failure (access denied, throttling) still throws, so "absent" is never a guess.
 */
export async function findAws<T>(context: AwsCallContext, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await callAws(context, run);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}
