/**
 * What a config's default export turned out to be. Recognised by shape, not `instanceof`: a config that imports
 * `modelship` may get another copy of the package than the CLI's own (a global CLI, a linked checkout), and its
 * builders are as good.
 */
import type { DeploymentBuilder } from '../../deploy/builder.js';
import type { Registry } from '../../registry/registry.js';
import type { TargetFeatures } from '../../targets/target.js';
import type { DeploymentConfig } from './define.js';

/** Whether `value` is a fluent deployment (`Model.from…(…).deployTo(…)…`). */
export function isDeploymentBuilder(value: unknown): value is DeploymentBuilder<TargetFeatures> {
  return hasMethods(value, ['plan', 'deploy', 'destroy', 'withName', 'withAws']);
}

/** Whether `value` is a {@link Registry}. */
export function isRegistry(value: unknown): value is Registry {
  return hasMethods(value, ['register', 'resolve', 'list', 'promote']);
}

/** Whether `value` is `{ deployment: builder, … }`. */
export function isDeploymentConfig(value: unknown): value is DeploymentConfig {
  return (
    typeof value === 'object' && value !== null && isDeploymentBuilder((value as { deployment?: unknown }).deployment)
  );
}

function hasMethods(value: unknown, names: readonly string[]): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');
}
