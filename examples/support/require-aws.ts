/**
 * The guard the AWS examples run first when started as a script: without AWS credentials they stop at once with
 * what to set and what a run costs, instead of failing deep inside a plan with an SDK error about a missing
 * profile or an unreachable metadata service.
 *
 * Only the run-as-script branch of an example calls it, so tests that import an example's `main()` with fake AWS
 * clients never look for credentials.
 */
import type { AwsCredentialIdentity } from '@smithy/types';

/** Long enough for a profile, SSO cache or web identity file; short enough that a laptop off EC2 does not hang. */
export const CREDENTIALS_TIMEOUT_MS = 5_000;

/** The exit code of a run that was refused before anything was called (the CLI's "bad usage" code too). */
export const NO_CREDENTIALS_EXIT_CODE = 2;

export interface RequireAwsOptions {
  /** What one run creates and what it costs, in a sentence (printed when credentials are missing). */
  readonly cost?: string;
  /** How long the credential chain may take. @default CREDENTIALS_TIMEOUT_MS */
  readonly timeoutMs?: number;
  /** The credential provider; the SDK's default chain when omitted (tests pass their own). */
  readonly provider?: () => Promise<AwsCredentialIdentity>;
}

/** What the credential chain gave: credentials were found, or why not. */
export type CredentialsCheck = { readonly found: true } | { readonly found: false; readonly reason: string };

/**
 * Resolves the AWS SDK's default credential chain (environment, SSO, web identity, shared files, container and
 * instance metadata), bounded by a timeout.
 */
export async function checkAwsCredentials(options: RequireAwsOptions = {}): Promise<CredentialsCheck> {
  const timeoutMs = options.timeoutMs ?? CREDENTIALS_TIMEOUT_MS;
  const provider = options.provider ?? (await defaultChain());
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CredentialsCheck>((resolve) => {
    timer = setTimeout(
      () => resolve({ found: false, reason: `the credential chain gave no answer within ${timeoutMs} ms` }),
      timeoutMs,
    );
    // A pending chain must not keep the example alive after it decided to stop.
    timer.unref();
  });
  const lookup = provider().then(
    (credentials): CredentialsCheck =>
      credentials.accessKeyId ? { found: true } : { found: false, reason: 'the chain gave an empty access key' },
    (error: unknown): CredentialsCheck => ({ found: false, reason: firstLine(error) }),
  );
  try {
    return await Promise.race([lookup, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** What a user without credentials reads: which example, why it stopped, what to set, what a run would cost. */
export function missingCredentialsMessage(exampleName: string, reason: string, cost?: string): string {
  return [
    `${exampleName} needs an AWS account, and no AWS credentials were found (${reason}).`,
    'Nothing was called. Give it credentials one of these ways, then run it again:',
    '  AWS_PROFILE=<profile>                          a profile in ~/.aws/config or ~/.aws/credentials',
    '  AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=…    access keys (with AWS_SESSION_TOKEN for temporary ones)',
    '  aws sso login --profile <profile>              IAM Identity Center (SSO), then AWS_PROFILE=<profile>',
    'and the region with AWS_REGION (for example AWS_REGION=eu-west-1).',
    ...(cost === undefined ? [] : [`What a run costs: ${cost}`]),
    'Set a billing alarm first: docs/guide/01-set-up.md.',
  ].join('\n');
}

/**
 * Stops the process with exit code 2 and a message saying what to set when the default credential chain finds no
 * AWS credentials; returns when it does.
 *
 * @param exampleName The example's file name, as the user ran it (`sagemaker-realtime`).
 */
export async function requireAwsCredentials(exampleName: string, options: RequireAwsOptions = {}): Promise<void> {
  const check = await checkAwsCredentials(options);
  if (check.found) return;
  console.error(missingCredentialsMessage(exampleName, check.reason, options.cost));
  process.exit(NO_CREDENTIALS_EXIT_CODE);
}

/** Loaded on demand: only a run as a script needs the chain (and its SSO, INI and metadata providers). */
async function defaultChain(): Promise<() => Promise<AwsCredentialIdentity>> {
  const { defaultProvider } = await import('@aws-sdk/credential-provider-node');
  return defaultProvider();
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]?.trim() || 'the credential chain failed';
}
