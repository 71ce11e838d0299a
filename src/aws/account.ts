/**
 * The caller's AWS account, from STS. STS is loaded on first use only, so code that never asks for the account
 * (a predictor in a Lambda function) never loads the STS client.
 */
import { ServiceError } from '../errors.js';
import type { AwsContext } from './context.js';
import { toModelshipError } from './errors.js';

/** Loads the STS client package. */
export function loadSts(): Promise<typeof import('@aws-sdk/client-sts')> {
  return import('@aws-sdk/client-sts');
}

/**
 * Asks STS who the credentials belong to and returns the account id.
 * @throws the modelship error of the STS failure (see {@link toModelshipError}).
 */
export async function fetchAccountId(aws: Pick<AwsContext, 'client'>): Promise<string> {
  const { STSClient, GetCallerIdentityCommand } = await loadSts();
  let account: string | undefined;
  try {
    const output = await aws.client(STSClient).send(new GetCallerIdentityCommand({}));
    account = output.Account;
  } catch (error) {
    throw toModelshipError(error, { service: 'STS', operation: 'GetCallerIdentity' });
  }
  if (account === undefined || !/^\d{12}$/.test(account)) {
    throw new ServiceError(
      `STS GetCallerIdentity answered without a valid account id (got ${JSON.stringify(account)}). ` +
        'If an endpoint override points STS at an emulator, make it return a 12-digit Account.',
      { retryable: false },
    );
  }
  return account;
}
