/**
 * What an invocation asks for, read from its headers as SageMaker Runtime binds them (sagemaker-runtime.json):
 * `Content-Type`; `Accept` for InvokeEndpoint but `X-Amzn-SageMaker-Accept` for the streaming operation (its HTTP
 * `Accept` is the event stream's); custom attributes; the target variant. What SageMaker would refuse for this
 * endpoint is refused the same way, before the body is read.
 */
import type { IncomingMessage } from 'node:http';
import type { Route } from './routes.js';
import {
  CUSTOM_ATTRIBUTES_MAX_LENGTH,
  HEADERS,
  isHeaderText,
  NAME_MAX_LENGTH,
  NAME_PATTERN,
  patternViolation,
  validationError,
} from './wire.js';

/** The endpoint the server plays. */
export interface EndpointIdentity {
  readonly endpointName: string;
  readonly variantName: string;
  /** Named in "not found" messages, as SageMaker names the caller's account. */
  readonly accountId: string;
}

/** The parts of a request the runner sees, besides the body. */
export interface InvocationHeaders {
  readonly contentType: string;
  readonly accept: string;
  readonly customAttributes: string | undefined;
}

// What the AWS SDK sends for a blob body without a ContentType.
const DEFAULT_CONTENT_TYPE = 'application/octet-stream';
const ANY = '*/*';

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Reads and checks an invocation's headers.
 * @throws {@link WireError} `ValidationError` for another endpoint, an unknown variant, a target model or
 * inference component (this endpoint has neither), or custom attributes SageMaker would refuse.
 */
export function readInvocationHeaders(
  req: IncomingMessage,
  route: Route,
  endpoint: EndpointIdentity,
): InvocationHeaders {
  const customAttributes = header(req, HEADERS.customAttributes);
  if (customAttributes !== undefined && !isHeaderText(customAttributes, CUSTOM_ATTRIBUTES_MAX_LENGTH)) {
    throw validationError(
      `Custom attributes must be at most ${CUSTOM_ATTRIBUTES_MAX_LENGTH} visible US-ASCII characters ` +
        `(got ${customAttributes.length} characters).`,
    );
  }
  const contentType = header(req, 'content-type') || DEFAULT_CONTENT_TYPE;
  if (route.kind !== 'runtime-invoke') {
    return { contentType, accept: header(req, 'accept') || ANY, customAttributes };
  }
  checkEndpoint(req, route.endpointName, endpoint);
  const accept = (route.stream ? header(req, HEADERS.streamAccept) : header(req, 'accept')) || ANY;
  return { contentType, accept, customAttributes };
}

function checkEndpoint(req: IncomingMessage, endpointName: string, endpoint: EndpointIdentity): void {
  if (endpointName !== endpoint.endpointName) {
    throw validationError(
      `Endpoint ${endpointName} of account ${endpoint.accountId} not found. ` +
        `(This Local server serves endpoint ${endpoint.endpointName}.)`,
    );
  }
  const variant = header(req, HEADERS.targetVariant);
  if (variant !== undefined && variant !== endpoint.variantName) {
    if (variant.length > NAME_MAX_LENGTH || !NAME_PATTERN.test(variant)) {
      throw patternViolation(variant, 'targetVariant', NAME_PATTERN);
    }
    throw validationError(
      `The target variant ${variant} does not exist on endpoint ${endpointName}: its only production variant is ` +
        `${endpoint.variantName}. Leave the target variant out, or name ${endpoint.variantName}.`,
    );
  }
  if (header(req, HEADERS.targetModel) !== undefined) {
    throw validationError(
      `Endpoint ${endpointName} is not a multi-model endpoint, so it does not accept a target model ` +
        '(X-Amzn-SageMaker-Target-Model). Leave the target model out.',
    );
  }
  if (header(req, HEADERS.inferenceComponent) !== undefined) {
    throw validationError(
      `Endpoint ${endpointName} has no inference components, so it does not accept an inference component name ` +
        '(X-Amzn-SageMaker-Inference-Component). Leave it out.',
    );
  }
}

/** `accept` when it names one concrete type, as a response content type; otherwise undefined. */
export function concreteType(accept: string): string | undefined {
  const first = accept.split(',')[0]?.split(';')[0]?.trim();
  return first && !first.includes('*') && !accept.includes(',') ? first : undefined;
}
