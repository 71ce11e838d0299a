/**
 * Which operation a request is. Requests name operations and an endpoint, never files: the endpoint name is
 * checked against SageMaker's pattern (letters, digits, hyphens) and compared with the one endpoint served, and
 * nothing in the server turns request data into a path.
 */
import { NAME_MAX_LENGTH, NAME_PATTERN, patternViolation, validationError, WireError } from './wire.js';

/** The operations the server knows. */
export type Route =
  | { readonly kind: 'ping' }
  /** The serving-container contract's `POST /invocations`. */
  | { readonly kind: 'container-invoke' }
  /** SageMaker Runtime's InvokeEndpoint (`stream: false`) or InvokeEndpointWithResponseStream. */
  | { readonly kind: 'runtime-invoke'; readonly endpointName: string; readonly stream: boolean }
  /** SageMaker Runtime's InvokeEndpointAsync, on a server started with `Local({ async })`. */
  | { readonly kind: 'runtime-invoke-async'; readonly endpointName: string };

const RUNTIME_PATH = /^\/endpoints\/([^/]*)\/(invocations|invocations-response-stream)$/;
const ASYNC_PATH = /^\/endpoints\/([^/]*)\/async-invocations$/;

/**
 * The route of a request.
 * @throws {@link WireError} `UnknownOperationException` (404) for anything else; `ValidationError` (400) for an
 * endpoint name SageMaker would refuse.
 */
export function route(method: string | undefined, url: string | undefined): Route {
  const raw = url ?? '/';
  const query = raw.indexOf('?');
  const path = query < 0 ? raw : raw.slice(0, query);
  if (path === '/ping' && (method === 'GET' || method === 'HEAD')) return { kind: 'ping' };
  if (path === '/invocations' && method === 'POST') return { kind: 'container-invoke' };
  const async = method === 'POST' ? ASYNC_PATH.exec(path) : null;
  if (async) return { kind: 'runtime-invoke-async', endpointName: endpointLabel(async[1]!) };
  const match = method === 'POST' ? RUNTIME_PATH.exec(path) : null;
  if (!match) throw unknownOperation(method, path);
  return { kind: 'runtime-invoke', endpointName: endpointLabel(match[1]!), stream: match[2] !== 'invocations' };
}

function endpointLabel(label: string): string {
  let name: string;
  try {
    name = decodeURIComponent(label);
  } catch {
    throw validationError('The endpoint name in the request path is not valid percent-encoding.');
  }
  if (name.length > NAME_MAX_LENGTH) {
    throw validationError(
      `1 validation error detected: Value at 'endpointName' failed to satisfy constraint: Member must have length less than or equal to ${NAME_MAX_LENGTH}`,
    );
  }
  if (!NAME_PATTERN.test(name)) throw patternViolation(name, 'endpointName', NAME_PATTERN);
  return name;
}

function unknownOperation(method: string | undefined, path: string): WireError {
  const shown = path.length > 100 ? `${path.slice(0, 100)}…` : path;
  return new WireError(
    404,
    'UnknownOperationException',
    `No operation matches ${method ?? '?'} ${shown}. This server answers GET /ping, POST /invocations, ` +
      'POST /endpoints/{EndpointName}/invocations, POST /endpoints/{EndpointName}/invocations-response-stream and ' +
      'POST /endpoints/{EndpointName}/async-invocations.',
  );
}
