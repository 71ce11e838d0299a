/**
 * The two shapes every scaling step takes: an upsert (create, update or nothing, by comparing what exists with
 * what is wanted) and a removal. Both are safe to retry, because the Application Auto Scaling calls behind them
 * are upserts (`Register*`, `Put*`) or deletes where "not found" counts as done, and both know how to undo
 * themselves from what the plan read.
 */
import type { PlanStep, ResourceRef } from '../deploy/plan.js';

/** What a scaling step gives later steps: the Application Auto Scaling resource it is about. */
export interface ScalingStepOutput {
  readonly kind: string;
  readonly name: string;
  /**
   * Its ARN, when known: from the describe at plan time, or from the answer of the call that made it. The
   * scale-from-zero alarm reads its policy's ARN here, as it only exists once PutScalingPolicy has answered.
   */
  readonly arn?: string;
}

/** One thing to create, update or leave alone. */
export interface UpsertSpec {
  readonly id: string;
  readonly resource: ResourceRef;
  readonly dependsOn: readonly string[];
  /** `false` when it does not exist now (or will not once earlier steps ran): the step creates it. */
  readonly exists: boolean;
  /** How what exists differs from what is wanted, for people; `[]` when it matches. */
  readonly changes: readonly string[];
  /** Why it is made, for the plan: `tracks 100 invocations per instance`. */
  readonly what: string;
  /** Creates or updates it (an idempotent upsert); resolves to its ARN when the call tells it. */
  put(signal: AbortSignal): Promise<string | undefined>;
  /** Undoes a create. */
  remove(signal: AbortSignal): Promise<void>;
  /** Undoes an update: puts back what the plan read. */
  putBack(signal: AbortSignal): Promise<void>;
}

function outputOf(resource: ResourceRef, arn = resource.arn): ScalingStepOutput {
  return { kind: resource.kind, name: resource.name, ...(arn === undefined ? {} : { arn }) };
}

/** A step that creates, updates or leaves alone one resource. */
export function upsertStep(spec: UpsertSpec): PlanStep {
  const { id, resource, dependsOn } = spec;
  const output = outputOf(resource);
  const label = `${resource.kind} ${resource.name}`;
  if (!spec.exists) {
    return {
      id,
      resource,
      dependsOn,
      action: 'create',
      reason: `${label} does not exist; ${spec.what}`,
      apply: async (ctx) => outputOf(resource, await spec.put(ctx.signal)),
      undo: (ctx) => spec.remove(ctx.signal),
    };
  }
  if (spec.changes.length === 0) {
    return { id, resource, dependsOn, action: 'none', reason: `${label} is as wanted`, existingOutput: output };
  }
  return {
    id,
    resource,
    dependsOn,
    action: 'update',
    reason: `${label}: ${spec.changes.join(', ')}`,
    apply: async (ctx) => outputOf(resource, await spec.put(ctx.signal)),
    undo: (ctx) => spec.putBack(ctx.signal),
  };
}

/** One thing to remove. */
export interface RemoveSpec {
  readonly id: string;
  readonly resource: ResourceRef;
  readonly dependsOn: readonly string[];
  readonly reason: string;
  /** Removes it; what is already gone counts as removed. */
  remove(signal: AbortSignal): Promise<void>;
  /** Undoes the removal: puts back what the plan read. */
  putBack(signal: AbortSignal): Promise<void>;
}

/** A step that removes one resource, and puts it back if a later step fails. */
export function removeStep(spec: RemoveSpec): PlanStep {
  const output = outputOf(spec.resource);
  return {
    id: spec.id,
    resource: spec.resource,
    dependsOn: spec.dependsOn,
    action: 'delete',
    reason: spec.reason,
    async apply(ctx) {
      await spec.remove(ctx.signal);
      return output;
    },
    undo: (ctx) => spec.putBack(ctx.signal),
  };
}
