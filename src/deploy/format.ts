/**
 * Plans for people (`formatPlan`, a table like `terraform plan` prints) and for programs (`planToJSON`).
 */
import type { Plan, PlanStep, StepAction } from './plan.js';

/**
 * The version of the {@link PlanJSON} layout. It changes only when a field changes meaning or goes away.
 *
 * @example
 * ```ts
 * const json = planToJSON(await builder.plan());
 * if (json.version !== PLAN_JSON_VERSION) throw new Error('a plan from another modelship version');
 * ```
 */
export const PLAN_JSON_VERSION = 1;

/**
 * One step of a {@link PlanJSON}.
 *
 * @example
 * ```ts
 * for (const step of planToJSON(plan).steps)
 *   console.log(step.action, step.resource.kind, step.resource.name, step.reason);
 * ```
 */
export interface PlanStepJSON {
  /** The step's id, unique within the plan. */
  readonly id: string;
  /** What the step does: `create`, `update`, `delete` or `none`. */
  readonly action: StepAction;
  /** The resource it acts on. */
  readonly resource: {
    /** What kind of resource, for people (`SageMaker endpoint`). */
    readonly kind: string;
    /** Its name (or URI) in its service. */
    readonly name: string;
    /** Its ARN, once known. */
    readonly arn?: string;
  };
  /** Why, in words for people. */
  readonly reason: string;
  /** The steps it waits for, resolved: its `dependsOn`, or the step before it when the plan left that out. */
  readonly dependsOn: readonly string[];
  /** Estimated cost in US dollars an hour of the resource, when it has a known price. */
  readonly hourlyCostUsd?: number;
}

/**
 * A plan as plain data: what `modelship plan --json` prints. Holds no functions and no step outputs.
 *
 * @example
 * ```ts
 * const json: PlanJSON = planToJSON(await builder.plan());
 * console.log(`${json.summary.create} to create, about $${json.hourlyCostUsd ?? 0}/h`);
 * ```
 */
export interface PlanJSON {
  /** The layout's version, {@link PLAN_JSON_VERSION}. */
  readonly version: typeof PLAN_JSON_VERSION;
  /** The deployment's name. */
  readonly name: string;
  /** The target, as it names itself (`sagemaker-realtime`). */
  readonly target: string;
  /** How many steps have each action. */
  readonly summary: Readonly<Record<StepAction, number>>;
  /**
   * Estimated cost in US dollars an hour of the resources the deployment keeps (every step but `delete`), counting
   * the steps with a known price. Absent when no step has one.
   */
  readonly hourlyCostUsd?: number;
  /** Every step, in plan order. */
  readonly steps: readonly PlanStepJSON[];
}

const SYMBOLS: Readonly<Record<StepAction, string>> = { create: '+', update: '~', delete: '-', none: '=' };
const HOURS_PER_MONTH = 730; // AWS prices monthly estimates at 730 hours.

function summarize(steps: readonly PlanStep[]): Record<StepAction, number> {
  const summary: Record<StepAction, number> = { create: 0, update: 0, delete: 0, none: 0 };
  for (const step of steps) summary[step.action] += 1;
  return summary;
}

// Deleted resources stop costing; the estimate is what runs once the plan is applied.
function totalHourlyCost(steps: readonly PlanStep[]): number | undefined {
  const priced = steps.filter((step) => step.hourlyCostUsd !== undefined && step.action !== 'delete');
  if (!steps.some((step) => step.hourlyCostUsd !== undefined)) return undefined;
  const total = priced.reduce((sum, step) => sum + (step.hourlyCostUsd ?? 0), 0);
  // Float sums such as 0.1 + 0.2 would print as 0.30000000000000004 in JSON; a millionth of a dollar is plenty.
  return Math.round(total * 1e6) / 1e6;
}

function usd(amount: number): string {
  const digits = amount === 0 || amount >= 1 ? 2 : amount >= 0.01 ? 3 : 4;
  return `$${amount.toFixed(digits)}`;
}

/**
 * A plan as plain, JSON-serializable data, with a `version` field.
 *
 * @example
 * ```ts
 * const plan = await Model.fromFile('iris.onnx').deployTo(Local()).plan();
 * process.stdout.write(`${JSON.stringify(planToJSON(plan), null, 2)}\n`);
 * ```
 */
export function planToJSON(plan: Plan): PlanJSON {
  const steps = plan.steps.map((step, index): PlanStepJSON => {
    const { kind, name, arn } = step.resource;
    const previous = plan.steps[index - 1];
    return {
      id: step.id,
      action: step.action,
      resource: arn === undefined ? { kind, name } : { kind, name, arn },
      reason: step.reason,
      dependsOn: step.dependsOn ? [...step.dependsOn] : previous ? [previous.id] : [],
      ...(step.hourlyCostUsd === undefined ? {} : { hourlyCostUsd: step.hourlyCostUsd }),
    };
  });
  const hourlyCostUsd = totalHourlyCost(plan.steps);
  return {
    version: PLAN_JSON_VERSION,
    name: plan.name,
    target: plan.target,
    summary: summarize(plan.steps),
    ...(hourlyCostUsd === undefined ? {} : { hourlyCostUsd }),
    steps,
  };
}

/**
 * A plan as a table for people: one line per step with its action (`+` create, `~` update, `-` delete,
 * `=` unchanged), resource kind, name, price where known, and reason; then the estimated hourly cost when any step
 * has a price. Plain text, no colours, no trailing newline.
 *
 * @example
 * ```ts
 * console.log(formatPlan(await deployment.plan()));
 * // Plan "churn" (sagemaker-realtime): 2 to create, 1 unchanged.
 * //
 * //   =  S3 object                  s3://models/churn/model.tar.gz            already uploaded
 * //   +  SageMaker endpoint config  churn-7f3a                      $0.115/h  config does not exist
 * //   +  SageMaker endpoint         churn                                     endpoint does not exist
 * //
 * // Estimated cost once applied: $0.115 an hour (about $83.95 a month), for the resources with a known price.
 * //
 * // + create  ~ update  - delete  = unchanged
 * ```
 */
export function formatPlan(plan: Plan): string {
  const header = `Plan "${plan.name}" (${plan.target})`;
  if (plan.steps.length === 0) return `${header}: no steps.`;

  const summary = summarize(plan.steps);
  const changes = (['create', 'update', 'delete'] as const)
    .filter((action) => summary[action] > 0)
    .map((action) => `${summary[action]} to ${action}`);
  const counts =
    changes.length === 0
      ? `nothing to change, ${summary.none} already as wanted`
      : [...changes, ...(summary.none > 0 ? [`${summary.none} unchanged`] : [])].join(', ');

  const priced = plan.steps.some((step) => step.hourlyCostUsd !== undefined);
  const rows = plan.steps.map((step) => [
    SYMBOLS[step.action],
    step.resource.kind,
    step.resource.name,
    ...(priced ? [step.hourlyCostUsd === undefined ? '' : `${usd(step.hourlyCostUsd)}/h`] : []),
    step.reason,
  ]);
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const lines = rows.map(
    (row) =>
      `  ${row
        .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!)))
        .join('  ')
        .trimEnd()}`,
  );

  const out = [`${header}: ${counts}.`, '', ...lines];
  const total = totalHourlyCost(plan.steps);
  if (total !== undefined) {
    out.push(
      '',
      `Estimated cost once applied: ${usd(total)} an hour (about ${usd(total * HOURS_PER_MONTH)} a month), ` +
        'for the resources with a known price.',
    );
  }
  out.push('', '+ create  ~ update  - delete  = unchanged');
  return out.join('\n');
}
