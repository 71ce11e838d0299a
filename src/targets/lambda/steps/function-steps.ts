/**
 * The function's `$LATEST`: created when absent (`function`), or brought to the spec by UpdateFunctionCode
 * (`function`) and UpdateFunctionConfiguration (`function-config`), each waited on until Lambda reports it done.
 *
 * `$LATEST` serves nobody: callers go through the `live` alias, which moves only once the new version is
 * published. So a code update that a later step's failure rolls back needs no undo beyond moving the alias back
 * (the alias step's undo does that); `$LATEST` keeps the new code, and the next plan compares against it.
 */
import type { FunctionConfiguration, GetFunctionResponse } from '@aws-sdk/client-lambda';
import { MODELSHIP_TAG_PREFIX } from '../../../aws/tags.js';
import type { PlanStep, StepContext } from '../../../deploy/plan.js';
import { ConflictError } from '../../../errors.js';
import { acceptingHiddenSuccess } from '../../sagemaker/steps/hidden-success.js';
import { pollUntil } from '../../sagemaker/steps/poll.js';
import type { LambdaApi } from '../api.js';
import type { PlannedCode } from '../code.js';
import {
  codeDifferences,
  configurationDifferences,
  configurationRequest,
  createRequest,
  type DesiredFunction,
  tagsDiffer,
} from '../function-config.js';
import { functionReadiness } from './function-status.js';

/** The output of the `function` step. */
export interface FunctionOutput {
  readonly functionName: string;
  readonly functionArn: string;
}

const DEPLOYMENT_TAG = `${MODELSHIP_TAG_PREFIX}deployment`;

/** True when the function carries the `modelship:deployment` tag of `deployment`. */
export function ownsFunction(current: GetFunctionResponse, deployment: string): boolean {
  return current.Tags?.[DEPLOYMENT_TAG] === deployment;
}

/** The error for a function of the deployment's name that another deployment (or a person) made. */
export function foreignFunctionError(functionName: string, deployment: string): ConflictError {
  return new ConflictError(
    `Lambda function ${functionName} exists but was not made by the modelship deployment "${deployment}" (its ` +
      'modelship:deployment tag says otherwise), so modelship leaves it alone. Choose another functionName, or ' +
      `tag the function modelship:deployment=${deployment} to let this deployment manage it.`,
  );
}

/**
 * The `function` step, and `function-config` when an existing function's configuration or tags differ.
 * @param current - what GetFunction returned at plan time; `undefined` when there is no function.
 * @param after - the steps that must finish first (the role, the package upload).
 */
export function functionSteps(
  api: LambdaApi,
  desired: DesiredFunction,
  current: GetFunctionResponse | undefined,
  code: PlannedCode,
  after: readonly string[],
): PlanStep[] {
  const name = desired.functionName;
  const resource = { kind: 'Lambda function', name, ...(current ? { arn: current.Configuration?.FunctionArn } : {}) };
  const wait = (ctx: StepContext) => functionReadiness(api, name, ctx.signal);
  const deployment = desired.tags[DEPLOYMENT_TAG] ?? '';
  const output = (configuration: FunctionConfiguration | undefined): FunctionOutput => ({
    functionName: name,
    functionArn: configuration?.FunctionArn ?? '',
  });

  if (current === undefined) {
    return [
      {
        id: 'function',
        resource,
        action: 'create',
        reason: `Lambda function ${name} does not exist; creates it (${desired.settings.memoryMb} MB, ${desired.settings.architecture}, ${code.summary})`,
        dependsOn: after,
        async apply(ctx): Promise<FunctionOutput> {
          const request = createRequest(desired, await code.code(ctx));
          const made = await acceptingHiddenSuccess(
            () => api.createFunction(request, ctx.signal),
            // "Function already exist" on a retry: ours when it has our tag and our code.
            async () => {
              const found = await api.getFunction(name, undefined, ctx.signal);
              const ours = found !== undefined && ownsFunction(found, deployment);
              return ours && runsDesiredCode(found, desired) ? found.Configuration : undefined;
            },
          );
          return output(made);
        },
        wait,
        undo: (ctx) => api.deleteFunction(name, undefined, ctx.signal),
      },
    ];
  }

  const configuration = current.Configuration ?? {};
  const codeChanges = codeDifferences(configuration, desired, current.Code);
  const codeStep: PlanStep =
    codeChanges.length === 0
      ? {
          id: 'function',
          resource,
          action: 'none',
          reason: `Lambda function ${name} already runs this ${desired.code.packageType === 'Image' ? 'image' : 'package'}`,
          dependsOn: after,
          existingOutput: output(configuration),
        }
      : {
          id: 'function',
          resource,
          action: 'update',
          reason: `the ${codeChanges.join(' and ')} of Lambda function ${name} differ${codeChanges.length === 1 ? 's' : ''}; updates $LATEST (the live alias moves later)`,
          dependsOn: after,
          async apply(ctx): Promise<FunctionOutput> {
            const request = {
              FunctionName: name,
              ...(await code.code(ctx)),
              Architectures: [desired.settings.architecture],
            };
            const updated = await acceptingHiddenSuccess(
              () => api.updateCode(request, ctx.signal),
              // "An update is in progress" on a retry: done when $LATEST already has this code.
              async () => {
                const now = await api.getFunction(name, undefined, ctx.signal);
                return now !== undefined && runsDesiredCode(now, desired) ? now.Configuration : undefined;
              },
            );
            return output(updated);
          },
          wait,
          // Nothing to put back: $LATEST is not served (see the file's comment).
          undo: async () => undefined,
        };

  const differences = configurationDifferences(configuration, desired);
  const retag = tagsDiffer(current.Tags, desired);
  if (differences.length === 0 && !retag) return [codeStep];
  const wanted = configurationRequest(desired);
  const previous = previousConfiguration(configuration);
  const configStep: PlanStep = {
    id: 'function-config',
    resource,
    action: 'update',
    reason: `the ${[...differences, ...(retag ? ['tags'] : [])].join(', ')} of Lambda function ${name} differ from the spec; updates them`,
    dependsOn: ['function'],
    async apply(ctx): Promise<FunctionOutput> {
      if (differences.length > 0) {
        await acceptingHiddenSuccess(
          () => api.updateConfiguration(wanted, ctx.signal),
          async () => {
            const now = await api.getConfiguration(name, undefined, ctx.signal);
            return now !== undefined && configurationDifferences(now, desired).length === 0 ? now : undefined;
          },
        );
      }
      // Tags only add or change values: a tag someone added by hand stays.
      if (retag) await api.tag(name, configuration.FunctionArn ?? '', desired.tags, ctx.signal);
      return output(configuration);
    },
    wait,
    async undo(ctx) {
      if (differences.length === 0) return;
      // Lambda takes no change while one is in progress: let this run's finish first.
      await waitUntilReady(api, name, ctx.signal);
      await api.updateConfiguration(previous, ctx.signal);
    },
  };
  return [codeStep, configStep];
}

/** True when GetFunction shows the code (and architecture) the spec asks for. */
function runsDesiredCode(found: GetFunctionResponse, desired: DesiredFunction): boolean {
  return codeDifferences(found.Configuration ?? {}, desired, found.Code).length === 0;
}

/** The UpdateFunctionConfiguration request that puts back what GetFunction showed. */
function previousConfiguration(current: FunctionConfiguration): ReturnType<typeof configurationRequest> {
  return {
    FunctionName: current.FunctionName,
    Role: current.Role,
    Handler: current.Handler,
    Runtime: current.Runtime,
    MemorySize: current.MemorySize,
    Timeout: current.Timeout,
    EphemeralStorage: { Size: current.EphemeralStorage?.Size ?? 512 },
    Environment: { Variables: { ...(current.Environment?.Variables ?? {}) } },
    KMSKeyArn: current.KMSKeyArn ?? '',
    Description: current.Description ?? '',
  };
}

async function waitUntilReady(api: LambdaApi, name: string, signal: AbortSignal): Promise<void> {
  await pollUntil(async () => (await functionReadiness(api, name, signal)).done, signal, 1000);
}
