/**
 * `modelship/predictor/lambda`: call a model deployed as a Lambda function, through `Invoke` or through its
 * Function URL / API Gateway route. A separate entry from `modelship/predictor`, so that callers of SageMaker
 * endpoints never load the Lambda client or the signer. Use with `Predictor` from `modelship/predictor`:
 * `new Predictor({ transport: new LambdaInvokeTransport({ functionName: 'churn', qualifier: 'live' }) })`.
 *
 * The URL transport imports no Lambda client: a bundler drops `@aws-sdk/client-lambda` from a program that uses
 * only it (the package has no side effects).
 *
 * @packageDocumentation
 * @module modelship/predictor/lambda
 */
export type {
  DecodedInvokeResponse,
  InvokeErrorDetails,
  InvokeErrorType,
  InvokeMessage,
} from '../../../targets/lambda/runtime/protocol.js';
export {
  decodeInvokePayload,
  ENVELOPE_RESERVED_BYTES,
  encodeInvokePayload,
  LAMBDA_INVOKE_MAX_BODY_BYTES,
  LAMBDA_SYNC_PAYLOAD_BYTES,
} from './envelope.js';
export {
  LambdaFunctionError,
  type LambdaFunctionErrorKind,
  type LambdaFunctionErrorOptions,
} from './function-error.js';
export {
  createLambdaInvokeClient,
  LambdaInvokeTransport,
  type LambdaInvokeTransportOptions,
} from './invoke-transport.js';
export { type CredentialsOption, RequestSigner, type SignableRequest, type SigningService } from './sigv4.js';
export {
  LAMBDA_URL_MAX_BODY_BYTES,
  LambdaUrlTransport,
  type LambdaUrlTransportOptions,
  URL_EVENT_RESERVED_BYTES,
} from './url-transport.js';
