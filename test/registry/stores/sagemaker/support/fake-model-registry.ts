/**
 * An in-memory SageMaker Model Registry behind `mockAwsClient(SageMakerClient)`: model package groups with tags,
 * versioned model packages numbered per group as SageMaker numbers them, approvals, customer metadata properties
 * (merged and removed by UpdateModelPackage), plus the hooks the race tests need: creates held until several
 * writers have sent theirs, and listings that lag behind creates. Every request still goes through the contract
 * check of `test/support/aws-contract.ts`.
 */
import {
  CreateModelPackageCommand,
  CreateModelPackageGroupCommand,
  type CreateModelPackageInput,
  DeleteModelPackageCommand,
  DescribeModelPackageCommand,
  DescribeModelPackageGroupCommand,
  ListModelPackageGroupsCommand,
  ListModelPackagesCommand,
  type ModelApprovalStatus,
  SageMakerClient,
  SageMakerServiceException,
  type Tag,
  UpdateModelPackageCommand,
} from '@aws-sdk/client-sagemaker';
import { mockAwsClient } from '../../../../support/aws-contract.js';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';
const ARN = `arn:aws:sagemaker:${REGION}:${ACCOUNT}`;

/** A model package as the fake keeps it. */
export interface FakePackage {
  readonly arn: string;
  readonly group: string;
  readonly number: number;
  readonly input: CreateModelPackageInput;
  approval: ModelApprovalStatus;
  properties: Record<string, string>;
}

/** A SageMaker `ValidationException`, the way SageMaker reports most refusals. */
export function validation(message: string): SageMakerServiceException {
  return new SageMakerServiceException({
    name: 'ValidationException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400, requestId: 'req-fake' },
    message,
  });
}

export class FakeModelRegistry {
  readonly groups = new Map<string, { tags: Tag[]; description: string | undefined }>();
  readonly packages = new Map<string, FakePackage>();
  /** Every mutating call, in order: `CreateModelPackage churn/1`. */
  readonly log: string[] = [];
  /** Packages ListModelPackages does not show yet (SageMaker's listings may lag behind creates). */
  readonly hidden = new Set<string>();
  /** When set, every new package is hidden from listings as it is created. */
  lagListings = false;
  readonly stub = mockAwsClient(SageMakerClient);
  readonly #counters = new Map<string, number>();
  #held: { count: number; waiting: (() => void)[] } | undefined;

  constructor() {
    const s = this.stub;
    s.on(DescribeModelPackageGroupCommand).callsFake((input) => {
      const group = this.groups.get(input.ModelPackageGroupName);
      if (group === undefined) throw validation(`ModelPackageGroup ${input.ModelPackageGroupName} does not exist.`);
      return {
        ModelPackageGroupName: input.ModelPackageGroupName,
        ModelPackageGroupArn: `${ARN}:model-package-group/${input.ModelPackageGroupName}`,
        ModelPackageGroupStatus: 'Completed',
      };
    });
    s.on(CreateModelPackageGroupCommand).callsFake((input) => {
      if (this.groups.has(input.ModelPackageGroupName)) {
        throw validation(
          `Model Package Group already exists: ${ARN}:model-package-group/${input.ModelPackageGroupName}`,
        );
      }
      this.groups.set(input.ModelPackageGroupName, {
        tags: input.Tags ?? [],
        description: input.ModelPackageGroupDescription,
      });
      this.log.push(`CreateModelPackageGroup ${input.ModelPackageGroupName}`);
      return { ModelPackageGroupArn: `${ARN}:model-package-group/${input.ModelPackageGroupName}` };
    });
    s.on(ListModelPackageGroupsCommand).callsFake((input) => ({
      ModelPackageGroupSummaryList: [...this.groups.keys()]
        .filter((name) => input.NameContains === undefined || name.includes(input.NameContains))
        .map((name) => ({
          ModelPackageGroupName: name,
          ModelPackageGroupArn: `${ARN}:model-package-group/${name}`,
          CreationTime: new Date(),
          ModelPackageGroupStatus: 'Completed',
        })),
    }));
    s.on(CreateModelPackageCommand).callsFake(async (input) => {
      await this.#hold();
      const group = input.ModelPackageGroupName ?? '';
      if (!this.groups.has(group)) throw validation(`Model Package Group ${group} does not exist.`);
      const number = (this.#counters.get(group) ?? 0) + 1;
      this.#counters.set(group, number);
      const arn = `${ARN}:model-package/${group.toLowerCase()}/${number}`;
      this.packages.set(arn, {
        arn,
        group,
        number,
        input,
        approval: input.ModelApprovalStatus ?? 'PendingManualApproval',
        properties: { ...input.CustomerMetadataProperties },
      });
      if (this.lagListings) this.hidden.add(arn);
      this.log.push(`CreateModelPackage ${group}/${number}`);
      return { ModelPackageArn: arn };
    });
    s.on(ListModelPackagesCommand).callsFake((input) => ({
      ModelPackageSummaryList: [...this.packages.values()]
        .filter((pkg) => pkg.group === input.ModelPackageGroupName && !this.hidden.has(pkg.arn))
        .sort((a, b) => a.number - b.number)
        .map((pkg) => ({
          ModelPackageGroupName: pkg.group,
          ModelPackageVersion: pkg.number,
          ModelPackageArn: pkg.arn,
          CreationTime: new Date(),
          ModelPackageStatus: 'Completed',
          ModelApprovalStatus: pkg.approval,
        })),
    }));
    s.on(DescribeModelPackageCommand).callsFake((input) => {
      const pkg = this.#find(input.ModelPackageName);
      return {
        ModelPackageName: pkg.group,
        ModelPackageGroupName: pkg.group,
        ModelPackageVersion: pkg.number,
        ModelPackageArn: pkg.arn,
        CreationTime: new Date(),
        ModelPackageStatus: 'Completed',
        ModelPackageStatusDetails: { ValidationStatuses: [] },
        ModelApprovalStatus: pkg.approval,
        InferenceSpecification: pkg.input.InferenceSpecification,
        CustomerMetadataProperties: { ...pkg.properties },
      };
    });
    s.on(UpdateModelPackageCommand).callsFake((input) => {
      const pkg = this.#find(input.ModelPackageArn);
      if (input.ModelApprovalStatus !== undefined) pkg.approval = input.ModelApprovalStatus;
      Object.assign(pkg.properties, input.CustomerMetadataProperties);
      for (const key of input.CustomerMetadataPropertiesToRemove ?? []) delete pkg.properties[key];
      this.log.push(`UpdateModelPackage ${pkg.group}/${pkg.number}`);
      return { ModelPackageArn: pkg.arn };
    });
    s.on(DeleteModelPackageCommand).callsFake((input) => {
      const pkg = this.#find(input.ModelPackageName);
      this.packages.delete(pkg.arn);
      this.log.push(`DeleteModelPackage ${pkg.group}/${pkg.number}`);
      return {};
    });
  }

  /** The packages of a group, in SageMaker's order. */
  packagesOf(group: string): FakePackage[] {
    return [...this.packages.values()].filter((pkg) => pkg.group === group).sort((a, b) => a.number - b.number);
  }

  /** Holds every CreateModelPackage until `count` of them have arrived, so that writers race for real. */
  holdCreates(count: number): void {
    this.#held = { count, waiting: [] };
  }

  /** Adds a package as another tool (or another writer) would, bypassing the mock. */
  addPackage(group: string, properties: Record<string, string>): FakePackage {
    const number = (this.#counters.get(group) ?? 0) + 1;
    this.#counters.set(group, number);
    const arn = `${ARN}:model-package/${group.toLowerCase()}/${number}`;
    const pkg: FakePackage = {
      arn,
      group,
      number,
      input: { ModelPackageGroupName: group },
      approval: 'PendingManualApproval',
      properties,
    };
    this.packages.set(arn, pkg);
    return pkg;
  }

  #find(arn: string): FakePackage {
    const pkg = this.packages.get(arn);
    if (pkg === undefined) throw validation(`ModelPackage ${arn} does not exist.`);
    return pkg;
  }

  async #hold(): Promise<void> {
    const held = this.#held;
    if (held === undefined) return;
    await new Promise<void>((resolve) => {
      held.waiting.push(resolve);
      if (held.waiting.length >= held.count) {
        this.#held = undefined;
        for (const release of held.waiting) release();
      }
    });
  }
}
