/**
 * Finding a Local deployment from outside the call that made it. Its server lives in the process that started it,
 * so another process can find it only at an address known in advance (`Local({ port })`), by asking its `/ping`,
 * which says whether the model is loaded and (in a header) which endpoint the server serves. The process that made
 * it knows the address from its deploy's outputs, whatever the port.
 */
import { AbortedError, ConflictError, InvalidArgumentError } from '../../errors.js';
import type { DeploymentOutputs, TargetStatus } from '../target.js';
import type { LocalSettings } from './options.js';
import { serverUrl } from './server/server.js';
import { HEADERS } from './server/wire.js';
import type { LocalServerOutput } from './target.js';

// A server on this machine answers its ping at once; a port that stays silent this long is not one.
const PROBE_TIMEOUT_MS = 2000;

const NO_FIXED_PORT =
  'A Local deployment without a fixed port lives only in the process that made it; give Local({ port }) or use --url.';

/** What a `/ping` to an address found. */
type Probe = { readonly answered: false } | { readonly answered: true; readonly healthy: boolean };

/** Where the deployment's server is: from the deploy's outputs, else the fixed port; `undefined` when unknowable. */
function serverAddress(settings: LocalSettings, outputs: DeploymentOutputs | undefined): string | undefined {
  const known = outputs?.get('start-server') as LocalServerOutput | undefined;
  if (typeof known?.url === 'string') return known.url;
  return settings.port === 0 ? undefined : serverUrl(settings.host, settings.port);
}

/**
 * The Local deployment's status: `NotDeployed` (with why in `detail`) when its address is unknown or nothing
 * answers there.
 * @throws {@link ConflictError} when what answers at the address is not the server of this endpoint.
 */
export async function localStatus(
  settings: LocalSettings,
  endpointName: string,
  outputs?: DeploymentOutputs,
): Promise<TargetStatus> {
  const url = serverAddress(settings, outputs);
  const absent = { deployed: false, state: 'NotDeployed', healthy: false, resources: [] };
  if (url === undefined) return { ...absent, detail: NO_FIXED_PORT };
  const found = await probe(url, endpointName);
  if (!found.answered) return { ...absent, detail: `No Local server answers at ${url}.` };
  const state = found.healthy ? 'InService' : 'NotReady';
  return {
    deployed: true,
    state,
    healthy: found.healthy,
    url,
    ...(found.healthy ? {} : { detail: 'The server answers, but its model is not loaded yet or it is shutting down.' }),
    resources: [{ kind: 'Local server', name: endpointName, status: state, detail: `at ${url}` }],
  };
}

/**
 * The `start-server` output of the Local server at the fixed port, for a transport; `undefined` when nothing
 * answers there.
 * @throws {@link InvalidArgumentError} without a fixed port: the server cannot be found from here.
 * @throws {@link ConflictError} when what answers at the port is not the server of this endpoint.
 */
export async function attachLocal(
  settings: LocalSettings,
  endpointName: string,
  signal?: AbortSignal,
): Promise<DeploymentOutputs | undefined> {
  if (settings.port === 0) throw new InvalidArgumentError('port', NO_FIXED_PORT);
  const url = serverUrl(settings.host, settings.port);
  const found = await probe(url, endpointName, signal);
  if (!found.answered) return undefined;
  const output: LocalServerOutput = {
    url,
    host: settings.host,
    port: settings.port,
    endpointName,
    // The server's one variant: SageMaker's name for a single-variant endpoint, which the Local server uses.
    variantName: 'AllTraffic',
  };
  return new Map([['start-server', output]]);
}

async function probe(url: string, endpointName: string, signal?: AbortSignal): Promise<Probe> {
  const timeout = AbortSignal.timeout(PROBE_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(`${url}/ping`, {
      signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]),
    });
    await response.arrayBuffer();
  } catch (error) {
    if (signal?.aborted)
      throw new AbortedError(`Looking for the Local server at ${url} was aborted.`, { cause: error });
    return { answered: false }; // refused, reset or silent: no server of ours there
  }
  const serves = response.headers.get(HEADERS.servedEndpoint);
  if (serves === null) {
    throw new ConflictError(
      `Something listens at ${url}, but it is not a modelship Local server (its /ping does not name an endpoint). ` +
        'Give this deployment another Local({ port }).',
    );
  }
  if (serves !== endpointName) {
    throw new ConflictError(
      `The Local server at ${url} serves endpoint ${serves}, not ${endpointName}: another deployment has that port. ` +
        'Give this deployment another Local({ port }), or the same endpointName as the server.',
    );
  }
  return { answered: true, healthy: response.ok };
}
