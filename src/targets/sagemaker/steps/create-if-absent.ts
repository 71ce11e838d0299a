/**
 * The step shape of a SageMaker resource that is never changed in place (a model, an endpoint config): it is
 * created when absent, left alone when present (its content-derived name says it already matches), and deleted
 * again if a later step of the same run fails.
 */
import type { PlanStep, ResourceRef, StepContext } from '../../../deploy/plan.js';
import { acceptingHiddenSuccess } from './hidden-success.js';

/** What a created-or-found resource gives later steps. */
export interface ResourceOutput {
  readonly name: string;
  readonly arn: string;
}

/** How to make, find and remove one resource. */
export interface CreateIfAbsentSpec {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  /** Its ARN when it exists already; `undefined` when it does not. */
  readonly existingArn: string | undefined;
  readonly dependsOn?: readonly string[];
  /** Why it is made, for the plan: `serves image … with artifact …`. */
  readonly what: string;
  create(ctx: StepContext): Promise<string>;
  remove(ctx: StepContext): Promise<void>;
  /**
   * The ARN of the resource when it exists and is this deployment's: after a create that AWS carried out but
   * answered with an error, the engine's retry is told "already exists", and this says whether that is our own.
   */
  find(ctx: StepContext): Promise<string | undefined>;
}

/** A plan step that creates the resource unless it exists. */
export function createIfAbsentStep(spec: CreateIfAbsentSpec): PlanStep {
  const resource: ResourceRef = { kind: spec.kind, name: spec.name, arn: spec.existingArn };
  const base = { id: spec.id, resource, ...(spec.dependsOn === undefined ? {} : { dependsOn: spec.dependsOn }) };
  if (spec.existingArn !== undefined) {
    const existingOutput: ResourceOutput = { name: spec.name, arn: spec.existingArn };
    return {
      ...base,
      action: 'none',
      reason: `${spec.kind} ${spec.name} already exists with this content`,
      existingOutput,
    };
  }
  return {
    ...base,
    action: 'create',
    reason: `${spec.kind} ${spec.name} does not exist; ${spec.what}`,
    async apply(ctx): Promise<ResourceOutput> {
      const arn = await acceptingHiddenSuccess(
        () => spec.create(ctx),
        () => spec.find(ctx),
      );
      return { name: spec.name, arn };
    },
    undo: (ctx) => spec.remove(ctx),
  };
}
