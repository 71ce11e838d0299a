/**
 * The policies of the execution role modelship creates for one endpoint (`createRole: true`): a trust policy that
 * lets only SageMaker, acting for this account, assume it, and permissions that are only what serving this model
 * needs. Every resource is named by its ARN, in the deployment's partition; `*` appears only where AWS offers
 * nothing narrower, each time with the reason beside it.
 *
 * Sources: the SageMaker Developer Guide ("CreateModel API: Execution Role Permissions", and "Give SageMaker Hosted
 * Endpoints Access to Resources in Your Amazon VPC" for the EC2 actions), the KMS Developer Guide ("Use aliases to
 * control access to KMS keys") and the Service Authorization Reference.
 */
import { type AwsPartition, buildArn, isArn, parseArn, partitionOf } from '../../../aws/arn.js';
import { InvalidArgumentError } from '../../../errors.js';
import type { AsyncSettings } from '../async/check-options.js';
import { asyncRoleStatements } from '../async/role-statements.js';
import { endpointLogGroup } from '../names.js';
import type { PolicyDocument, PolicyStatement } from './policy-document.js';

/** What the execution role must reach. */
export interface ExecutionRoleInput {
  readonly partition: AwsPartition;
  /** The region of the endpoint. */
  readonly region: string;
  /** The account the endpoint (and the role) are in. */
  readonly accountId: string;
  readonly endpointName: string;
  /** The serving image: `<account>.dkr.ecr.<region>.amazonaws.com[.cn]/<repository>[:tag|@digest]`. */
  readonly image: string;
  /** The artifact, `s3://bucket/key`; absent for an image that carries its model. */
  readonly modelDataUrl?: string;
  /** The KMS key of the artifact, volume and captured data: a key id, key ARN, `alias/<name>` or alias ARN. */
  readonly kmsKeyId?: string;
  readonly vpc?: { readonly subnets: readonly string[]; readonly securityGroupIds: readonly string[] };
  /** Where data capture writes, `s3://bucket[/prefix]`. */
  readonly dataCaptureDestination?: string;
  /** An async endpoint's S3 locations and topics. */
  readonly async?: AsyncSettings;
}

/** The two policies of the execution role. */
export interface ExecutionRolePolicies {
  /** Who may assume the role: SageMaker, on behalf of this account only. */
  readonly trust: PolicyDocument;
  /** What the role may do: its one inline policy. */
  readonly permissions: PolicyDocument;
}

const VERSION = '2012-10-17';
const SAGEMAKER = 'sagemaker.amazonaws.com';

/**
 * The trust and permissions policies of an execution role for the endpoint `input` describes.
 * @throws {@link InvalidArgumentError} when the image is not an ECR image URI, the artifact or data capture
 * destination is not an S3 URI, the KMS key is not a key id, key ARN, alias or alias ARN, or an ARN part is in
 * another partition than the deployment.
 * @example
 * ```ts
 * const { trust, permissions } = executionRolePolicies({
 *   partition: 'aws', region: 'eu-west-1', accountId: '123456789012', endpointName: 'churn',
 *   image: '141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3',
 *   modelDataUrl: 's3://ml-artifacts/churn/model.tar.gz',
 * });
 * ```
 */
export function executionRolePolicies(input: ExecutionRoleInput): ExecutionRolePolicies {
  const statements: PolicyStatement[] = [
    ...artifactStatements(input),
    ...imageStatements(input),
    logStatement(input),
    ...kmsStatements(input),
    ...vpcStatements(input),
    ...dataCaptureStatements(input),
    ...(input.async === undefined ? [] : asyncRoleStatements(input.partition, input.async)),
  ];
  return { trust: trustPolicy(input.accountId), permissions: { Version: VERSION, Statement: statements } };
}

// aws:SourceAccount: SageMaker assumes the role only for requests made in this account, so another account cannot
// have SageMaker use it (the confused deputy). aws:SourceArn is left out: the model that will use the role is
// created after it, under a content-derived name.
function trustPolicy(accountId: string): PolicyDocument {
  return {
    Version: VERSION,
    Statement: [
      {
        Sid: 'SageMakerAssumesRole',
        Effect: 'Allow',
        Principal: { Service: SAGEMAKER },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
      },
    ],
  };
}

function artifactStatements(input: ExecutionRoleInput): PolicyStatement[] {
  if (input.modelDataUrl === undefined) return [];
  const { bucket, key } = parseS3Uri(input.modelDataUrl, 'modelDataUrl');
  if (key === '' || key.endsWith('/')) {
    throw new InvalidArgumentError(
      'modelDataUrl',
      `"${input.modelDataUrl}" names a folder; the artifact is one object, such as s3://${bucket}/model.tar.gz.`,
    );
  }
  return [{ Sid: 'ReadModelArtifact', Effect: 'Allow', Action: 's3:GetObject', Resource: s3Arn(input, bucket, key) }];
}

function imageStatements(input: ExecutionRoleInput): PolicyStatement[] {
  const image = parseEcrImage(input.image, input.partition);
  return [
    {
      Sid: 'PullServingImage',
      Effect: 'Allow',
      Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'],
      Resource: buildArn({
        partition: input.partition,
        service: 'ecr',
        region: image.region,
        accountId: image.accountId,
        resource: `repository/${image.repository}`,
      }),
    },
    // GetAuthorizationToken returns a registry login token and acts on no repository: the Service Authorization
    // Reference lists no resource type for it, so IAM matches it only against "*". The token alone pulls nothing;
    // the statement above decides which repository may be read.
    { Sid: 'EcrLogin', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
  ];
}

// SageMaker writes the container's output to /aws/sagemaker/Endpoints/<endpoint>, one stream per instance. Both
// ARN forms are listed: CloudWatch Logs checks some actions against `log-group:<name>` and others against
// `log-group:<name>:*` (which also covers the group's streams).
function logStatement(input: ExecutionRoleInput): PolicyStatement {
  const group = buildArn({
    partition: input.partition,
    service: 'logs',
    region: input.region,
    accountId: input.accountId,
    resource: `log-group:${endpointLogGroup(input.endpointName)}`,
  });
  return {
    Sid: 'WriteEndpointLogs',
    Effect: 'Allow',
    Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
    Resource: [group, `${group}:*`],
  };
}

// kms:Decrypt reads an artifact uploaded with SSE-KMS; kms:GenerateDataKey lets data capture write objects under
// the same key (S3 asks KMS for a data key per object on behalf of the writer).
function kmsStatements(input: ExecutionRoleInput): PolicyStatement[] {
  if (input.kmsKeyId === undefined) return [];
  const writes = input.dataCaptureDestination !== undefined || input.async !== undefined;
  const Action = writes ? ['kms:Decrypt', 'kms:GenerateDataKey'] : 'kms:Decrypt';
  const key = parseKmsKey(input);
  if (key.kind === 'key') return [{ Sid: 'UseKmsKey', Effect: 'Allow', Action, Resource: key.arn }];
  // An alias in the Resource element would name the alias, not the key behind it: name every key of the account
  // and region instead, and admit only the key the alias points to (kms:ResourceAliases holds all aliases of the
  // key, so ForAnyValue).
  return [
    {
      Sid: 'UseKmsKeyByAlias',
      Effect: 'Allow',
      Action,
      Resource: buildArn({
        partition: input.partition,
        service: 'kms',
        region: key.region,
        accountId: key.accountId,
        resource: 'key/*',
      }),
      Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': key.alias } },
    },
  ];
}

// With a VPC, SageMaker attaches the endpoint's instances to the subnets through network interfaces it creates
// and removes with the execution role. Creating one is authorized against the subnet, the security groups and the
// new interface; the interface actions are allowed only for interfaces in these subnets (ec2:Subnet).
function vpcStatements(input: ExecutionRoleInput): PolicyStatement[] {
  if (input.vpc === undefined) return [];
  const ec2 = (resource: string) =>
    buildArn({
      partition: input.partition,
      service: 'ec2',
      region: input.region,
      accountId: input.accountId,
      resource,
    });
  const subnets = input.vpc.subnets.map((id) => ec2(`subnet/${checkId(id, 'subnet', 'vpc.subnets')}`));
  const groups = input.vpc.securityGroupIds.map((id) =>
    ec2(`security-group/${checkId(id, 'sg', 'vpc.securityGroupIds')}`),
  );
  return [
    {
      Sid: 'CreateNetworkInterfacesInSubnets',
      Effect: 'Allow',
      Action: 'ec2:CreateNetworkInterface',
      Resource: [...subnets, ...groups],
    },
    {
      Sid: 'ManageNetworkInterfacesInSubnets',
      Effect: 'Allow',
      Action: [
        'ec2:CreateNetworkInterface',
        'ec2:CreateNetworkInterfacePermission',
        'ec2:DeleteNetworkInterface',
        'ec2:DeleteNetworkInterfacePermission',
      ],
      Resource: ec2('network-interface/*'),
      Condition: { StringEquals: { 'ec2:Subnet': subnets } },
    },
    // EC2's Describe* actions support no resource-level permissions: IAM matches them only against "*". They read
    // network configuration and change nothing.
    {
      Sid: 'DescribeNetwork',
      Effect: 'Allow',
      Action: [
        'ec2:DescribeNetworkInterfaces',
        'ec2:DescribeVpcs',
        'ec2:DescribeDhcpOptions',
        'ec2:DescribeSubnets',
        'ec2:DescribeSecurityGroups',
      ],
      Resource: '*',
    },
  ];
}

function dataCaptureStatements(input: ExecutionRoleInput): PolicyStatement[] {
  if (input.dataCaptureDestination === undefined) return [];
  const { bucket, key } = parseS3Uri(input.dataCaptureDestination, 'dataCapture.destination');
  const prefix = key.replace(/\/+$/, '');
  return [
    {
      Sid: 'WriteCapturedData',
      Effect: 'Allow',
      Action: 's3:PutObject',
      Resource: s3Arn(input, bucket, prefix === '' ? '*' : `${prefix}/*`),
    },
  ];
}

function s3Arn(input: ExecutionRoleInput, bucket: string, key: string): string {
  return buildArn({ partition: input.partition, service: 's3', resource: `${bucket}/${key}` });
}

const S3_URI = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/;

function parseS3Uri(uri: string, argument: string): { bucket: string; key: string } {
  const match = S3_URI.exec(uri);
  if (match === null) {
    throw new InvalidArgumentError(argument, `"${uri}" is not an S3 URI such as s3://my-bucket/path/model.tar.gz.`);
  }
  return { bucket: match[1] ?? '', key: match[2] ?? '' };
}

// `<account>.dkr.ecr.<region>.amazonaws.com[.cn]/<repository>[:tag|@digest]`, with the ECR repository name rule.
const ECR_IMAGE =
  /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?\/((?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*)(?::[\w][\w.-]{0,127}|@sha256:[0-9a-f]{64})?$/;

function parseEcrImage(image: string, partition: AwsPartition) {
  const match = ECR_IMAGE.exec(image);
  const [, accountId = '', region = '', china, repository = ''] = match ?? [];
  const imagePartition = partitionOf(region);
  if (match === null || (china !== undefined) !== (imagePartition === 'aws-cn')) {
    throw new InvalidArgumentError(
      'image',
      `"${image}" is not an Amazon ECR image URI. It looks like ` +
        '123456789012.dkr.ecr.eu-west-1.amazonaws.com/my-repository:tag (amazonaws.com.cn in the China regions).',
    );
  }
  if (imagePartition !== partition) {
    throw new InvalidArgumentError(
      'image',
      `The image ${image} is in partition ${imagePartition} and the endpoint in ${partition}: SageMaker pulls images ` +
        'from the partition of the endpoint only.',
    );
  }
  return { accountId, region, repository };
}

const KEY_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const ALIAS = /^alias\/[a-zA-Z0-9/_-]+$/;

type KmsKey =
  | { readonly kind: 'key'; readonly arn: string }
  | { readonly kind: 'alias'; readonly alias: string; readonly region: string; readonly accountId: string };

function parseKmsKey(input: ExecutionRoleInput): KmsKey {
  const id = input.kmsKeyId ?? '';
  const here = { region: input.region, accountId: input.accountId };
  if (KEY_ID.test(id)) {
    return {
      kind: 'key',
      arn: buildArn({ partition: input.partition, service: 'kms', ...here, resource: `key/${id}` }),
    };
  }
  if (ALIAS.test(id)) return { kind: 'alias', alias: id, ...here };
  if (isArn(id)) {
    const arn = parseArn(id);
    if (arn.service === 'kms' && arn.partition === input.partition) {
      if (arn.resource.startsWith('key/')) return { kind: 'key', arn: id };
      if (ALIAS.test(arn.resource)) {
        return { kind: 'alias', alias: arn.resource, region: arn.region, accountId: arn.accountId };
      }
    }
  }
  throw new InvalidArgumentError(
    'kmsKeyId',
    `"${id}" is not a KMS key of partition ${input.partition}: give a key id (1234abcd-12ab-34cd-56ef-1234567890ab), ` +
      'a key ARN, alias/<name> or an alias ARN.',
  );
}

function checkId(id: string, prefix: string, argument: string): string {
  if (new RegExp(`^${prefix}-[0-9a-z]+$`).test(id)) return id;
  throw new InvalidArgumentError(argument, `"${id}" is not an id such as ${prefix}-0123456789abcdef0.`);
}
