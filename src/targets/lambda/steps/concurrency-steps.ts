/**
 * Concurrency: reserved concurrency on the function (a share of the account's pool that is also a cap), and
 * provisioned concurrency on the `live` alias (environments kept initialized, so the model is loaded before the
 * first request). Each step is planned from what Lambda reports now, and its undo puts that back.
 */
import type { GetFunctionResponse, GetProvisionedConcurrencyConfigResponse } from '@aws-sdk/client-lambda';
import type { PlanStep, StepContext, WaitStatus } from '../../../deploy/plan.js';
import { ServiceError } from '../../../errors.js';
import type { LambdaApi } from '../api.js';
import { LIVE_ALIAS } from '../names.js';

/** The `reserved-concurrency` step, or none when the function already has the reservation asked for. */
export function reservedConcurrencySteps(
  api: LambdaApi,
  name: string,
  wanted: number | undefined,
  current: GetFunctionResponse | undefined,
): PlanStep[] {
  const now = current?.Concurrency?.ReservedConcurrentExecutions;
  if (now === wanted) return [];
  const describe = (count: number | undefined) => (count === undefined ? 'none' : String(count));
  return [
    {
      id: 'reserved-concurrency',
      resource: { kind: 'Lambda function concurrency', name },
      action: now === undefined ? 'create' : wanted === undefined ? 'delete' : 'update',
      reason: `reserved concurrency of ${name} is ${describe(now)}; sets it to ${describe(wanted)}`,
      dependsOn: ['function'],
      apply: (ctx) => api.setReserved(name, wanted, ctx.signal),
      undo: (ctx) => api.setReserved(name, now, ctx.signal),
    },
  ];
}

/** The `provisioned-concurrency` step on the alias, or none when it is already as asked. */
export function provisionedConcurrencySteps(
  api: LambdaApi,
  name: string,
  wanted: number | undefined,
  current: GetProvisionedConcurrencyConfigResponse | undefined,
  aliasMoves: boolean,
): PlanStep[] {
  const now = current?.RequestedProvisionedConcurrentExecutions;
  if (now === wanted && !(aliasMoves && wanted !== undefined)) return [];
  const resource = { kind: 'Lambda provisioned concurrency', name: `${name}:${LIVE_ALIAS}` };
  const restore = async (ctx: StepContext) => {
    if (now === undefined) await api.deleteProvisioned(name, LIVE_ALIAS, ctx.signal);
    else await api.putProvisioned(name, LIVE_ALIAS, now, ctx.signal);
  };
  if (wanted === undefined) {
    return [
      {
        id: 'provisioned-concurrency',
        resource,
        action: 'delete',
        reason: `the ${LIVE_ALIAS} alias keeps ${now} environments ready; the spec asks for none`,
        dependsOn: ['alias'],
        apply: (ctx) => api.deleteProvisioned(name, LIVE_ALIAS, ctx.signal),
        undo: restore,
      },
    ];
  }
  return [
    {
      id: 'provisioned-concurrency',
      resource,
      action: now === undefined ? 'create' : 'update',
      reason:
        now === wanted
          ? `the ${LIVE_ALIAS} alias moves to a new version; waits for its ${wanted} environments to be ready`
          : `keeps ${wanted} environments of the ${LIVE_ALIAS} alias ready (now ${now ?? 'none'}); billed while they exist`,
      dependsOn: ['alias'],
      apply: (ctx) => api.putProvisioned(name, LIVE_ALIAS, wanted, ctx.signal),
      wait: (ctx) => provisionedReadiness(api, name, ctx.signal),
      undo: restore,
    },
  ];
}

/**
 * READY once Lambda has initialized the environments.
 * @throws {@link ServiceError} (not retryable) when Lambda reports FAILED, with its reason.
 */
async function provisionedReadiness(api: LambdaApi, name: string, signal: AbortSignal): Promise<WaitStatus> {
  const config = await api.getProvisioned(name, LIVE_ALIAS, signal);
  const status = config?.Status ?? 'IN_PROGRESS';
  if (status === 'FAILED') {
    throw new ServiceError(
      `Lambda could not provision concurrency for ${name}:${LIVE_ALIAS}: ${config?.StatusReason ?? 'no reason given'}`,
      { retryable: false },
    );
  }
  return { done: status === 'READY', status };
}
