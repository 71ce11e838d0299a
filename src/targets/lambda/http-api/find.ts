/**
 * Finding the HTTP API of a deployment. API Gateway lets many APIs share a name, so an API is this deployment's
 * only when it has the deployment's name and its `modelship:deployment` tag; one with the name but another tag is
 * someone else's and is never changed.
 */
import type { Api } from '@aws-sdk/client-apigatewayv2';
import { MODELSHIP_TAG_PREFIX } from '../../../aws/tags.js';
import { ConflictError } from '../../../errors.js';
import type { HttpApiGateway } from './gateway.js';

const DEPLOYMENT_TAG = `${MODELSHIP_TAG_PREFIX}deployment`;

/** The APIs named `name`: those of `deployment`, and the others. */
export interface FoundApis {
  readonly ours: Api[];
  readonly others: Api[];
}

/** Splits the APIs called `name` into this deployment's and the rest. */
export async function findHttpApis(
  gateway: HttpApiGateway,
  name: string,
  deployment: string,
  signal?: AbortSignal,
): Promise<FoundApis> {
  const named = await gateway.apisNamed(name, signal);
  return {
    ours: named.filter((api) => api.Tags?.[DEPLOYMENT_TAG] === deployment),
    others: named.filter((api) => api.Tags?.[DEPLOYMENT_TAG] !== deployment),
  };
}

/**
 * This deployment's API called `name`, or `undefined`.
 * @throws {@link ConflictError} when only APIs of someone else have the name: modelship would otherwise make a
 * second API of the same name next to theirs, which nobody could tell apart in the console.
 */
export async function ownHttpApi(gateway: HttpApiGateway, name: string, deployment: string): Promise<Api | undefined> {
  const { ours, others } = await findHttpApis(gateway, name, deployment);
  if (ours.length === 0 && others.length > 0) {
    throw new ConflictError(
      `An API Gateway HTTP API named ${name} exists (${others.map((api) => api.ApiId).join(', ')}) but was not made ` +
        `by the modelship deployment "${deployment}" (its modelship:deployment tag says otherwise), so modelship ` +
        `leaves it alone. Choose another functionName, or tag the API modelship:deployment=${deployment} to let ` +
        'this deployment manage it.',
    );
  }
  return ours[0];
}
