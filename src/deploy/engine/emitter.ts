import type { DeployEvent, DeployEventHandler, StepInfo } from '../events.js';
import type { PlanStep } from '../plan.js';

/** Sends one event to the caller's handler. Never throws. */
export type Emit = (event: DeployEvent) => void;

/**
 * Wraps the caller's handler so that nothing it does can break a deployment: what it throws is dropped, and a
 * promise it returns (an async handler, despite the type) is observed so its rejection is not unhandled.
 */
export function createEmitter(handler: DeployEventHandler | undefined): Emit {
  if (!handler) return () => {};
  return (event) => {
    try {
      const result: unknown = handler(event);
      if (result instanceof Promise) result.catch(() => {});
    } catch {
      // A progress printer that throws must not fail (or half-roll-back) a deployment.
    }
  };
}

/** What events carry of a step: a frozen copy without its functions or outputs. */
export function toStepInfo(step: PlanStep): StepInfo {
  const { kind, name, arn } = step.resource;
  const resource = Object.freeze(arn === undefined ? { kind, name } : { kind, name, arn });
  return Object.freeze({ id: step.id, resource, action: step.action, reason: step.reason });
}

/** A step for people: `create SageMaker endpoint churn`. */
export function describeStep(step: PlanStep): string {
  return `${step.action} ${step.resource.kind} ${step.resource.name}`;
}
