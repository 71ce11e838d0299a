/**
 * The execution role of a deployment: the ARN the user gave, or (with `createRole: true`) a role modelship makes
 * whose inline policy covers exactly the models this endpoint serves. Its ARN is known before it exists, so the
 * content-derived model names are the same whether the role is new or not.
 */

import { partitionOf } from '../../aws/arn.js';
import type { AwsContext } from '../../aws/context.js';
import type { AwsTag } from '../../aws/tags.js';
import type { PlanStep } from '../../deploy/plan.js';
import { isAsyncSettings } from './async/check-options.js';
import type { EndpointSettings } from './check-options.js';
import type { EndpointDesign } from './design.js';
import { type ExecutionRolePolicies, executionRolePolicies } from './role/policy.js';
import type { PolicyDocument, PolicyStatement } from './role/policy-document.js';
import { roleArnFor, roleNameFor } from './role/role-name.js';
import { describeRole, roleStep } from './role/role-step.js';

/** The role a deployment runs with. */
export interface PlannedRole {
  readonly roleArn: string;
  /** Set when modelship makes the role: its name, and a builder of its step once the models are designed. */
  readonly created?: {
    readonly roleName: string;
    step(design: EndpointDesign, tags: readonly AwsTag[]): Promise<PlanStep>;
  };
}

/** The role for `settings`: the given ARN, or the one modelship will make for `endpointName`. */
export async function planRole(
  aws: AwsContext,
  settings: EndpointSettings,
  endpointName: string,
  deployment: string,
  region: string,
): Promise<PlannedRole> {
  if ('arn' in settings.role) return { roleArn: settings.role.arn };
  const { create } = settings.role;
  const accountId = await aws.accountId();
  const partition = partitionOf(region);
  const roleName = roleNameFor(endpointName);
  const roleArn = roleArnFor(partition, accountId, roleName);
  return {
    roleArn,
    created: {
      roleName,
      async step(design, tags) {
        const policies = mergedPolicies(design, settings, { partition, region, accountId, endpointName });
        const existing = await describeRole(aws, roleName);
        const propagation = { settleMs: create.propagationWaitS * 1000 };
        return roleStep(aws, { roleName, roleArn, policies, tags, deployment, propagation }, existing);
      },
    },
  };
}

/** The policies of every model the design serves, merged: one statement per purpose, the resources of all. */
function mergedPolicies(
  design: EndpointDesign,
  settings: EndpointSettings,
  where: { partition: ReturnType<typeof partitionOf>; region: string; accountId: string; endpointName: string },
): ExecutionRolePolicies {
  const capture = design.config.DataCaptureConfig?.DestinationS3Uri;
  const each = design.models.map((model) =>
    executionRolePolicies({
      ...where,
      image: model.PrimaryContainer?.Image ?? '',
      ...(model.PrimaryContainer?.ModelDataUrl === undefined
        ? {}
        : { modelDataUrl: model.PrimaryContainer.ModelDataUrl }),
      ...(settings.kmsKeyId === undefined ? {} : { kmsKeyId: settings.kmsKeyId }),
      ...(settings.kind === 'realtime' && settings.vpc !== undefined ? { vpc: settings.vpc } : {}),
      ...(capture === undefined ? {} : { dataCaptureDestination: capture }),
      ...(isAsyncSettings(settings) ? { async: settings.async } : {}),
    }),
  );
  const [first] = each;
  if (first === undefined) throw new Error('An endpoint design has at least one model.');
  return { trust: first.trust, permissions: mergeDocuments(each.map((policies) => policies.permissions)) };
}

function mergeDocuments(documents: readonly PolicyDocument[]): PolicyDocument {
  const bySid = new Map<string, PolicyStatement>();
  for (const statement of documents.flatMap((document) => document.Statement)) {
    const seen = bySid.get(statement.Sid);
    if (seen === undefined) {
      bySid.set(statement.Sid, statement);
      continue;
    }
    // The same purpose for another model: only the resources differ (another artifact, another repository).
    const resources = [...new Set([...asList(seen.Resource), ...asList(statement.Resource)])];
    bySid.set(statement.Sid, { ...seen, Resource: resources.length === 1 ? (resources[0] as string) : resources });
  }
  return { Version: '2012-10-17', Statement: [...bySid.values()] };
}

function asList(value: string | readonly string[] | undefined): readonly string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}
