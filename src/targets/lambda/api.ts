/**
 * The Lambda calls a deployment makes, each mapped to modelship errors that name the function. Reads of something
 * that may not exist answer `undefined` for "absent"; deletes of something already gone succeed, so a second
 * teardown is safe. Every other failure throws.
 */
import {
  AddPermissionCommand,
  type AddPermissionRequest,
  type AliasConfiguration,
  CreateAliasCommand,
  CreateFunctionCommand,
  type CreateFunctionRequest,
  CreateFunctionUrlConfigCommand,
  DeleteAliasCommand,
  DeleteFunctionCommand,
  DeleteFunctionConcurrencyCommand,
  DeleteFunctionUrlConfigCommand,
  DeleteProvisionedConcurrencyConfigCommand,
  type FunctionConfiguration,
  type FunctionUrlAuthType,
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  type GetFunctionResponse,
  GetFunctionUrlConfigCommand,
  type GetFunctionUrlConfigResponse,
  GetPolicyCommand,
  GetProvisionedConcurrencyConfigCommand,
  type GetProvisionedConcurrencyConfigResponse,
  LambdaClient,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  PutProvisionedConcurrencyConfigCommand,
  RemovePermissionCommand,
  TagResourceCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  type UpdateFunctionCodeRequest,
  UpdateFunctionConfigurationCommand,
  type UpdateFunctionConfigurationRequest,
  UpdateFunctionUrlConfigCommand,
} from '@aws-sdk/client-lambda';
import { callAws, findAws } from '../../aws/call.js';
import type { AwsContext } from '../../aws/context.js';

/** Traffic weights of additional versions on an alias, e.g. `{ '7': 0.1 }`. */
export type VersionWeights = Readonly<Record<string, number>>;

/** Lambda as a deployment uses it. It shares the context's client. */
export class LambdaApi {
  readonly #aws: AwsContext;

  constructor(aws: AwsContext) {
    this.#aws = aws;
  }

  /** The function (or one version or alias of it) with its tags and concurrency, or `undefined`. */
  getFunction(name: string, qualifier?: string, signal?: AbortSignal): Promise<GetFunctionResponse | undefined> {
    return this.#find('GetFunction', name, (client) =>
      client.send(new GetFunctionCommand({ FunctionName: name, Qualifier: qualifier }), { abortSignal: signal }),
    );
  }

  /** The configuration of `$LATEST` (or `qualifier`), for the waits on `State` and `LastUpdateStatus`. */
  getConfiguration(name: string, qualifier?: string, signal?: AbortSignal): Promise<FunctionConfiguration | undefined> {
    return this.#find('GetFunctionConfiguration', name, (client) =>
      client.send(new GetFunctionConfigurationCommand({ FunctionName: name, Qualifier: qualifier }), {
        abortSignal: signal,
      }),
    );
  }

  createFunction(input: CreateFunctionRequest, signal?: AbortSignal): Promise<FunctionConfiguration> {
    return this.#call('CreateFunction', input.FunctionName ?? '', (client) =>
      client.send(new CreateFunctionCommand(input), { abortSignal: signal }),
    );
  }

  updateCode(input: UpdateFunctionCodeRequest, signal?: AbortSignal): Promise<FunctionConfiguration> {
    return this.#call('UpdateFunctionCode', input.FunctionName ?? '', (client) =>
      client.send(new UpdateFunctionCodeCommand(input), { abortSignal: signal }),
    );
  }

  updateConfiguration(input: UpdateFunctionConfigurationRequest, signal?: AbortSignal): Promise<FunctionConfiguration> {
    return this.#call('UpdateFunctionConfiguration', input.FunctionName ?? '', (client) =>
      client.send(new UpdateFunctionConfigurationCommand(input), { abortSignal: signal }),
    );
  }

  tag(name: string, arn: string, tags: Readonly<Record<string, string>>, signal?: AbortSignal): Promise<unknown> {
    return this.#call('TagResource', name, (client) =>
      client.send(new TagResourceCommand({ Resource: arn, Tags: { ...tags } }), { abortSignal: signal }),
    );
  }

  /**
   * Publishes `$LATEST` as a version, only if its code is `codeSha256` (when given). Lambda publishes nothing new
   * when `$LATEST` has not changed since the last version, and answers with that version: a retry never makes a
   * second one.
   */
  async publishVersion(
    name: string,
    codeSha256: string | undefined,
    signal?: AbortSignal,
  ): Promise<FunctionConfiguration> {
    return this.#call('PublishVersion', name, (client) =>
      client.send(new PublishVersionCommand({ FunctionName: name, CodeSha256: codeSha256 }), {
        abortSignal: signal,
      }),
    );
  }

  getAlias(name: string, alias: string, signal?: AbortSignal): Promise<AliasConfiguration | undefined> {
    return this.#find('GetAlias', name, (client) =>
      client.send(new GetAliasCommand({ FunctionName: name, Name: alias }), { abortSignal: signal }),
    );
  }

  createAlias(name: string, alias: string, version: string, signal?: AbortSignal): Promise<AliasConfiguration> {
    return this.#call('CreateAlias', name, (client) =>
      client.send(new CreateAliasCommand({ FunctionName: name, Name: alias, FunctionVersion: version }), {
        abortSignal: signal,
      }),
    );
  }

  async deleteAlias(name: string, alias: string, signal?: AbortSignal): Promise<void> {
    await this.#find('DeleteAlias', name, (client) =>
      client.send(new DeleteAliasCommand({ FunctionName: name, Name: alias }), { abortSignal: signal }),
    );
  }

  /** Points the alias at `version`, sending `weights` of the traffic to other versions (none: all to `version`). */
  updateAlias(
    name: string,
    alias: string,
    version: string,
    weights: VersionWeights = {},
    signal?: AbortSignal,
  ): Promise<AliasConfiguration> {
    return this.#call('UpdateAlias', name, (client) =>
      client.send(
        new UpdateAliasCommand({
          FunctionName: name,
          Name: alias,
          FunctionVersion: version,
          RoutingConfig: { AdditionalVersionWeights: { ...weights } },
        }),
        { abortSignal: signal },
      ),
    );
  }

  getUrlConfig(
    name: string,
    qualifier: string,
    signal?: AbortSignal,
  ): Promise<GetFunctionUrlConfigResponse | undefined> {
    return this.#find('GetFunctionUrlConfig', name, (client) =>
      client.send(new GetFunctionUrlConfigCommand({ FunctionName: name, Qualifier: qualifier }), {
        abortSignal: signal,
      }),
    );
  }

  /** Creates the Function URL of `qualifier`, or changes its auth type when it has one; returns the URL. */
  async putUrlConfig(
    name: string,
    qualifier: string,
    authType: FunctionUrlAuthType,
    exists: boolean,
    signal?: AbortSignal,
  ): Promise<string> {
    const input = { FunctionName: name, Qualifier: qualifier, AuthType: authType };
    const out = exists
      ? await this.#call('UpdateFunctionUrlConfig', name, (client) =>
          client.send(new UpdateFunctionUrlConfigCommand(input), { abortSignal: signal }),
        )
      : await this.#call('CreateFunctionUrlConfig', name, (client) =>
          client.send(new CreateFunctionUrlConfigCommand(input), { abortSignal: signal }),
        );
    return out.FunctionUrl ?? '';
  }

  async deleteUrlConfig(name: string, qualifier: string, signal?: AbortSignal): Promise<void> {
    await this.#find('DeleteFunctionUrlConfig', name, (client) =>
      client.send(new DeleteFunctionUrlConfigCommand({ FunctionName: name, Qualifier: qualifier }), {
        abortSignal: signal,
      }),
    );
  }

  /** The statement ids of the resource policy of `qualifier`; `[]` when it has no policy. */
  async policyStatementIds(name: string, qualifier: string, signal?: AbortSignal): Promise<string[]> {
    const out = await this.#find('GetPolicy', name, (client) =>
      client.send(new GetPolicyCommand({ FunctionName: name, Qualifier: qualifier }), { abortSignal: signal }),
    );
    if (out?.Policy === undefined) return [];
    const policy = JSON.parse(out.Policy) as { Statement?: { Sid?: string }[] };
    return (policy.Statement ?? []).map((statement) => statement.Sid ?? '');
  }

  async addPermission(input: AddPermissionRequest, signal?: AbortSignal): Promise<void> {
    await this.#call('AddPermission', input.FunctionName ?? '', (client) =>
      client.send(new AddPermissionCommand(input), { abortSignal: signal }),
    );
  }

  async removePermission(name: string, statementId: string, qualifier: string, signal?: AbortSignal): Promise<void> {
    await this.#find('RemovePermission', name, (client) =>
      client.send(new RemovePermissionCommand({ FunctionName: name, StatementId: statementId, Qualifier: qualifier }), {
        abortSignal: signal,
      }),
    );
  }

  getProvisioned(
    name: string,
    qualifier: string,
    signal?: AbortSignal,
  ): Promise<GetProvisionedConcurrencyConfigResponse | undefined> {
    return this.#find('GetProvisionedConcurrencyConfig', name, (client) =>
      client.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: name, Qualifier: qualifier }), {
        abortSignal: signal,
      }),
    );
  }

  async putProvisioned(name: string, qualifier: string, count: number, signal?: AbortSignal): Promise<void> {
    await this.#call('PutProvisionedConcurrencyConfig', name, (client) =>
      client.send(
        new PutProvisionedConcurrencyConfigCommand({
          FunctionName: name,
          Qualifier: qualifier,
          ProvisionedConcurrentExecutions: count,
        }),
        { abortSignal: signal },
      ),
    );
  }

  async deleteProvisioned(name: string, qualifier: string, signal?: AbortSignal): Promise<void> {
    await this.#find('DeleteProvisionedConcurrencyConfig', name, (client) =>
      client.send(new DeleteProvisionedConcurrencyConfigCommand({ FunctionName: name, Qualifier: qualifier }), {
        abortSignal: signal,
      }),
    );
  }

  /** Reserves `count` concurrent executions for the function; `undefined` returns it to the account's pool. */
  async setReserved(name: string, count: number | undefined, signal?: AbortSignal): Promise<void> {
    if (count === undefined) {
      await this.#find('DeleteFunctionConcurrency', name, (client) =>
        client.send(new DeleteFunctionConcurrencyCommand({ FunctionName: name }), { abortSignal: signal }),
      );
      return;
    }
    await this.#call('PutFunctionConcurrency', name, (client) =>
      client.send(new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: count }), {
        abortSignal: signal,
      }),
    );
  }

  /** Deletes the function with all its versions, aliases, URLs and policy (or one version, with `qualifier`). */
  async deleteFunction(name: string, qualifier?: string, signal?: AbortSignal): Promise<void> {
    await this.#find('DeleteFunction', name, (client) =>
      client.send(new DeleteFunctionCommand({ FunctionName: name, Qualifier: qualifier }), { abortSignal: signal }),
    );
  }

  #call<T>(operation: string, name: string, run: (client: LambdaClient) => Promise<T>): Promise<T> {
    return callAws(context(operation, name), () => run(this.#aws.client(LambdaClient)));
  }

  #find<T>(operation: string, name: string, run: (client: LambdaClient) => Promise<T>): Promise<T | undefined> {
    return findAws(context(operation, name), () => run(this.#aws.client(LambdaClient)));
  }
}

function context(operation: string, name: string) {
  return { service: 'Lambda', operation, resource: { kind: 'Lambda function', name } };
}
