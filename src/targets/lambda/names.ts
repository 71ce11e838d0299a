/**
 * The names a Lambda deployment derives from its function name, in one place so that plan, destroy and the
 * transport agree on them.
 */
import { roleNameFor } from '../sagemaker/role/role-name.js';

/** The alias every caller uses; it names the version that serves (and, during a canary, the next one). */
export const LIVE_ALIAS = 'live';

/** The statement of the function's resource policy that opens a public (`NONE`) Function URL. */
export const PUBLIC_URL_STATEMENT = 'modelship-public-function-url';

/** The log group Lambda writes the function's logs to. */
export function functionLogGroup(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}

/**
 * The execution role modelship creates: `modelship-lambda-<function>`. The `lambda-` keeps it apart from the role
 * of a SageMaker endpoint of the same deployment name, which would otherwise share (and overwrite) one role.
 */
export function lambdaRoleName(functionName: string): string {
  return roleNameFor(`lambda-${functionName}`);
}

/**
 * Lambda's `CodeSha256`: the base64 of the zip's SHA-256. The packager gives hex; base64 passes through, so a
 * comparison never mixes the two forms.
 */
export function codeSha256(sha256: string): string {
  return /^[0-9a-f]{64}$/i.test(sha256) ? Buffer.from(sha256, 'hex').toString('base64') : sha256;
}

/** The zip's SHA-256 as 64 lower-case hex digits (the form S3 keys and metadata use), from hex or base64. */
export function hexSha256(sha256: string): string {
  return /^[0-9a-f]{64}$/i.test(sha256) ? sha256.toLowerCase() : Buffer.from(sha256, 'base64').toString('hex');
}

/** The statement of the function's resource policy that lets the HTTP API invoke the `live` alias. */
export const HTTP_API_STATEMENT = 'modelship-http-api';

/** The one route of the HTTP API; the transport posts to `<invoke URL>/invocations`. */
export const HTTP_API_ROUTE_KEY = 'POST /invocations';

/** The stage serving the API at its invoke URL's root, with no stage name in the path. */
export const HTTP_API_STAGE = '$default';

/**
 * The HTTP API modelship makes for a function: `modelship-<function>`. API names are not unique in API Gateway, so
 * it is found by this name and the deployment's tag together.
 */
export function httpApiName(functionName: string): string {
  return `modelship-${functionName}`;
}
