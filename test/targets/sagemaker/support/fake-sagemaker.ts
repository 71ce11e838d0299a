/**
 * An in-memory SageMaker behind `mockAwsClient(SageMakerClient)`: models, endpoint configs and endpoints with tags,
 * endpoints that go Creating → InService (or Failed) over a few describes, blue/green updates that go live or roll
 * back, and injected faults per operation. Every request still goes through the contract check of
 * `test/support/aws-contract.ts`, and `resources()` shows what a run left behind.
 */
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  type CreateEndpointConfigInput,
  CreateModelCommand,
  type CreateModelInput,
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  ListTagsCommand,
  SageMakerClient,
  SageMakerServiceException,
  type Tag,
  UpdateEndpointCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
} from '@aws-sdk/client-sagemaker';
import { mockAwsClient } from '../../../support/aws-contract.js';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';
const ARN = `arn:aws:sagemaker:${REGION}:${ACCOUNT}`;

interface Endpoint {
  config: string;
  /** Production variant weights, by name. */
  weights: Record<string, number>;
  status: string;
  tags: Tag[];
  failureReason?: string;
  /** Describes left before the change in progress settles. */
  pending: number;
  /** The config an update in progress moves to, and whether it goes live. */
  next?: { config: string; outcome: 'live' | 'rolled-back' };
}

/** How the fake behaves; change it between deploys. */
export interface FakeBehaviour {
  /** Describes an endpoint stays Creating/Updating. */
  polls: number;
  /** What a new endpoint becomes. */
  createOutcome: 'InService' | 'Failed';
  /** What an update does. */
  updateOutcome: 'live' | 'rolled-back';
}

/** One injected failure: the next `times` calls of `operation` throw `error`. */
export interface Fault {
  readonly operation: string;
  readonly error: () => Error;
  times: number;
  /**
   * `before` (the default): the call fails having changed nothing. `after`: the call takes effect, then fails, as
   * a 500 or a dropped connection can hide a request AWS carried out. `hang`: the call answers only when its
   * `abortSignal` fires, then fails with `error` (as the SDK does with an `AbortError`).
   */
  readonly mode?: 'before' | 'after' | 'hang';
}

/** An AWS-shaped SageMaker error. */
export function sageMakerError(name: string, message: string, status = 400, fault: 'client' | 'server' = 'client') {
  return new SageMakerServiceException({
    name,
    $fault: fault,
    $metadata: { httpStatusCode: status, requestId: 'req-fake-1' },
    message,
  });
}

function notFound(what: string, name: string) {
  return sageMakerError('ValidationException', `Could not find ${what} "${name}".`);
}

export class FakeSageMaker {
  readonly models = new Map<string, { input: CreateModelInput }>();
  readonly configs = new Map<string, { input: CreateEndpointConfigInput }>();
  readonly endpoints = new Map<string, Endpoint>();
  /** Every mutating call, in order: `CreateModel churn-…`. */
  readonly log: string[] = [];
  readonly faults: Fault[] = [];
  behaviour: FakeBehaviour = { polls: 1, createOutcome: 'InService', updateOutcome: 'live' };
  readonly stub = mockAwsClient(SageMakerClient);

  constructor() {
    const s = this.stub;
    s.on(DescribeEndpointCommand).callsFake((input) =>
      this.#run('DescribeEndpoint', () => this.#describeEndpoint(input.EndpointName)),
    );
    s.on(DescribeEndpointConfigCommand).callsFake((input) =>
      this.#run('DescribeEndpointConfig', () => {
        const config = this.configs.get(input.EndpointConfigName);
        if (!config) throw notFound('endpoint configuration', input.EndpointConfigName);
        return {
          ...config.input,
          Tags: undefined,
          EndpointConfigArn: this.arn('endpoint-config', input.EndpointConfigName),
        };
      }),
    );
    s.on(DescribeModelCommand).callsFake((input) =>
      this.#run('DescribeModel', () => {
        const model = this.models.get(input.ModelName);
        if (!model) throw notFound('model', input.ModelName);
        return { ...model.input, Tags: undefined, ModelArn: this.arn('model', input.ModelName) };
      }),
    );
    s.on(ListTagsCommand).callsFake((input) =>
      this.#run('ListTags', () => ({ Tags: this.#tagsOf(input.ResourceArn) })),
    );
    s.on(CreateModelCommand).callsFake((input) =>
      this.#mutate('CreateModel', input.ModelName, () => {
        if (this.models.has(input.ModelName))
          throw sageMakerError('ValidationException', 'Cannot create already existing model.');
        this.models.set(input.ModelName, { input });
        return { ModelArn: this.arn('model', input.ModelName) };
      }),
    );
    s.on(CreateEndpointConfigCommand).callsFake((input) =>
      this.#mutate('CreateEndpointConfig', input.EndpointConfigName, () => {
        if (this.configs.has(input.EndpointConfigName)) {
          throw sageMakerError('ValidationException', 'Cannot create already existing endpoint configuration.');
        }
        this.configs.set(input.EndpointConfigName, { input });
        return { EndpointConfigArn: this.arn('endpoint-config', input.EndpointConfigName) };
      }),
    );
    s.on(CreateEndpointCommand).callsFake((input) =>
      this.#mutate('CreateEndpoint', input.EndpointName, () => {
        if (this.endpoints.has(input.EndpointName))
          throw sageMakerError('ValidationException', 'Cannot create already existing endpoint.');
        this.endpoints.set(input.EndpointName, {
          config: input.EndpointConfigName,
          weights: this.#initialWeights(input.EndpointConfigName),
          status: 'Creating',
          tags: input.Tags ?? [],
          pending: this.behaviour.polls,
        });
        return { EndpointArn: this.arn('endpoint', input.EndpointName) };
      }),
    );
    s.on(UpdateEndpointCommand).callsFake((input) =>
      this.#mutate('UpdateEndpoint', input.EndpointName, () => {
        const endpoint = this.endpoints.get(input.EndpointName);
        if (!endpoint) throw notFound('endpoint', input.EndpointName);
        if (endpoint.status !== 'InService')
          throw sageMakerError('ValidationException', 'Cannot update in-progress endpoint.');
        endpoint.status = 'Updating';
        endpoint.pending = this.behaviour.polls;
        endpoint.next = { config: input.EndpointConfigName, outcome: this.behaviour.updateOutcome };
        return { EndpointArn: this.arn('endpoint', input.EndpointName) };
      }),
    );
    s.on(UpdateEndpointWeightsAndCapacitiesCommand).callsFake((input) =>
      this.#mutate('UpdateEndpointWeightsAndCapacities', input.EndpointName, () => {
        const endpoint = this.endpoints.get(input.EndpointName);
        if (!endpoint) throw notFound('endpoint', input.EndpointName);
        for (const { VariantName, DesiredWeight } of input.DesiredWeightsAndCapacities) {
          if (!(VariantName in endpoint.weights))
            throw sageMakerError('ValidationException', `No variant ${VariantName}.`);
          if (DesiredWeight !== undefined) endpoint.weights[VariantName] = DesiredWeight;
        }
        return { EndpointArn: this.arn('endpoint', input.EndpointName) };
      }),
    );
    s.on(DeleteEndpointCommand).callsFake((input) =>
      this.#mutate('DeleteEndpoint', input.EndpointName, () => {
        if (!this.endpoints.delete(input.EndpointName)) throw notFound('endpoint', input.EndpointName);
        return {};
      }),
    );
    s.on(DeleteEndpointConfigCommand).callsFake((input) =>
      this.#mutate('DeleteEndpointConfig', input.EndpointConfigName, () => {
        if (!this.configs.delete(input.EndpointConfigName))
          throw notFound('endpoint configuration', input.EndpointConfigName);
        return {};
      }),
    );
    s.on(DeleteModelCommand).callsFake((input) =>
      this.#mutate('DeleteModel', input.ModelName, () => {
        if (!this.models.delete(input.ModelName)) throw notFound('model', input.ModelName);
        return {};
      }),
    );
  }

  arn(kind: 'model' | 'endpoint-config' | 'endpoint', name: string): string {
    return `${ARN}:${kind}/${name.toLowerCase()}`;
  }

  /** Injects a fault: the next `times` calls of `operation` throw what `error` makes. */
  fail(operation: string, error: () => Error, times = 1): void {
    this.faults.push({ operation, error, times });
  }

  /** Injects a fault: the next `times` calls of `operation` take effect, then throw what `error` makes. */
  failAfter(operation: string, error: () => Error, times = 1): void {
    this.faults.push({ operation, error, times, mode: 'after' });
  }

  /** Injects a fault: the next `times` calls of `operation` hang until their abort signal fires. */
  hang(operation: string, times = 1): void {
    const error = () => Object.assign(new Error('Request aborted'), { name: 'AbortError' });
    this.faults.push({ operation, error, times, mode: 'hang' });
  }

  /** Everything that exists, as `kind name` lines, sorted. */
  resources(): string[] {
    return [
      ...[...this.models.keys()].map((name) => `model ${name}`),
      ...[...this.configs.keys()].map((name) => `endpoint-config ${name}`),
      ...[...this.endpoints.entries()].map(([name, e]) => `endpoint ${name} -> ${e.config}`),
    ].sort();
  }

  /** Puts a resource in place as if made earlier by hand or by another run. */
  seed(kind: 'model' | 'endpoint-config', name: string, input: Record<string, unknown>): void {
    if (kind === 'model') this.models.set(name, { input: input as unknown as CreateModelInput });
    else this.configs.set(name, { input: input as unknown as CreateEndpointConfigInput });
  }

  #describeEndpoint(name: string) {
    const endpoint = this.endpoints.get(name);
    if (!endpoint) throw notFound('endpoint', name);
    if (endpoint.pending > 0) endpoint.pending -= 1;
    else this.#settle(endpoint);
    return {
      EndpointName: name,
      EndpointArn: this.arn('endpoint', name),
      EndpointConfigName: endpoint.config,
      EndpointStatus: endpoint.status,
      ...(endpoint.next ? { PendingDeploymentSummary: { EndpointConfigName: endpoint.next.config } } : {}),
      ProductionVariants: Object.entries(endpoint.weights).map(([VariantName, w]) => ({
        VariantName,
        CurrentWeight: w,
        DesiredWeight: w,
      })),
      CreationTime: new Date(0),
      LastModifiedTime: new Date(0),
      ...(endpoint.failureReason ? { FailureReason: endpoint.failureReason } : {}),
    } as never;
  }

  #settle(endpoint: Endpoint): void {
    if (endpoint.status === 'Creating') {
      endpoint.status = this.behaviour.createOutcome;
      if (endpoint.status === 'Failed')
        endpoint.failureReason =
          'The primary container for production variant AllTraffic did not pass the ping health check.';
    } else if (endpoint.status === 'Updating' && endpoint.next) {
      endpoint.status = 'InService';
      if (endpoint.next.outcome === 'live') {
        endpoint.config = endpoint.next.config;
        endpoint.weights = this.#initialWeights(endpoint.config);
      } else endpoint.failureReason = 'Alarm churn-errors fired; the update was rolled back.';
      endpoint.next = undefined;
    }
  }

  #initialWeights(configName: string): Record<string, number> {
    const variants = this.configs.get(configName)?.input.ProductionVariants ?? [];
    return Object.fromEntries(variants.map((v) => [v.VariantName, v.InitialVariantWeight ?? 1]));
  }

  #tagsOf(arn: string): Tag[] {
    const [kind, lower] = arn.slice(ARN.length + 1).split('/') as [string, string];
    const find = <T>(map: Map<string, T>) => [...map.entries()].find(([name]) => name.toLowerCase() === lower)?.[1];
    if (kind === 'endpoint') {
      const endpoint = find(this.endpoints);
      if (endpoint) return endpoint.tags;
    } else if (kind === 'model') {
      const model = find(this.models);
      if (model) return model.input.Tags ?? [];
    } else if (kind === 'endpoint-config') {
      const config = find(this.configs);
      if (config) return config.input.Tags ?? [];
    }
    throw sageMakerError('ResourceNotFound', `Resource ${arn} not found.`);
  }

  #run<T>(operation: string, body: () => T): T {
    const fault = this.faults.find((f) => f.operation === operation && f.times > 0);
    if (fault) {
      fault.times -= 1;
      if (fault.mode === 'hang') return this.#hangUntilAborted(operation, fault.error) as T;
      if (fault.mode === 'after') body();
      throw fault.error();
    }
    return body();
  }

  #hangUntilAborted(operation: string, error: () => Error): Promise<never> {
    // callsFake hands the fake only the input; sinon records a call's arguments before it runs the fake, so this
    // call's options (with its abortSignal) are those of the stub's last call.
    const options = (this.stub.send.lastCall?.args as unknown[] | undefined)?.[1];
    const signal = (options as { abortSignal?: AbortSignal } | undefined)?.abortSignal;
    if (!signal)
      return Promise.reject(new Error(`${operation} was sent without an abortSignal: it could hang for good.`));
    return new Promise((_, reject) => {
      if (signal.aborted) reject(error());
      else signal.addEventListener('abort', () => reject(error()), { once: true });
    });
  }

  #mutate<T>(operation: string, name: string, body: () => T): T {
    return this.#run(operation, () => {
      const result = body();
      this.log.push(`${operation} ${name}`);
      return result;
    });
  }
}
