/**
 * Teardown of a Lambda deployment: the HTTP API, when there is one, then DeleteFunction removes the function with
 * everything hanging off it (its versions, the `live` alias, the Function URL, provisioned concurrency, the
 * resource policy), then the role modelship created goes. Found by name, so it works from a new process; safe to run twice (what is gone is a step
 * with nothing to do); a function or role this deployment did not make is left alone.
 */
import type { AwsContext } from '../../aws/context.js';
import type { PlanStep } from '../../deploy/plan.js';
import { deleteRoleStep } from '../sagemaker/role/delete-role-step.js';
import { describeRole } from '../sagemaker/role/role-step.js';
import type { LambdaApi } from './api.js';
import { httpApiDestroySteps } from './http-api/destroy-steps.js';
import { LIVE_ALIAS } from './names.js';
import { ownsFunction } from './steps/function-steps.js';

/** What {@link lambdaDestroySteps} removes. */
export interface LambdaDestroySpec {
  readonly functionName: string;
  readonly deployment: string;
  /** The role modelship created, when it did (`createRole: true`). */
  readonly createdRole?: string;
  /** Whether the spec exposes the function through an API Gateway HTTP API. */
  readonly exposesHttpApi: boolean;
}

/** The steps that remove the deployment. */
export async function lambdaDestroySteps(
  aws: AwsContext,
  api: LambdaApi,
  spec: LambdaDestroySpec,
): Promise<PlanStep[]> {
  const { functionName: name, deployment } = spec;
  const current = await api.getFunction(name);
  const resource = { kind: 'Lambda function', name, ...(current ? { arn: current.Configuration?.FunctionArn } : {}) };
  const owned = current !== undefined && ownsFunction(current, deployment);
  // The HTTP API goes first: it is a separate resource, which DeleteFunction does not take with it.
  const statements = owned ? await api.policyStatementIds(name, LIVE_ALIAS) : [];
  const steps: PlanStep[] = await httpApiDestroySteps(aws, api, {
    functionName: name,
    deployment,
    exposesHttpApi: spec.exposesHttpApi,
    statements,
  });
  if (current === undefined) {
    steps.push({ id: 'delete-function', resource, action: 'none', reason: `Lambda function ${name} does not exist` });
  } else if (!owned) {
    steps.push({
      id: 'delete-function',
      resource,
      action: 'none',
      reason: `Lambda function ${name} was not made by deployment ${deployment}; left as it is`,
    });
  } else {
    steps.push({
      id: 'delete-function',
      resource,
      action: 'delete',
      reason: `removes Lambda function ${name} with all its versions, its alias, URL and concurrency settings`,
      apply: (ctx) => api.deleteFunction(name, undefined, ctx.signal),
    });
  }
  if (spec.createdRole !== undefined) {
    const existing = await describeRole(aws, spec.createdRole);
    // Lambda may still be using the role until the function is gone.
    steps.push(
      deleteRoleStep(aws, { roleName: spec.createdRole, deployment, dependsOn: ['delete-function'] }, existing),
    );
  }
  return steps;
}
