/**
 * The SageMaker Model Registry calls of the store: model package groups (one per model) and the model packages in
 * them (one per version), each call mapped to modelship errors that name the group or package.
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
  SageMakerClient,
  type Tag,
  UpdateModelPackageCommand,
  type UpdateModelPackageInput,
} from '@aws-sdk/client-sagemaker';
import { callAws, findAws } from '../../../aws/call.js';
import type { AwsContext } from '../../../aws/context.js';

/** A model package as `ListModelPackages` shows it. */
export interface PackageSummary {
  readonly arn: string;
  /** SageMaker's own number of the package in its group: 1, 2, … in order of creation, never reused. */
  readonly number: number;
  /** `ModelApprovalStatus`, as SageMaker spells it. */
  readonly approval: string | undefined;
}

type Kind = 'model package group' | 'model package';

function context(operation: string, kind: Kind, name: string) {
  return { service: 'SageMaker', operation, resource: { kind: `SageMaker ${kind}`, name } };
}

/** The number at the end of a versioned model package's ARN (`…:model-package/churn/3`). */
export function packageNumber(arn: string): number {
  return Number(/\/(\d+)$/.exec(arn)?.[1] ?? Number.NaN);
}

/** SageMaker's model package groups and packages, as the store uses them. It shares the context's client. */
export class ModelPackages {
  readonly #aws: AwsContext;

  constructor(aws: AwsContext) {
    this.#aws = aws;
  }

  get #client(): SageMakerClient {
    return this.#aws.client(SageMakerClient);
  }

  /** Whether the group exists (and is not being deleted). */
  async groupExists(group: string): Promise<boolean> {
    const found = await findAws(context('DescribeModelPackageGroup', 'model package group', group), () =>
      this.#client.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: group })),
    );
    return found !== undefined && found.ModelPackageGroupStatus !== 'Deleting';
  }

  async createGroup(group: string, description: string, tags: readonly Tag[]): Promise<void> {
    await callAws(context('CreateModelPackageGroup', 'model package group', group), () =>
      this.#client.send(
        new CreateModelPackageGroupCommand({
          ModelPackageGroupName: group,
          ModelPackageGroupDescription: description,
          Tags: [...tags],
        }),
      ),
    );
  }

  /** The names of the groups whose names contain `nameContains` (all when it is empty), but those being deleted. */
  async listGroups(nameContains: string): Promise<string[]> {
    const names: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await callAws({ service: 'SageMaker', operation: 'ListModelPackageGroups' }, () =>
        this.#client.send(
          new ListModelPackageGroupsCommand({
            MaxResults: 100,
            NextToken,
            ...(nameContains === '' ? {} : { NameContains: nameContains }),
          }),
        ),
      );
      for (const group of page.ModelPackageGroupSummaryList ?? []) {
        if (group.ModelPackageGroupStatus !== 'Deleting' && group.ModelPackageGroupName !== undefined) {
          names.push(group.ModelPackageGroupName);
        }
      }
      NextToken = page.NextToken;
    } while (NextToken !== undefined);
    return names;
  }

  /**
   * The packages of a group, oldest first, leaving out those being deleted (a writer that lost a race removing its
   * duplicate). A group that does not exist has none.
   */
  async listPackages(group: string): Promise<PackageSummary[]> {
    const packages: PackageSummary[] = [];
    let NextToken: string | undefined;
    do {
      const page = await findAws(context('ListModelPackages', 'model package group', group), () =>
        this.#client.send(
          new ListModelPackagesCommand({
            ModelPackageGroupName: group,
            ModelPackageType: 'Versioned',
            SortBy: 'CreationTime',
            SortOrder: 'Ascending',
            MaxResults: 100,
            NextToken,
          }),
        ),
      );
      if (page === undefined) return [];
      for (const summary of page.ModelPackageSummaryList ?? []) {
        if (summary.ModelPackageStatus === 'Deleting' || summary.ModelPackageArn === undefined) continue;
        const arn = summary.ModelPackageArn;
        packages.push({
          arn,
          number: summary.ModelPackageVersion ?? packageNumber(arn),
          approval: summary.ModelApprovalStatus,
        });
      }
      NextToken = page.NextToken;
    } while (NextToken !== undefined);
    return packages;
  }

  /** A package's customer metadata properties; undefined when it is gone. */
  async properties(arn: string): Promise<Record<string, string> | undefined> {
    const found = await findAws(context('DescribeModelPackage', 'model package', arn), () =>
      this.#client.send(new DescribeModelPackageCommand({ ModelPackageName: arn })),
    );
    return found === undefined ? undefined : { ...found.CustomerMetadataProperties };
  }

  /** @returns the new package's ARN. */
  async createPackage(input: CreateModelPackageInput): Promise<string> {
    const out = await callAws(context('CreateModelPackage', 'model package', input.ModelPackageGroupName ?? ''), () =>
      this.#client.send(new CreateModelPackageCommand(input)),
    );
    return out.ModelPackageArn ?? '';
  }

  async updatePackage(input: UpdateModelPackageInput): Promise<void> {
    await callAws(context('UpdateModelPackage', 'model package', input.ModelPackageArn ?? ''), () =>
      this.#client.send(new UpdateModelPackageCommand(input)),
    );
  }

  /** Deletes a package; one already gone is not an error (a second delete is safe). */
  async deletePackage(arn: string): Promise<void> {
    await findAws(context('DeleteModelPackage', 'model package', arn), () =>
      this.#client.send(new DeleteModelPackageCommand({ ModelPackageName: arn })),
    );
  }
}
