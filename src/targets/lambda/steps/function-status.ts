/**
 * Lambda changes a function asynchronously: after CreateFunction its `State` is `Pending` until `Active`, after
 * UpdateFunctionCode or UpdateFunctionConfiguration its `LastUpdateStatus` is `InProgress` until `Successful` or
 * `Failed`. No other change is accepted meanwhile, so every step that changes the function waits here.
 */
import type { WaitStatus } from '../../../deploy/plan.js';
import { NotFoundError, ServiceError } from '../../../errors.js';
import type { LambdaApi } from '../api.js';

/**
 * The function's readiness as a step's wait reports it.
 * @throws {@link ServiceError} (not retryable) when the function or its last update failed, with Lambda's reason.
 * @throws {@link NotFoundError} when the function is gone.
 */
export async function functionReadiness(api: LambdaApi, name: string, signal: AbortSignal): Promise<WaitStatus> {
  const configuration = await api.getConfiguration(name, undefined, signal);
  if (configuration === undefined) {
    throw new NotFoundError(`Lambda function ${name} disappeared while modelship waited for it.`, {
      resource: { kind: 'Lambda function', name },
    });
  }
  const state = configuration.State ?? 'Active';
  const update = configuration.LastUpdateStatus ?? 'Successful';
  if (state === 'Failed' || update === 'Failed') {
    const reason =
      state === 'Failed'
        ? `${configuration.StateReasonCode ?? ''} ${configuration.StateReason ?? ''}`
        : `${configuration.LastUpdateStatusReasonCode ?? ''} ${configuration.LastUpdateStatusReason ?? ''}`;
    // Waiting longer cannot help: Lambda has given up on this change.
    throw new ServiceError(`Lambda could not ${state === 'Failed' ? 'create' : 'update'} ${name}: ${reason.trim()}`, {
      retryable: false,
    });
  }
  const done = state === 'Active' && update === 'Successful';
  return { done, status: state === 'Active' ? update : state };
}
