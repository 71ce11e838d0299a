/**
 * The SageMaker calls the targets make, each mapped to modelship errors that name the resource. Reads of
 * something that may not exist answer `undefined` for "absent"; every other failure throws.
 */
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  type CreateEndpointConfigInput,
  type CreateEndpointInput,
  CreateModelCommand,
  type CreateModelInput,
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  type DescribeEndpointConfigOutput,
  type DescribeEndpointOutput,
  DescribeModelCommand,
  type DescribeModelOutput,
  ListTagsCommand,
  SageMakerClient,
  UpdateEndpointCommand,
  type UpdateEndpointInput,
  UpdateEndpointWeightsAndCapacitiesCommand,
} from '@aws-sdk/client-sagemaker';
import { callAws, findAws } from '../../aws/call.js';
import type { AwsContext } from '../../aws/context.js';
import { allPages } from '../../aws/pages.js';

type Kind = 'endpoint' | 'endpoint config' | 'model';

function context(operation: string, kind: Kind, name: string) {
  return { service: 'SageMaker', operation, resource: { kind: `SageMaker ${kind}`, name } };
}

/** SageMaker, as the targets use it. One per deployment; it shares the context's client. */
export class SageMakerApi {
  readonly #aws: AwsContext;

  constructor(aws: AwsContext) {
    this.#aws = aws;
  }

  get #client(): SageMakerClient {
    return this.#aws.client(SageMakerClient);
  }

  describeEndpoint(name: string, signal?: AbortSignal): Promise<DescribeEndpointOutput | undefined> {
    return findAws(context('DescribeEndpoint', 'endpoint', name), () =>
      this.#client.send(new DescribeEndpointCommand({ EndpointName: name }), { abortSignal: signal }),
    );
  }

  describeEndpointConfig(name: string, signal?: AbortSignal): Promise<DescribeEndpointConfigOutput | undefined> {
    return findAws(context('DescribeEndpointConfig', 'endpoint config', name), () =>
      this.#client.send(new DescribeEndpointConfigCommand({ EndpointConfigName: name }), { abortSignal: signal }),
    );
  }

  describeModel(name: string, signal?: AbortSignal): Promise<DescribeModelOutput | undefined> {
    return findAws(context('DescribeModel', 'model', name), () =>
      this.#client.send(new DescribeModelCommand({ ModelName: name }), { abortSignal: signal }),
    );
  }

  /** The tags of a resource, as a record. */
  async tagsOf(arn: string, signal?: AbortSignal): Promise<Record<string, string>> {
    const tags = await allPages(
      (NextToken) =>
        callAws({ service: 'SageMaker', operation: 'ListTags' }, () =>
          this.#client.send(new ListTagsCommand({ ResourceArn: arn, NextToken, MaxResults: 100 }), {
            abortSignal: signal,
          }),
        ),
      (page) => page.Tags,
    );
    return Object.fromEntries(tags.map((tag) => [tag.Key ?? '', tag.Value ?? '']));
  }

  async createModel(input: CreateModelInput, signal?: AbortSignal): Promise<string> {
    const out = await callAws(context('CreateModel', 'model', input.ModelName ?? ''), () =>
      this.#client.send(new CreateModelCommand(input), { abortSignal: signal }),
    );
    return out.ModelArn ?? '';
  }

  async createEndpointConfig(input: CreateEndpointConfigInput, signal?: AbortSignal): Promise<string> {
    const out = await callAws(context('CreateEndpointConfig', 'endpoint config', input.EndpointConfigName ?? ''), () =>
      this.#client.send(new CreateEndpointConfigCommand(input), { abortSignal: signal }),
    );
    return out.EndpointConfigArn ?? '';
  }

  async createEndpoint(input: CreateEndpointInput, signal?: AbortSignal): Promise<string> {
    const out = await callAws(context('CreateEndpoint', 'endpoint', input.EndpointName ?? ''), () =>
      this.#client.send(new CreateEndpointCommand(input), { abortSignal: signal }),
    );
    return out.EndpointArn ?? '';
  }

  async updateEndpoint(input: UpdateEndpointInput, signal?: AbortSignal): Promise<void> {
    await callAws(context('UpdateEndpoint', 'endpoint', input.EndpointName ?? ''), () =>
      this.#client.send(new UpdateEndpointCommand(input), { abortSignal: signal }),
    );
  }

  /** Sets the traffic weights of an endpoint's production variants, in place. */
  async updateWeights(name: string, weights: Readonly<Record<string, number>>, signal?: AbortSignal): Promise<void> {
    const DesiredWeightsAndCapacities = Object.entries(weights).map(([VariantName, DesiredWeight]) => ({
      VariantName,
      DesiredWeight,
    }));
    await callAws(context('UpdateEndpointWeightsAndCapacities', 'endpoint', name), () =>
      this.#client.send(
        new UpdateEndpointWeightsAndCapacitiesCommand({ EndpointName: name, DesiredWeightsAndCapacities }),
        {
          abortSignal: signal,
        },
      ),
    );
  }

  /** Deletes an endpoint; one already gone is not an error (a second destroy is safe). */
  async deleteEndpoint(name: string, signal?: AbortSignal): Promise<void> {
    await findAws(context('DeleteEndpoint', 'endpoint', name), () =>
      this.#client.send(new DeleteEndpointCommand({ EndpointName: name }), { abortSignal: signal }),
    );
  }

  /** Deletes an endpoint config; one already gone is not an error. */
  async deleteEndpointConfig(name: string, signal?: AbortSignal): Promise<void> {
    await findAws(context('DeleteEndpointConfig', 'endpoint config', name), () =>
      this.#client.send(new DeleteEndpointConfigCommand({ EndpointConfigName: name }), { abortSignal: signal }),
    );
  }

  /** Deletes a model; one already gone is not an error. */
  async deleteModel(name: string, signal?: AbortSignal): Promise<void> {
    await findAws(context('DeleteModel', 'model', name), () =>
      this.#client.send(new DeleteModelCommand({ ModelName: name }), { abortSignal: signal }),
    );
  }
}
