/**
 * An in-memory Application Auto Scaling behind `mockAwsClient(ApplicationAutoScalingClient)`: scalable targets
 * with tags, scaling policies and scheduled actions, with AWS's rules that matter here (a policy or action needs
 * its target; deregistering a target removes its policies and actions; deleting what is absent is
 * `ObjectNotFoundException`), paged describes, and injected faults. Every request still goes through the
 * contract check of `test/support/aws-contract.ts`.
 */
import {
  ApplicationAutoScalingClient,
  ApplicationAutoScalingServiceException,
  DeleteScalingPolicyCommand,
  DeleteScheduledActionCommand,
  DeregisterScalableTargetCommand,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  DescribeScheduledActionsCommand,
  ListTagsForResourceCommand,
  PutScalingPolicyCommand,
  PutScheduledActionCommand,
  RegisterScalableTargetCommand,
  type ScalableTarget,
  type ScalingPolicy,
  type ScheduledAction,
} from '@aws-sdk/client-application-auto-scaling';
import { mockAwsClient } from '../../support/aws-contract.js';

const ARN = 'arn:aws:application-autoscaling:eu-west-1:123456789012';
const CREATED = new Date('2025-01-01T00:00:00Z');

/** An AWS-shaped Application Auto Scaling error. */
export function scalingError(name: string, message: string, status = 400, fault: 'client' | 'server' = 'client') {
  return new ApplicationAutoScalingServiceException({
    name,
    $fault: fault,
    $metadata: { httpStatusCode: status, requestId: 'req-fake-aas' },
    message,
  });
}

const notFound = (what: string) => scalingError('ObjectNotFoundException', `No ${what} found.`);

interface Fault {
  readonly operation: string;
  readonly error: () => Error;
  times: number;
  /** `before`: fails having changed nothing. `after`: takes effect, then fails (a 500 hiding a success). */
  readonly mode: 'before' | 'after';
}

interface TargetKey {
  readonly ResourceId?: string;
  readonly ScalableDimension?: string;
}

const keyOf = (input: TargetKey) => `${input.ResourceId}|${input.ScalableDimension}`;

export class FakeAutoScaling {
  readonly targets = new Map<string, { target: ScalableTarget; tags: Record<string, string> }>();
  readonly policies = new Map<string, Map<string, ScalingPolicy>>();
  readonly schedules = new Map<string, Map<string, ScheduledAction>>();
  /** Every mutating call, in order: `PutScalingPolicy modelship-invocations`. */
  readonly log: string[] = [];
  readonly faults: Fault[] = [];
  /** Items per describe page, small enough to exercise paging. */
  pageSize = 2;
  readonly stub = mockAwsClient(ApplicationAutoScalingClient);
  #ids = 0;

  constructor() {
    const s = this.stub;
    s.on(DescribeScalableTargetsCommand).callsFake((input) =>
      this.#run('DescribeScalableTargets', () => {
        const all = [...this.targets.values()].map((t) => t.target);
        const matching = all.filter(
          (t) =>
            (input.ResourceIds === undefined || input.ResourceIds.includes(t.ResourceId ?? '')) &&
            (input.ScalableDimension === undefined || t.ScalableDimension === input.ScalableDimension),
        );
        const { items, NextToken } = this.#page(matching, input.NextToken, input.MaxResults);
        return { ScalableTargets: items, NextToken };
      }),
    );
    s.on(DescribeScalingPoliciesCommand).callsFake((input) =>
      this.#run('DescribeScalingPolicies', () => {
        const { items, NextToken } = this.#page(
          this.#children(this.policies, input),
          input.NextToken,
          input.MaxResults,
        );
        return { ScalingPolicies: items, NextToken };
      }),
    );
    s.on(DescribeScheduledActionsCommand).callsFake((input) =>
      this.#run('DescribeScheduledActions', () => {
        const { items, NextToken } = this.#page(
          this.#children(this.schedules, input),
          input.NextToken,
          input.MaxResults,
        );
        return { ScheduledActions: items, NextToken };
      }),
    );
    s.on(ListTagsForResourceCommand).callsFake((input) =>
      this.#run('ListTagsForResource', () => {
        const found = [...this.targets.values()].find((t) => t.target.ScalableTargetARN === input.ResourceARN);
        if (!found) throw scalingError('ResourceNotFoundException', 'No such resource.');
        return { Tags: found.tags };
      }),
    );
    s.on(RegisterScalableTargetCommand).callsFake((input) =>
      this.#mutate('RegisterScalableTarget', input.ResourceId, () => {
        const existing = this.targets.get(keyOf(input));
        const min = input.MinCapacity ?? existing?.target.MinCapacity;
        const max = input.MaxCapacity ?? existing?.target.MaxCapacity;
        if (min === undefined || max === undefined)
          throw scalingError('ValidationException', 'MinCapacity and MaxCapacity are required to register.');
        if (max < min) throw scalingError('ValidationException', 'MaxCapacity is below MinCapacity.');
        const arn = existing?.target.ScalableTargetARN ?? `${ARN}:scalable-target/t${++this.#ids}`;
        const target: ScalableTarget = {
          ServiceNamespace: input.ServiceNamespace,
          ResourceId: input.ResourceId,
          ScalableDimension: input.ScalableDimension,
          MinCapacity: min,
          MaxCapacity: max,
          RoleARN: `arn:aws:iam::123456789012:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint`,
          CreationTime: CREATED,
          SuspendedState: { ...existing?.target.SuspendedState, ...input.SuspendedState },
          ScalableTargetARN: arn,
        };
        // Tags are only taken when the target is first registered.
        this.targets.set(keyOf(input), { target, tags: existing?.tags ?? { ...input.Tags } });
        return { ScalableTargetARN: arn };
      }),
    );
    s.on(DeregisterScalableTargetCommand).callsFake((input) =>
      this.#mutate('DeregisterScalableTarget', input.ResourceId, () => {
        if (!this.targets.delete(keyOf(input))) throw notFound('scalable target');
        this.policies.delete(keyOf(input));
        this.schedules.delete(keyOf(input));
        return {};
      }),
    );
    s.on(PutScalingPolicyCommand).callsFake((input) =>
      this.#mutate('PutScalingPolicy', input.PolicyName, () => {
        this.#requireTarget(input);
        const arn = `${ARN}:scalingPolicy:${input.ResourceId}:policyName/${input.PolicyName}`;
        const { PolicyName, ServiceNamespace, ResourceId, ScalableDimension, PolicyType } = input;
        const policy: ScalingPolicy = {
          PolicyARN: arn,
          PolicyName,
          ServiceNamespace,
          ResourceId,
          ScalableDimension,
          PolicyType: PolicyType ?? 'StepScaling',
          TargetTrackingScalingPolicyConfiguration: input.TargetTrackingScalingPolicyConfiguration,
          StepScalingPolicyConfiguration: input.StepScalingPolicyConfiguration,
          CreationTime: CREATED,
        };
        this.#childMap(this.policies, input).set(PolicyName, policy);
        return { PolicyARN: arn, Alarms: [] };
      }),
    );
    s.on(DeleteScalingPolicyCommand).callsFake((input) =>
      this.#mutate('DeleteScalingPolicy', input.PolicyName, () => {
        if (!this.policies.get(keyOf(input))?.delete(input.PolicyName)) throw notFound('scaling policy');
        return {};
      }),
    );
    s.on(PutScheduledActionCommand).callsFake((input) =>
      this.#mutate('PutScheduledAction', input.ScheduledActionName, () => {
        this.#requireTarget(input);
        const actions = this.#childMap(this.schedules, input);
        const existing = actions.get(input.ScheduledActionName);
        const { ScheduledActionName, ServiceNamespace, ResourceId, ScalableDimension } = input;
        // An update keeps what it does not name, as AWS documents.
        actions.set(ScheduledActionName, {
          ...existing,
          ScheduledActionName,
          ScheduledActionARN: `${ARN}:scheduledAction:${ResourceId}:scheduledActionName/${ScheduledActionName}`,
          ServiceNamespace,
          ResourceId,
          ScalableDimension,
          Schedule: input.Schedule ?? existing?.Schedule ?? '',
          ...(input.Timezone === undefined ? {} : { Timezone: input.Timezone }),
          ...(input.ScalableTargetAction === undefined ? {} : { ScalableTargetAction: input.ScalableTargetAction }),
          CreationTime: CREATED,
        });
        return {};
      }),
    );
    s.on(DeleteScheduledActionCommand).callsFake((input) =>
      this.#mutate('DeleteScheduledAction', input.ScheduledActionName, () => {
        if (!this.schedules.get(keyOf(input))?.delete(input.ScheduledActionName)) throw notFound('scheduled action');
        return {};
      }),
    );
  }

  /** Injects a fault: the next `times` calls of `operation` throw what `error` makes. */
  fail(operation: string, error: () => Error, times = 1, mode: 'before' | 'after' = 'before'): void {
    this.faults.push({ operation, error, times, mode });
  }

  /** The state as plain data: targets with their bounds, policy and action names. */
  snapshot() {
    return [...this.targets.entries()].map(([key, { target }]) => ({
      resourceId: target.ResourceId,
      dimension: target.ScalableDimension,
      min: target.MinCapacity,
      max: target.MaxCapacity,
      policies: Object.fromEntries(
        [...(this.policies.get(key)?.values() ?? [])].map((p) => [
          p.PolicyName,
          p.TargetTrackingScalingPolicyConfiguration,
        ]),
      ),
      schedules: Object.fromEntries(
        [...(this.schedules.get(key)?.values() ?? [])].map((a) => [
          a.ScheduledActionName,
          [a.Schedule, a.ScalableTargetAction],
        ]),
      ),
    }));
  }

  #requireTarget(input: TargetKey): void {
    if (!this.targets.has(keyOf(input))) {
      throw notFound(`scalable target ${input.ResourceId} (${input.ScalableDimension})`);
    }
  }

  #childMap<T>(store: Map<string, Map<string, T>>, input: TargetKey): Map<string, T> {
    const existing = store.get(keyOf(input));
    if (existing) return existing;
    const created = new Map<string, T>();
    store.set(keyOf(input), created);
    return created;
  }

  #children<T>(store: Map<string, Map<string, T>>, input: TargetKey): T[] {
    return [...store.entries()]
      .filter(([key]) => {
        const [resourceId, dimension] = key.split('|');
        return (
          (input.ResourceId === undefined || resourceId === input.ResourceId) &&
          (input.ScalableDimension === undefined || dimension === input.ScalableDimension)
        );
      })
      .flatMap(([, map]) => [...map.values()]);
  }

  #page<T>(items: T[], token: string | undefined, max: number | undefined) {
    const start = token === undefined ? 0 : Number(token);
    const size = Math.min(max ?? 50, this.pageSize);
    const end = start + size;
    return { items: items.slice(start, end), NextToken: end < items.length ? String(end) : undefined };
  }

  #takeFault(operation: string): Fault | undefined {
    const fault = this.faults.find((f) => f.operation === operation && f.times > 0);
    if (fault) fault.times--;
    return fault;
  }

  #run<T>(operation: string, action: () => T): T {
    const fault = this.#takeFault(operation);
    if (fault?.mode === 'before') throw fault.error();
    const result = action();
    if (fault) throw fault.error();
    return result;
  }

  #mutate<T>(operation: string, name: string | undefined, action: () => T): T {
    return this.#run(operation, () => {
      const result = action();
      this.log.push(`${operation} ${name}`);
      return result;
    });
  }
}
