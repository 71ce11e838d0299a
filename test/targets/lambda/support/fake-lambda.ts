/**
 * An in-memory Lambda behind `mockAwsClient(LambdaClient)`: functions (zip or image) with `$LATEST`, published versions, aliases
 * with routing weights, Function URLs, resource-policy statements, reserved and provisioned concurrency and tags.
 * Changes settle over a few reads (`State: Pending`, `LastUpdateStatus: InProgress`), a change while one is in
 * progress is refused as Lambda does, and faults can be injected per operation. Every request still goes through
 * the contract check against `../shared/aws-models/lambda.json`.
 */
import {
  AddPermissionCommand,
  CreateAliasCommand,
  CreateFunctionCommand,
  CreateFunctionUrlConfigCommand,
  DeleteAliasCommand,
  DeleteFunctionCommand,
  DeleteFunctionConcurrencyCommand,
  DeleteFunctionUrlConfigCommand,
  DeleteProvisionedConcurrencyConfigCommand,
  type FunctionConfiguration,
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  GetFunctionUrlConfigCommand,
  GetPolicyCommand,
  GetProvisionedConcurrencyConfigCommand,
  LambdaClient,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  PutProvisionedConcurrencyConfigCommand,
  RemovePermissionCommand,
  TagResourceCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  UpdateFunctionUrlConfigCommand,
} from '@aws-sdk/client-lambda';
import { mockAwsClient } from '../../../support/aws-contract.js';

import {
  ACCOUNT,
  conflict,
  type FakeFunction,
  lambdaError,
  notFound,
  REGION,
  resolved,
  sha,
} from './fake-lambda-state.js';

export { ACCOUNT, type FakeFunction, lambdaError, REGION, resolved } from './fake-lambda-state.js';

export class FakeLambda {
  readonly functions = new Map<string, FakeFunction>();
  /** Every mutating call, in order: `UpdateAlias churn live 2 {"3":0.1}`. */
  readonly log: string[] = [];
  /** Reads a change stays in progress. */
  polls = 1;
  readonly #faults: { operation: string; error: () => Error; times: number; afterApplying: boolean }[] = [];
  readonly stub = mockAwsClient(LambdaClient);

  constructor() {
    const s = this.stub;
    const read = (input: { FunctionName: string | undefined; Qualifier?: string | undefined }) => {
      const fn = this.fn(input.FunctionName);
      const configuration = this.#settled(fn, this.#qualified(fn, input.Qualifier));
      if (fn.pending > 0) fn.pending -= 1;
      return configuration;
    };
    s.on(GetFunctionCommand).callsFake((input) =>
      this.#run('GetFunction', () => {
        const fn = this.fn(input.FunctionName);
        const configuration = read(input);
        const image = fn.images.get(configuration.Version ?? '');
        return {
          Configuration: configuration,
          // Lambda resolves a tag to a digest at deploy time; the fake's digest is the SHA-256 of the URI.
          ...(image === undefined
            ? {}
            : { Code: { RepositoryType: 'ECR', ImageUri: image, ResolvedImageUri: resolved(image) } }),
          Tags: { ...fn.tags },
          ...(fn.reserved === undefined ? {} : { Concurrency: { ReservedConcurrentExecutions: fn.reserved } }),
        };
      }),
    );
    s.on(GetFunctionConfigurationCommand).callsFake((input) =>
      this.#run('GetFunctionConfiguration', () => read(input)),
    );
    s.on(CreateFunctionCommand).callsFake((input) =>
      this.#mutate('CreateFunction', input.FunctionName, () => {
        const name = input.FunctionName ?? '';
        if (this.functions.has(name)) throw conflict(`Function already exist: ${name}`);
        const { Code, Tags, Publish, ...configuration } = input;
        const image = Code?.ImageUri;
        if ((input.PackageType === 'Image') !== (image !== undefined)) {
          throw lambdaError('InvalidParameterValueException', 'Code must match the PackageType');
        }
        this.functions.set(name, {
          images: new Map(image === undefined ? [] : [['$LATEST', image]]),
          latest: {
            ...configuration,
            PackageType: input.PackageType ?? 'Zip',
            FunctionArn: this.arn(name),
            Version: '$LATEST',
            CodeSha256: sha(image ?? Code?.ZipFile),
            State: 'Pending',
            LastUpdateStatus: 'Successful',
          },
          tags: { ...Tags },
          versions: new Map(),
          dirty: true,
          lastPublished: 0,
          aliases: new Map(),
          urls: new Map(),
          statements: new Map(),
          provisioned: new Map(),
          pending: this.polls,
        });
        return this.functions.get(name)?.latest ?? {};
      }),
    );
    s.on(UpdateFunctionCodeCommand).callsFake((input) =>
      this.#change('UpdateFunctionCode', input.FunctionName, (fn) => {
        if ((fn.latest.PackageType === 'Image') !== (input.ImageUri !== undefined)) {
          throw lambdaError('InvalidParameterValueException', 'Please provide code matching the PackageType');
        }
        if (input.ImageUri !== undefined) fn.images.set('$LATEST', input.ImageUri);
        const code = input.ImageUri ?? input.ZipFile;
        fn.latest = { ...fn.latest, CodeSha256: sha(code), Architectures: input.Architectures };
      }),
    );
    s.on(UpdateFunctionConfigurationCommand).callsFake((input) =>
      this.#change('UpdateFunctionConfiguration', input.FunctionName, (fn) => {
        const { FunctionName, ...configuration } = input;
        fn.latest = { ...fn.latest, ...configuration };
      }),
    );
    s.on(TagResourceCommand).callsFake((input) =>
      this.#mutate('TagResource', input.Resource, () => {
        const fn = this.fn(input.Resource?.split(':').at(-1));
        fn.tags = { ...fn.tags, ...input.Tags };
        return {};
      }),
    );
    s.on(PublishVersionCommand).callsFake((input) =>
      this.#mutate('PublishVersion', input.FunctionName, () => {
        const fn = this.fn(input.FunctionName);
        if (fn.pending > 0) throw conflict('The operation cannot be performed at this time. An update is in progress.');
        if (input.CodeSha256 !== undefined && input.CodeSha256 !== fn.latest.CodeSha256) {
          throw lambdaError('InvalidParameterValueException', 'CodeSHA256 does not match');
        }
        const last = fn.versions.get(String(fn.lastPublished));
        if (!fn.dirty && last !== undefined) return last;
        fn.lastPublished += 1;
        const version = String(fn.lastPublished);
        const published = {
          ...this.#settled(fn, fn.latest),
          Version: version,
          FunctionArn: this.arn(input.FunctionName, version),
        };
        fn.versions.set(version, published);
        const image = fn.images.get('$LATEST');
        if (image !== undefined) fn.images.set(version, image);
        fn.dirty = false;
        return published;
      }),
    );
    s.on(GetAliasCommand).callsFake((input) =>
      this.#run('GetAlias', () => this.#alias(input.FunctionName, input.Name)),
    );
    s.on(CreateAliasCommand).callsFake((input) =>
      this.#mutate('CreateAlias', `${input.FunctionName} ${input.Name} ${input.FunctionVersion}`, () => {
        const fn = this.fn(input.FunctionName);
        if (fn.aliases.has(input.Name ?? '')) throw conflict(`Alias already exists: ${input.Name}`);
        this.#version(fn, input.FunctionVersion);
        fn.aliases.set(input.Name ?? '', { version: input.FunctionVersion ?? '', weights: {} });
        return this.#alias(input.FunctionName, input.Name);
      }),
    );
    s.on(UpdateAliasCommand).callsFake((input) => {
      const weights = input.RoutingConfig?.AdditionalVersionWeights ?? {};
      return this.#mutate(
        'UpdateAlias',
        `${input.FunctionName} ${input.Name} ${input.FunctionVersion} ${JSON.stringify(weights)}`,
        () => {
          const fn = this.fn(input.FunctionName);
          const alias = fn.aliases.get(input.Name ?? '');
          if (alias === undefined) throw notFound(`Alias ${input.Name}`);
          this.#version(fn, input.FunctionVersion);
          alias.version = input.FunctionVersion ?? alias.version;
          alias.weights = { ...weights };
          return this.#alias(input.FunctionName, input.Name);
        },
      );
    });
    s.on(DeleteAliasCommand).callsFake((input) =>
      this.#mutate('DeleteAlias', `${input.FunctionName} ${input.Name}`, () => {
        if (!this.fn(input.FunctionName).aliases.delete(input.Name ?? '')) throw notFound(`Alias ${input.Name}`);
        return {};
      }),
    );
    s.on(GetFunctionUrlConfigCommand).callsFake((input) =>
      this.#run('GetFunctionUrlConfig', () => this.#url(input.FunctionName, input.Qualifier)),
    );
    const putUrl =
      (operation: string, mustExist: boolean) =>
      (input: { FunctionName?: string; Qualifier?: string; AuthType?: string }) =>
        this.#mutate(operation, `${input.FunctionName} ${input.Qualifier} ${input.AuthType}`, () => {
          const fn = this.fn(input.FunctionName);
          const qualifier = input.Qualifier ?? '';
          if (!fn.aliases.has(qualifier)) throw notFound(`Alias ${qualifier}`);
          if (fn.urls.has(qualifier) !== mustExist) {
            throw mustExist
              ? notFound('Function URL')
              : conflict('Failed to create function url config. Function URL already exists');
          }
          fn.urls.set(qualifier, input.AuthType ?? 'AWS_IAM');
          return this.#url(input.FunctionName, qualifier);
        });
    s.on(CreateFunctionUrlConfigCommand).callsFake(putUrl('CreateFunctionUrlConfig', false));
    s.on(UpdateFunctionUrlConfigCommand).callsFake(putUrl('UpdateFunctionUrlConfig', true));
    s.on(DeleteFunctionUrlConfigCommand).callsFake((input) =>
      this.#mutate('DeleteFunctionUrlConfig', `${input.FunctionName} ${input.Qualifier}`, () => {
        if (!this.fn(input.FunctionName).urls.delete(input.Qualifier ?? '')) throw notFound('Function URL');
        return {};
      }),
    );
    s.on(GetPolicyCommand).callsFake((input) =>
      this.#run('GetPolicy', () => {
        const sids = this.fn(input.FunctionName).statements.get(input.Qualifier ?? '') ?? new Set();
        if (sids.size === 0) throw notFound('The resource you requested does not exist.');
        return { Policy: JSON.stringify({ Version: '2012-10-17', Statement: [...sids].map((Sid) => ({ Sid })) }) };
      }),
    );
    s.on(AddPermissionCommand).callsFake((input) =>
      this.#mutate(
        'AddPermission',
        `${input.FunctionName} ${input.Qualifier} ${input.StatementId} ${input.Action}`,
        () => {
          const fn = this.fn(input.FunctionName);
          const sids = fn.statements.get(input.Qualifier ?? '') ?? new Set<string>();
          if (sids.has(input.StatementId ?? '')) throw conflict('The statement id provided already exists.');
          sids.add(input.StatementId ?? '');
          fn.statements.set(input.Qualifier ?? '', sids);
          return { Statement: '{}' };
        },
      ),
    );
    s.on(RemovePermissionCommand).callsFake((input) =>
      this.#mutate('RemovePermission', `${input.FunctionName} ${input.Qualifier} ${input.StatementId}`, () => {
        const sids = this.fn(input.FunctionName).statements.get(input.Qualifier ?? '');
        if (!sids?.delete(input.StatementId ?? '')) throw notFound('The statement');
        return {};
      }),
    );
    s.on(GetProvisionedConcurrencyConfigCommand).callsFake((input) =>
      this.#run('GetProvisionedConcurrencyConfig', () => {
        const count = this.fn(input.FunctionName).provisioned.get(input.Qualifier ?? '');
        if (count === undefined) throw lambdaError('ProvisionedConcurrencyConfigNotFoundException', 'No config', 404);
        return {
          RequestedProvisionedConcurrentExecutions: count,
          AllocatedProvisionedConcurrentExecutions: count,
          Status: 'READY',
        };
      }),
    );
    s.on(PutProvisionedConcurrencyConfigCommand).callsFake((input) =>
      this.#mutate(
        'PutProvisionedConcurrencyConfig',
        `${input.FunctionName} ${input.Qualifier} ${input.ProvisionedConcurrentExecutions}`,
        () => {
          this.fn(input.FunctionName).provisioned.set(
            input.Qualifier ?? '',
            input.ProvisionedConcurrentExecutions ?? 0,
          );
          return {
            Status: 'IN_PROGRESS',
            RequestedProvisionedConcurrentExecutions: input.ProvisionedConcurrentExecutions,
          };
        },
      ),
    );
    s.on(DeleteProvisionedConcurrencyConfigCommand).callsFake((input) =>
      this.#mutate('DeleteProvisionedConcurrencyConfig', `${input.FunctionName} ${input.Qualifier}`, () => {
        if (!this.fn(input.FunctionName).provisioned.delete(input.Qualifier ?? '')) {
          throw lambdaError('ProvisionedConcurrencyConfigNotFoundException', 'No config', 404);
        }
        return {};
      }),
    );
    s.on(PutFunctionConcurrencyCommand).callsFake((input) =>
      this.#mutate('PutFunctionConcurrency', `${input.FunctionName} ${input.ReservedConcurrentExecutions}`, () => {
        this.fn(input.FunctionName).reserved = input.ReservedConcurrentExecutions;
        return { ReservedConcurrentExecutions: input.ReservedConcurrentExecutions };
      }),
    );
    s.on(DeleteFunctionConcurrencyCommand).callsFake((input) =>
      this.#mutate('DeleteFunctionConcurrency', input.FunctionName, () => {
        this.fn(input.FunctionName).reserved = undefined;
        return {};
      }),
    );
    s.on(DeleteFunctionCommand).callsFake((input) =>
      this.#mutate('DeleteFunction', `${input.FunctionName}${input.Qualifier ? `:${input.Qualifier}` : ''}`, () => {
        const fn = this.fn(input.FunctionName);
        if (input.Qualifier === undefined) this.functions.delete(input.FunctionName ?? '');
        else if (!fn.versions.delete(input.Qualifier)) throw notFound(`Version ${input.Qualifier}`);
        return {};
      }),
    );
  }

  arn(name: string | undefined, qualifier?: string): string {
    return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}${qualifier ? `:${qualifier}` : ''}`;
  }

  fn(name: string | undefined): FakeFunction {
    const fn = this.functions.get(name ?? '');
    if (fn === undefined) throw notFound(`Function not found: ${this.arn(name)}`);
    return fn;
  }

  /** What the `live` alias serves: `version` or `version+next@weight`. */
  live(name = 'churn'): string | undefined {
    const alias = this.functions.get(name)?.aliases.get('live');
    if (alias === undefined) return undefined;
    const extra = Object.entries(alias.weights).map(([v, w]) => `+${v}@${w}`);
    return `${alias.version}${extra.join('')}`;
  }

  /**
   * The next `times` calls of `operation` throw what `error` makes; with `afterApplying`, each is carried out
   * first (AWS did it, the answer was lost).
   */
  fail(operation: string, error: () => Error, times = 1, afterApplying = false): void {
    this.#faults.push({ operation, error, times, afterApplying });
  }

  /** Lifts every injected fault. */
  clearFaults(): void {
    for (const fault of this.#faults) fault.times = 0;
  }

  #qualified(fn: FakeFunction, qualifier: string | undefined): FunctionConfiguration {
    if (qualifier === undefined || qualifier === '$LATEST') return fn.latest;
    const alias = fn.aliases.get(qualifier);
    return this.#version(fn, alias?.version ?? qualifier);
  }

  #version(fn: FakeFunction, version: string | undefined): FunctionConfiguration {
    const found = fn.versions.get(version ?? '');
    if (found === undefined) throw notFound(`Version ${version}`);
    return found;
  }

  #settled(fn: FakeFunction, configuration: FunctionConfiguration): FunctionConfiguration {
    if (configuration !== fn.latest) return configuration;
    const busy = fn.pending > 0;
    const state = configuration.State === 'Pending' && busy ? 'Pending' : 'Active';
    const update = configuration.LastUpdateStatus === 'InProgress' && busy ? 'InProgress' : 'Successful';
    fn.latest = { ...fn.latest, State: state, LastUpdateStatus: update };
    return fn.latest;
  }

  #alias(name: string | undefined, aliasName: string | undefined) {
    const alias = this.fn(name).aliases.get(aliasName ?? '');
    if (alias === undefined) throw notFound(`Alias ${aliasName}`);
    return {
      AliasArn: this.arn(name, aliasName),
      Name: aliasName,
      FunctionVersion: alias.version,
      RoutingConfig: { AdditionalVersionWeights: { ...alias.weights } },
    };
  }

  #url(name: string | undefined, qualifier: string | undefined) {
    const authType = this.fn(name).urls.get(qualifier ?? '');
    if (authType === undefined) throw notFound('Function URL');
    return {
      FunctionUrl: `https://${name}-${qualifier}.lambda-url.${REGION}.on.aws/`,
      FunctionArn: this.arn(name, qualifier),
      AuthType: authType as 'AWS_IAM' | 'NONE',
      CreationTime: '2024-01-01T00:00:00Z',
      LastModifiedTime: '2024-01-01T00:00:00Z',
    };
  }

  /** An update of `$LATEST`: refused while another is in progress, then in progress itself for `polls` reads. */
  #change(operation: string, name: string | undefined, apply: (fn: FakeFunction) => void) {
    return this.#mutate(operation, name, () => {
      const fn = this.fn(name);
      if (fn.pending > 0) throw conflict('The operation cannot be performed at this time. An update is in progress.');
      apply(fn);
      fn.dirty = true;
      fn.pending = this.polls;
      fn.latest = { ...fn.latest, LastUpdateStatus: 'InProgress' };
      return fn.latest;
    });
  }

  #run<T>(operation: string, run: () => T): T {
    const fault = this.#faults.find((f) => f.operation === operation && f.times > 0);
    if (fault === undefined) return run();
    fault.times -= 1;
    if (fault.afterApplying) run();
    throw fault.error();
  }

  #mutate<T>(operation: string, what: string | undefined, run: () => T): T {
    return this.#run(operation, () => {
      const result = run();
      this.log.push(`${operation} ${what}`);
      return result;
    });
  }
}
