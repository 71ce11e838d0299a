/**
 * Event sequences as the engine emits them, for renderer tests: steps, and a clock the test moves by hand.
 */
import type { StepInfo } from '../../../src/deploy/events.js';
import type { StepAction } from '../../../src/deploy/plan.js';

/** A step as events carry it. */
export function stepInfo(id: string, kind: string, name: string, action: StepAction = 'create'): StepInfo {
  return { id, resource: { kind, name }, action, reason: `${kind} ${name} does not exist` };
}

export const ROLE = stepInfo('role', 'IAM role', 'churn-role', 'none');
export const ARTIFACT = stepInfo('artifact', 'S3 object', 's3://models/churn/model.tar.gz');
export const CONFIG = stepInfo('config', 'SageMaker endpoint config', 'churn-7f3a');
export const ENDPOINT = stepInfo('endpoint', 'SageMaker endpoint', 'churn');

/** A clock in milliseconds that only moves when told. */
export function manualClock(start = 1_000_000) {
  let time = start;
  return {
    now: () => time,
    advance(ms: number) {
      time += ms;
    },
  };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: what the tests look for is escape codes.
export const ESCAPE = /\u001b\[/;
