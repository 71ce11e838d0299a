/**
 * The Application Auto Scaling calls modelship makes, each mapped to modelship errors that name the resource.
 * Deletes treat "not found" as done, so every removal is safe to repeat; puts and registers are upserts.
 */
import {
  ApplicationAutoScalingClient,
  DeleteScalingPolicyCommand,
  DeleteScheduledActionCommand,
  DeregisterScalableTargetCommand,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  DescribeScheduledActionsCommand,
  ListTagsForResourceCommand,
  PutScalingPolicyCommand,
  type PutScalingPolicyRequest,
  PutScheduledActionCommand,
  type PutScheduledActionRequest,
  RegisterScalableTargetCommand,
  type RegisterScalableTargetRequest,
  type ScalableTarget,
  type ScalingPolicy,
  type ScheduledAction,
} from '@aws-sdk/client-application-auto-scaling';
import { callAws, findAws } from '../aws/call.js';
import type { AwsContext } from '../aws/context.js';
import { allPages } from '../aws/pages.js';
import type { SageMakerScalableDimension } from './settings.js';

/** Every SageMaker scalable target lives in this Application Auto Scaling namespace. */
export const NAMESPACE = 'sagemaker';

/** Where a scalable target is: its resource id (`endpoint/<name>/variant/<variant>`) and dimension. */
export interface TargetRef {
  readonly resourceId: string;
  readonly dimension: SageMakerScalableDimension;
}

type Kind = 'scalable target' | 'scaling policy' | 'scheduled action';

function context(operation: string, kind: Kind, name: string) {
  return {
    service: 'Application Auto Scaling',
    operation,
    resource: { kind: `Application Auto Scaling ${kind}`, name },
  };
}

/** The resource id Application Auto Scaling knows a SageMaker variant by. */
export function variantResourceId(endpointName: string, variantName: string): string {
  return `endpoint/${endpointName}/variant/${variantName}`;
}

/** Application Auto Scaling, for SageMaker variants. It shares the context's client. */
export class ScalingApi {
  readonly #aws: AwsContext;

  constructor(aws: AwsContext) {
    this.#aws = aws;
  }

  get #client(): ApplicationAutoScalingClient {
    return this.#aws.client(ApplicationAutoScalingClient);
  }

  /** The scalable target at `ref`, or `undefined` when there is none. */
  async describeTarget(ref: TargetRef, signal?: AbortSignal): Promise<ScalableTarget | undefined> {
    const out = await callAws(context('DescribeScalableTargets', 'scalable target', ref.resourceId), () =>
      this.#client.send(
        new DescribeScalableTargetsCommand({
          ServiceNamespace: NAMESPACE,
          ResourceIds: [ref.resourceId],
          ScalableDimension: ref.dimension,
        }),
        { abortSignal: signal },
      ),
    );
    return out.ScalableTargets?.[0];
  }

  /** The scalable targets, of any SageMaker dimension, at `resourceIds`. */
  async describeTargets(resourceIds: readonly string[], signal?: AbortSignal): Promise<ScalableTarget[]> {
    return allPages(
      (NextToken) =>
        callAws(context('DescribeScalableTargets', 'scalable target', resourceIds.join(', ')), () =>
          this.#client.send(
            new DescribeScalableTargetsCommand({
              ServiceNamespace: NAMESPACE,
              ResourceIds: [...resourceIds],
              NextToken,
            }),
            { abortSignal: signal },
          ),
        ),
      (page) => page.ScalableTargets,
    );
  }

  /** Every SageMaker scalable target whose resource id starts with `prefix`, across all pages. */
  async listTargets(prefix: string, signal?: AbortSignal): Promise<ScalableTarget[]> {
    const all = await allPages(
      (NextToken) =>
        callAws(context('DescribeScalableTargets', 'scalable target', `${prefix}*`), () =>
          this.#client.send(
            new DescribeScalableTargetsCommand({ ServiceNamespace: NAMESPACE, MaxResults: 50, NextToken }),
            { abortSignal: signal },
          ),
        ),
      (page) => page.ScalableTargets,
    );
    return all.filter((target) => target.ResourceId?.startsWith(prefix));
  }

  /** Every scaling policy of the target at `ref`, across all pages. */
  async describePolicies(ref: TargetRef, signal?: AbortSignal): Promise<ScalingPolicy[]> {
    return allPages(
      (NextToken) =>
        callAws(context('DescribeScalingPolicies', 'scaling policy', ref.resourceId), () =>
          this.#client.send(
            new DescribeScalingPoliciesCommand({
              ServiceNamespace: NAMESPACE,
              ResourceId: ref.resourceId,
              ScalableDimension: ref.dimension,
              MaxResults: 50,
              NextToken,
            }),
            { abortSignal: signal },
          ),
        ),
      (page) => page.ScalingPolicies,
    );
  }

  /** Every scheduled action of the target at `ref`, across all pages. */
  async describeSchedules(ref: TargetRef, signal?: AbortSignal): Promise<ScheduledAction[]> {
    return allPages(
      (NextToken) =>
        callAws(context('DescribeScheduledActions', 'scheduled action', ref.resourceId), () =>
          this.#client.send(
            new DescribeScheduledActionsCommand({
              ServiceNamespace: NAMESPACE,
              ResourceId: ref.resourceId,
              ScalableDimension: ref.dimension,
              MaxResults: 50,
              NextToken,
            }),
            { abortSignal: signal },
          ),
        ),
      (page) => page.ScheduledActions,
    );
  }

  /** The tags of a scalable target, as a record. */
  async tagsOf(arn: string, signal?: AbortSignal): Promise<Record<string, string>> {
    const out = await findAws(context('ListTagsForResource', 'scalable target', arn), () =>
      this.#client.send(new ListTagsForResourceCommand({ ResourceARN: arn }), { abortSignal: signal }),
    );
    return { ...(out?.Tags ?? {}) };
  }

  /**
   * Registers the target, or sets the bounds of one already registered; resolves to its ARN. Without a `RoleARN`,
   * Application Auto Scaling uses (and on first use creates) its service-linked role for SageMaker.
   */
  async register(input: RegisterScalableTargetRequest, signal?: AbortSignal): Promise<string | undefined> {
    const out = await callAws(context('RegisterScalableTarget', 'scalable target', input.ResourceId ?? ''), () =>
      this.#client.send(new RegisterScalableTargetCommand(input), { abortSignal: signal }),
    );
    return out.ScalableTargetARN;
  }

  /** Deregisters the target, which also deletes its policies and scheduled actions. Absent is done. */
  async deregister(ref: TargetRef, signal?: AbortSignal): Promise<void> {
    await findAws(context('DeregisterScalableTarget', 'scalable target', ref.resourceId), () =>
      this.#client.send(
        new DeregisterScalableTargetCommand({
          ServiceNamespace: NAMESPACE,
          ResourceId: ref.resourceId,
          ScalableDimension: ref.dimension,
        }),
        { abortSignal: signal },
      ),
    );
  }

  /**
   * Creates or updates a scaling policy; resolves to its ARN, which a CloudWatch alarm names to trigger a step
   * scaling policy.
   */
  async putPolicy(input: PutScalingPolicyRequest, signal?: AbortSignal): Promise<string | undefined> {
    const out = await callAws(context('PutScalingPolicy', 'scaling policy', input.PolicyName ?? ''), () =>
      this.#client.send(new PutScalingPolicyCommand(input), { abortSignal: signal }),
    );
    return out.PolicyARN;
  }

  /** Deletes a scaling policy; one already gone is not an error. */
  async deletePolicy(ref: TargetRef, name: string, signal?: AbortSignal): Promise<void> {
    await findAws(context('DeleteScalingPolicy', 'scaling policy', name), () =>
      this.#client.send(
        new DeleteScalingPolicyCommand({
          PolicyName: name,
          ServiceNamespace: NAMESPACE,
          ResourceId: ref.resourceId,
          ScalableDimension: ref.dimension,
        }),
        { abortSignal: signal },
      ),
    );
  }

  async putSchedule(input: PutScheduledActionRequest, signal?: AbortSignal): Promise<void> {
    await callAws(context('PutScheduledAction', 'scheduled action', input.ScheduledActionName ?? ''), () =>
      this.#client.send(new PutScheduledActionCommand(input), { abortSignal: signal }),
    );
  }

  /** Deletes a scheduled action; one already gone is not an error. */
  async deleteSchedule(ref: TargetRef, name: string, signal?: AbortSignal): Promise<void> {
    await findAws(context('DeleteScheduledAction', 'scheduled action', name), () =>
      this.#client.send(
        new DeleteScheduledActionCommand({
          ScheduledActionName: name,
          ServiceNamespace: NAMESPACE,
          ResourceId: ref.resourceId,
          ScalableDimension: ref.dimension,
        }),
        { abortSignal: signal },
      ),
    );
  }
}
