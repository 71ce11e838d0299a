/**
 * The `version` step: `$LATEST` published as an immutable version for the alias to point at. Left out (`none`)
 * when the version the alias serves already has this code and configuration, so a second deploy of the same spec
 * publishes nothing.
 */
import type { GetFunctionResponse } from '@aws-sdk/client-lambda';
import type { PlanStep } from '../../../deploy/plan.js';
import type { LambdaApi } from '../api.js';
import { codeDifferences, configurationDifferences, type DesiredFunction } from '../function-config.js';
import { LIVE_ALIAS } from '../names.js';

/** The output of the `version` step. */
export interface VersionOutput {
  readonly version: string;
}

/** True when `served` (GetFunction of the version the alias points at) is what the spec asks for. */
export function servesDesired(served: GetFunctionResponse | undefined, desired: DesiredFunction): boolean {
  const configuration = served?.Configuration;
  return (
    configuration !== undefined &&
    codeDifferences(configuration, desired, served?.Code).length === 0 &&
    configurationDifferences(configuration, desired).length === 0
  );
}

/**
 * The `version` step.
 * @param served - the version the `live` alias points at (GetFunction with the alias as qualifier); `undefined`
 * when there is no alias.
 * @param after - the step after which `$LATEST` is final.
 */
export function versionStep(
  api: LambdaApi,
  desired: DesiredFunction,
  served: GetFunctionResponse | undefined,
  after: string,
): PlanStep {
  const name = desired.functionName;
  const resource = { kind: 'Lambda version', name: `${name}:<new>` };
  const servedVersion = served?.Configuration?.Version;
  if (servedVersion !== undefined && servesDesired(served, desired)) {
    const existingOutput: VersionOutput = { version: servedVersion };
    return {
      id: 'version',
      resource: { kind: 'Lambda version', name: `${name}:${servedVersion}` },
      action: 'none',
      reason: `version ${servedVersion}, which the ${LIVE_ALIAS} alias serves, already has this code and configuration`,
      dependsOn: [after],
      existingOutput,
    };
  }
  const previous = servedVersion;
  let published: string | undefined;
  return {
    id: 'version',
    resource,
    action: 'create',
    reason: `publishes $LATEST as a new version for the ${LIVE_ALIAS} alias${previous === undefined ? '' : ` (it serves version ${previous})`}`,
    dependsOn: [after],
    async apply(ctx): Promise<VersionOutput> {
      // Safe to repeat: Lambda answers an unchanged $LATEST with the version already published from it.
      // An image's CodeSha256 is its digest, unknown before Lambda resolves the tag: no check for images.
      const sha = desired.code.packageType === 'Zip' ? desired.code.codeSha256 : undefined;
      const out = await api.publishVersion(name, sha, ctx.signal);
      published = out.Version ?? '';
      return { version: published };
    },
    async undo(ctx) {
      // Only a version nobody serves: one the alias still names (or a retry found already published) stays.
      if (published === undefined || published === previous) return;
      const alias = await api.getAlias(name, LIVE_ALIAS, ctx.signal);
      const weights = alias?.RoutingConfig?.AdditionalVersionWeights ?? {};
      if (alias?.FunctionVersion === published || published in weights) return;
      await api.deleteFunction(name, published, ctx.signal);
    },
  };
}
