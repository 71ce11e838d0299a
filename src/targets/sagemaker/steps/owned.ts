/**
 * Ownership: modelship removes only what a deployment of the same name made, as its `modelship:deployment` tag
 * says. An endpoint config or model someone made by hand, or another deployment shares, is left where it is.
 */
import { MODELSHIP_TAG_PREFIX } from '../../../aws/tags.js';
import { ConflictError, NotFoundError } from '../../../errors.js';
import type { SageMakerApi } from '../api.js';

const DEPLOYMENT_TAG = `${MODELSHIP_TAG_PREFIX}deployment`;

/** True when the resource at `arn` carries this deployment's tag. */
export async function ownedBy(
  api: SageMakerApi,
  arn: string,
  deployment: string,
  signal?: AbortSignal,
): Promise<boolean> {
  return isOwnedBy(await api.tagsOf(arn, signal), deployment);
}

/** True when `tags` (a resource's, as a record) carry this deployment's tag. */
export function isOwnedBy(tags: Readonly<Record<string, string>>, deployment: string): boolean {
  return tags[DEPLOYMENT_TAG] === deployment;
}

/** The error for an endpoint of the deployment's name that another deployment (or a person) made. */
export function foreignEndpointError(endpointName: string, deployment: string): ConflictError {
  return new ConflictError(
    `SageMaker endpoint ${endpointName} exists but was not made by the modelship deployment "${deployment}" (its ` +
      'modelship:deployment tag says otherwise), so modelship leaves it alone. Choose another endpointName, or ' +
      `tag the endpoint modelship:deployment=${deployment} to let this deployment manage it.`,
  );
}

/** A model or endpoint config to remove, once its tags say it is this deployment's. */
export interface Removable {
  readonly kind: 'model' | 'endpoint config';
  readonly name: string;
  readonly arn: string;
}

/**
 * Removes each of `items` that this deployment owns, in order; returns the names of those it left because they
 * are not its own.
 */
export async function removeOwned(
  api: SageMakerApi,
  items: readonly Removable[],
  deployment: string,
  signal: AbortSignal,
): Promise<string[]> {
  const kept: string[] = [];
  for (const item of items) {
    let owned: boolean;
    try {
      owned = await ownedBy(api, item.arn, deployment, signal);
    } catch (error) {
      if (error instanceof NotFoundError) continue; // already gone: nothing to remove
      throw error;
    }
    if (!owned) {
      kept.push(`${item.kind} ${item.name}`);
      continue;
    }
    if (item.kind === 'model') await api.deleteModel(item.name, signal);
    else await api.deleteEndpointConfig(item.name, signal);
  }
  return kept;
}
