/**
 * Checks a plan before anything runs, and works out its dependency graph.
 * A plan comes from a target, possibly a user's own, so every rule the engine relies on is checked here:
 * a broken plan fails with a message that names the step and the fix, and nothing has been applied.
 */
import { InvalidArgumentError } from '../../errors.js';
import type { Plan, PlanStep, StepAction } from '../plan.js';

const ACTIONS: readonly StepAction[] = ['create', 'update', 'delete', 'none'];

/** A checked plan: its steps with their dependencies resolved. */
export interface PlanGraph {
  readonly plan: Plan;
  /** The steps each step waits for: its `dependsOn`, or the step before it when that is omitted. */
  readonly dependsOn: ReadonlyMap<string, readonly string[]>;
  /** Every step each step depends on, directly or not: the steps whose output it may read. */
  readonly ancestors: ReadonlyMap<string, ReadonlySet<string>>;
}

function fail(argument: string, message: string): never {
  throw new InvalidArgumentError(argument, message);
}

function checkStep(step: PlanStep, at: string, index: number): void {
  if (typeof step !== 'object' || step === null) fail(at, `Plan step ${index} is not an object.`);
  if (typeof step.id !== 'string' || step.id === '') {
    fail(`${at}.id`, `Plan step ${index} has no id. Give every step a unique, non-empty string id.`);
  }
  const { resource } = step;
  if (typeof resource?.kind !== 'string' || typeof resource?.name !== 'string') {
    fail(`${at}.resource`, `Plan step "${step.id}" needs a resource with a string kind and name.`);
  }
  if (!ACTIONS.includes(step.action)) {
    fail(`${at}.action`, `Plan step "${step.id}" has action ${String(step.action)}; use one of ${ACTIONS.join(', ')}.`);
  }
  if (step.action !== 'none' && typeof step.apply !== 'function') {
    fail(
      `${at}.apply`,
      `Plan step "${step.id}" would ${step.action} ${resource.kind} ${resource.name} but has no apply function. ` +
        'Give it one, or set its action to none if the resource is already as wanted.',
    );
  }
  for (const hook of ['wait', 'undo'] as const) {
    if (step[hook] !== undefined && typeof step[hook] !== 'function') {
      fail(
        `${at}.${hook}`,
        `Plan step "${step.id}" has a ${hook} that is not a function; make it one or leave it out.`,
      );
    }
  }
  const cost = step.hourlyCostUsd;
  if (cost !== undefined && !(typeof cost === 'number' && Number.isFinite(cost) && cost >= 0)) {
    fail(`${at}.hourlyCostUsd`, `Plan step "${step.id}" has hourlyCostUsd ${String(cost)}; use a number ≥ 0.`);
  }
}

/**
 * Checks `plan` and resolves its dependencies.
 * @throws {@link InvalidArgumentError} on a step without an id, a duplicate id, a `dependsOn` that names a step
 *   that does not exist or does not come earlier in the plan (which also rules out cycles), a bad action, or a
 *   step that changes something but has no `apply`.
 */
export function validatePlan(plan: Plan): PlanGraph {
  if (typeof plan !== 'object' || plan === null || !Array.isArray(plan.steps)) {
    fail('plan', 'The plan must be an object with a steps array (as a target or the builder makes it).');
  }
  if (typeof plan.name !== 'string' || plan.name === '') fail('plan.name', 'The plan needs a non-empty name.');

  const position = new Map<string, number>();
  const dependsOn = new Map<string, readonly string[]>();
  const ancestors = new Map<string, ReadonlySet<string>>();

  plan.steps.forEach((step, index) => {
    const at = `plan.steps[${index}]`;
    checkStep(step, at, index);
    if (position.has(step.id)) {
      fail(
        `${at}.id`,
        `Plan "${plan.name}" has two steps with id "${step.id}" (steps ${position.get(step.id)} and ${index}). Step ids must be unique.`,
      );
    }

    const previous = plan.steps[index - 1];
    let deps: readonly string[];
    if (step.dependsOn === undefined) {
      deps = previous ? [previous.id] : [];
    } else if (!Array.isArray(step.dependsOn)) {
      fail(`${at}.dependsOn`, `Plan step "${step.id}" has a dependsOn that is not an array of step ids.`);
    } else {
      deps = [...new Set<string>(step.dependsOn)];
    }

    const reachable = new Set<string>();
    for (const dep of deps) {
      if (dep === step.id) {
        fail(`${at}.dependsOn`, `Plan step "${step.id}" depends on itself. Remove "${dep}" from its dependsOn.`);
      }
      if (!position.has(dep)) {
        const later = plan.steps.some((other) => other.id === dep);
        fail(
          `${at}.dependsOn`,
          later
            ? `Plan step "${step.id}" depends on "${dep}", which comes after it. Order the steps so that every step ` +
                'comes after the steps it depends on (this also rules out dependency cycles).'
            : `Plan step "${step.id}" depends on "${dep}", which is not a step of plan "${plan.name}". ` +
                `Its steps are: ${plan.steps.map((other) => other.id).join(', ')}.`,
        );
      }
      reachable.add(dep);
      for (const further of ancestors.get(dep) ?? []) reachable.add(further);
    }

    position.set(step.id, index);
    dependsOn.set(step.id, deps);
    ancestors.set(step.id, reachable);
  });

  return { plan, dependsOn, ancestors };
}
