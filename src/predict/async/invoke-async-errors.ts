/**
 * Maps what `InvokeEndpointAsync` throws: the runtime transport's rules, except for refused access, whose IAM
 * action is `sagemaker:InvokeEndpointAsync` rather than `InvokeEndpoint`.
 */
import { AccessDeniedError, type ModelshipError } from '../../errors.js';
import { type RuntimeCallContext, toModelshipError } from '../transports/sagemaker-runtime-errors.js';

// The shared mapper names its operations in a closed union that predates async inference; it only reports the
// name in `error.aws.operation`, so passing this one through is safe.
const OPERATION: RuntimeCallContext['operation'] = 'InvokeEndpointAsync';

/** @internal Turns a failed `InvokeEndpointAsync` into a modelship error. */
export function toInvokeAsyncError(error: unknown, description: string, endpointName: string): ModelshipError {
  const mapped = toModelshipError(error, { description, endpointName, operation: OPERATION });
  if (mapped.code !== 'ACCESS_DENIED') return mapped;
  const said = error instanceof Error ? error.message : String(error);
  return new AccessDeniedError(
    `Calling ${description} was refused (${mapped.aws?.name ?? 'AccessDenied'}): ${said} Check the credentials and ` +
      'that they allow sagemaker:InvokeEndpointAsync on this endpoint.',
    { cause: error, ...(mapped.aws === undefined ? {} : { aws: mapped.aws }), action: 'sagemaker:InvokeEndpointAsync' },
  );
}
