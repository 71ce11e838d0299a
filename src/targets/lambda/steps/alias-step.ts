/**
 * The `live` alias, which every caller (Invoke, the Function URL, provisioned concurrency) goes through: created on
 * the first version, moved to each new one, at once or canary-style (see `canary.ts`), and moved back by `undo`
 * when a later step fails.
 */
import type { AliasConfiguration } from '@aws-sdk/client-lambda';
import type { AwsContext } from '../../../aws/context.js';
import type { PlanStep } from '../../../deploy/plan.js';
import { CloudWatchApi } from '../../../monitor/cloudwatch-api.js';
import { acceptingHiddenSuccess } from '../../sagemaker/steps/hidden-success.js';
import type { LambdaApi } from '../api.js';
import type { LambdaSettings } from '../check-options.js';
import { LIVE_ALIAS } from '../names.js';
import { Canary } from './canary.js';
import type { VersionOutput } from './version-step.js';

/**
 * The output of the `alias` step: what the transport calls.
 *
 * @example
 * ```ts
 * const alias = deployment.outputs.get('alias') as LambdaAliasOutput;
 * console.log(`${alias.functionName}:${alias.qualifier} → version ${alias.version}`);
 * ```
 */
export interface AliasOutput {
  /** The function's name. */
  readonly functionName: string;
  /** The alias callers go through: `live`. */
  readonly qualifier: typeof LIVE_ALIAS;
  /** The alias's ARN. */
  readonly aliasArn: string;
  /** The function version the alias points to. */
  readonly version: string;
}

/** What the alias step needs besides Lambda. */
export interface AliasStepSpec {
  readonly aws: AwsContext;
  readonly functionName: string;
  readonly settings: LambdaSettings;
  /** The alias as GetAlias returned it at plan time; `undefined` when there is none. */
  readonly current: AliasConfiguration | undefined;
  /** Whether the `version` step publishes (else the alias already names the right version). */
  readonly publishes: boolean;
  readonly now: () => number;
}

/** The `alias` step. */
export function aliasStep(api: LambdaApi, spec: AliasStepSpec): PlanStep {
  const { functionName: name, current, settings } = spec;
  const resource = { kind: 'Lambda alias', name: `${name}:${LIVE_ALIAS}`, arn: current?.AliasArn };
  const output = (alias: AliasConfiguration | undefined, version: string): AliasOutput => ({
    functionName: name,
    qualifier: LIVE_ALIAS,
    aliasArn: alias?.AliasArn ?? current?.AliasArn ?? '',
    version,
  });
  const splitting = Object.keys(current?.RoutingConfig?.AdditionalVersionWeights ?? {}).length > 0;
  if (current !== undefined && !spec.publishes && !splitting) {
    return {
      id: 'alias',
      resource,
      action: 'none',
      reason: `the ${LIVE_ALIAS} alias already sends all traffic to version ${current.FunctionVersion}`,
      dependsOn: ['version'],
      existingOutput: output(current, current.FunctionVersion ?? ''),
    };
  }
  if (current === undefined) {
    return {
      id: 'alias',
      resource,
      action: 'create',
      reason: `creates the ${LIVE_ALIAS} alias on the new version`,
      dependsOn: ['version'],
      async apply(ctx): Promise<AliasOutput> {
        const { version } = ctx.output<VersionOutput>('version');
        const made = await acceptingHiddenSuccess(
          () => api.createAlias(name, LIVE_ALIAS, version, ctx.signal),
          async () => {
            const found = await api.getAlias(name, LIVE_ALIAS, ctx.signal);
            return found?.FunctionVersion === version ? found : undefined;
          },
        );
        return output(made, version);
      },
      undo: (ctx) => api.deleteAlias(name, LIVE_ALIAS, ctx.signal),
    };
  }

  const previous = current.FunctionVersion ?? '';
  const rollout = settings.rollout;
  let canary: Canary | undefined;
  return {
    id: 'alias',
    resource,
    action: 'update',
    reason:
      rollout === undefined
        ? `moves the ${LIVE_ALIAS} alias from version ${previous} to the new version`
        : `moves the ${LIVE_ALIAS} alias from version ${previous} to the new version: ${rollout.canaryPercent}% for ${rollout.waitS} s${rollout.rollbackAlarms.length > 0 ? ` watching ${rollout.rollbackAlarms.join(', ')}` : ''}, then all`,
    dependsOn: ['version'],
    async apply(ctx): Promise<AliasOutput> {
      const { version } = ctx.output<VersionOutput>('version');
      if (rollout === undefined || version === previous) {
        return output(await api.updateAlias(name, LIVE_ALIAS, version, {}, ctx.signal), version);
      }
      canary = new Canary({
        api,
        cloudwatch: new CloudWatchApi(spec.aws),
        functionName: name,
        previous,
        next: version,
        ...rollout,
        now: spec.now,
      });
      // UpdateAlias sets the whole alias: a retry after a lost answer sets the same split again.
      await canary.start(ctx.signal);
      return output(undefined, version);
    },
    async wait(ctx) {
      if (canary === undefined) return { done: true, status: 'all traffic on the new version' };
      return canary.poll(ctx.signal);
    },
    // All traffic back on the version that served before this run.
    undo: async (ctx) => {
      await api.updateAlias(name, LIVE_ALIAS, previous, {}, ctx.signal);
    },
  };
}
