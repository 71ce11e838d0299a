/**
 * Checks the SageMaker targets' options without any I/O and turns them into settings with every default filled
 * in. The ranges are SageMaker's own (from its API model), so what passes here is what CreateEndpointConfig takes.
 */
import { validateResourceName } from '../../aws/naming.js';
import { integerOption, objectOption, stringListOption, stringOption } from '../../checks.js';
import { InvalidArgumentError } from '../../errors.js';
import { checkUpdate, type UpdateSettings } from './check-update.js';
import { checkVariants, type VariantSettings } from './check-variants.js';
import type { DataCaptureOptions, RealtimeOptions, SageMakerCommonOptions, ServerlessOptions } from './options.js';
import { INSTANCE_TYPE, INSTANCE_TYPE_TEXT, UNBOUNDED } from './patterns.js';

export type { UpdateSettings } from './check-update.js';
export type { VariantSetting, VariantSettings } from './check-variants.js';

/** The execution role: one given, or one modelship creates. */
export type RoleSetting = { readonly arn: string } | { readonly create: { readonly propagationWaitS: number } };

interface CommonSettings {
  readonly endpointName?: string;
  readonly role: RoleSetting;
  readonly variantName: string;
  readonly kmsKeyId?: string;
  readonly artifactBucket?: string;
  readonly update: UpdateSettings;
}

/** Checked options of a real-time endpoint. */
export interface RealtimeSettings extends CommonSettings, VariantSettings {
  readonly kind: 'realtime';
  readonly instanceType: string;
  readonly instanceCount: number;
  readonly volumeSizeGb?: number;
  readonly modelDataDownloadTimeoutS?: number;
  readonly startupHealthCheckTimeoutS?: number;
  readonly dataCapture?: Required<DataCaptureOptions>;
  readonly vpc?: { readonly subnets: readonly string[]; readonly securityGroupIds: readonly string[] };
  readonly networkIsolation: boolean;
}

/** Checked options of a serverless endpoint. */
export interface ServerlessSettings extends CommonSettings {
  readonly kind: 'serverless';
  readonly memoryMb: number;
  readonly maxConcurrency: number;
  readonly provisionedConcurrency?: number;
}

/** Checked options of either SageMaker endpoint target. */
export type EndpointSettings = RealtimeSettings | ServerlessSettings;

// Patterns from the SageMaker, IAM and KMS API models, narrowed where AWS documents a narrower form.
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;
const KMS_KEY =
  /^(?:arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(?:key|alias)\/[a-zA-Z0-9/_-]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}|alias\/[a-zA-Z0-9/_-]+)$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const S3_URI = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/;
const SUBNET = /^subnet-[0-9a-z]+$/;
const SECURITY_GROUP = /^sg-[0-9a-z]+$/;
const SERVERLESS_MEMORY = [1024, 2048, 3072, 4096, 5120, 6144];

/**
 * Instance families with local NVMe storage: SageMaker encrypts it with the instance's own keys, so it takes
 * neither a volume size nor a volume KMS key for them.
 */
export function hasLocalStorage(instanceType: string): boolean {
  const family = instanceType.split('.')[1] ?? '';
  return /^(?:[a-z]+\d+[a-z]*d|g4dn|p3dn|g5|g6|g6e|p4d|p4de|p5|p5e|p5en)$/.test(family);
}

/**
 * Checks the options of `SageMaker.realtime`.
 * @throws {@link InvalidArgumentError} naming the option at fault and what it allows.
 */
export function checkRealtimeOptions(options: RealtimeOptions): RealtimeSettings {
  objectOption('options', options, "{ instanceType: 'ml.m5.large', role: 'arn:aws:iam::…:role/…' }");
  const instanceType = stringOption('instanceType', options.instanceType, INSTANCE_TYPE, INSTANCE_TYPE_TEXT);
  if (instanceType === undefined) {
    throw new InvalidArgumentError('instanceType', 'SageMaker.realtime needs an instanceType, such as ml.m5.large.');
  }
  const volumeSizeGb = integerOption('volumeSizeGb', options.volumeSizeGb, 1, 512);
  if (volumeSizeGb !== undefined && hasLocalStorage(instanceType)) {
    throw new InvalidArgumentError(
      'volumeSizeGb',
      `${instanceType} has local NVMe storage, whose size is fixed by the instance type: leave volumeSizeGb out, or ` +
        'choose an instance type without local storage (such as ml.m5.large) to size the volume.',
    );
  }
  return {
    kind: 'realtime',
    ...checkCommon(options),
    instanceType,
    instanceCount: integerOption('instanceCount', options.instanceCount, 1, UNBOUNDED, 1),
    volumeSizeGb,
    modelDataDownloadTimeoutS: integerOption('modelDataDownloadTimeoutS', options.modelDataDownloadTimeoutS, 60, 3600),
    startupHealthCheckTimeoutS: integerOption(
      'startupHealthCheckTimeoutS',
      options.startupHealthCheckTimeoutS,
      60,
      3600,
    ),
    dataCapture: checkDataCapture(options.dataCapture),
    vpc: checkVpc(options.vpc),
    networkIsolation: booleanOption('networkIsolation', options.networkIsolation),
    ...checkVariants(options, instanceType),
  };
}

/**
 * Checks the options of `SageMaker.serverless`.
 * @throws {@link InvalidArgumentError} naming the option at fault and what it allows.
 */
export function checkServerlessOptions(options: ServerlessOptions): ServerlessSettings {
  objectOption('options', options, "{ memoryMb: 2048, maxConcurrency: 5, role: 'arn:aws:iam::…:role/…' }");
  const loose = options as ServerlessOptions & Record<string, unknown>;
  for (const key of ['instanceType', 'vpc', 'networkIsolation', 'dataCapture', 'variants', 'shadow'] as const) {
    if (loose[key] !== undefined) {
      throw new InvalidArgumentError(
        key,
        `Serverless endpoints do not support ${key} (SageMaker runs them on its own CPU fleet, outside your VPC, ` +
          'without data capture). Use SageMaker.realtime for it.',
      );
    }
  }
  if (!SERVERLESS_MEMORY.includes(options.memoryMb)) {
    throw new InvalidArgumentError(
      'memoryMb',
      `memoryMb is ${String(options.memoryMb)}; serverless endpoints take ${SERVERLESS_MEMORY.join(', ')} (MB).`,
    );
  }
  const maxConcurrency = integerOption('maxConcurrency', options.maxConcurrency, 1, 200);
  if (maxConcurrency === undefined) {
    throw new InvalidArgumentError('maxConcurrency', 'SageMaker.serverless needs maxConcurrency, from 1 to 200.');
  }
  const provisionedConcurrency = integerOption('provisionedConcurrency', options.provisionedConcurrency, 1, 200);
  if (provisionedConcurrency !== undefined && provisionedConcurrency > maxConcurrency) {
    throw new InvalidArgumentError(
      'provisionedConcurrency',
      `provisionedConcurrency (${provisionedConcurrency}) is more than maxConcurrency (${maxConcurrency}): ` +
        'SageMaker can keep at most maxConcurrency workers warm.',
    );
  }
  return {
    kind: 'serverless',
    ...checkCommon(options),
    memoryMb: options.memoryMb,
    maxConcurrency,
    provisionedConcurrency,
  };
}

function checkCommon(options: SageMakerCommonOptions): CommonSettings {
  const { endpointName } = options;
  if (endpointName !== undefined) validateResourceName(endpointName, 'endpointName');
  const variantName = options.variantName ?? 'AllTraffic';
  validateResourceName(variantName, 'variantName');
  const artifactBucket = stringOption(
    'artifactBucket',
    options.artifactBucket,
    BUCKET,
    'an S3 bucket name: 3 to 63 lower-case letters, digits, dots and hyphens',
  );
  return {
    endpointName,
    role: checkRole(options),
    variantName,
    kmsKeyId: stringOption('kmsKeyId', options.kmsKeyId, KMS_KEY, 'a KMS key id, key ARN, alias/name or alias ARN'),
    artifactBucket,
    update: checkUpdate(options.update),
  };
}

function checkRole(options: SageMakerCommonOptions): RoleSetting {
  const { role, createRole } = options;
  if (createRole !== undefined && typeof createRole !== 'boolean') {
    objectOption('createRole', createRole, '{ propagationWaitS: 10 }');
  }
  const create = createRole === true || typeof createRole === 'object';
  if (role !== undefined && create) {
    throw new InvalidArgumentError(
      'role',
      'Both role and createRole were given. Pass role to use a role of yours, or createRole: true for modelship to make one.',
    );
  }
  if (create) {
    const wait = typeof createRole === 'object' ? createRole.propagationWaitS : undefined;
    return { create: { propagationWaitS: integerOption('createRole.propagationWaitS', wait, 0, 600, 10) } };
  }
  const arn = stringOption(
    'role',
    role,
    ROLE_ARN,
    'an IAM role ARN such as arn:aws:iam::123456789012:role/SageMakerExecution',
  );
  if (arn === undefined) {
    throw new InvalidArgumentError(
      'role',
      'SageMaker needs an execution role to pull the image and read the artifact. Pass role: ' +
        "'arn:aws:iam::<account>:role/<name>', or createRole: true to have modelship create a least-privilege one.",
    );
  }
  return { arn };
}

function checkDataCapture(capture: DataCaptureOptions | undefined): Required<DataCaptureOptions> | undefined {
  if (capture === undefined) return undefined;
  objectOption('dataCapture', capture, "{ destination: 's3://bucket/capture' }");
  const destination = stringOption(
    'dataCapture.destination',
    capture.destination,
    S3_URI,
    'an S3 URI such as s3://bucket/capture',
  );
  if (destination === undefined || destination.length > 512) {
    throw new InvalidArgumentError(
      'dataCapture.destination',
      'dataCapture.destination must be an S3 URI of at most 512 characters.',
    );
  }
  const what = capture.capture ?? 'both';
  if (!['input', 'output', 'both'].includes(what)) {
    throw new InvalidArgumentError(
      'dataCapture.capture',
      `dataCapture.capture must be 'input', 'output' or 'both', not ${JSON.stringify(what)}.`,
    );
  }
  return {
    destination,
    samplingPercent: integerOption('dataCapture.samplingPercent', capture.samplingPercent, 0, 100, 100),
    capture: what,
  };
}

function checkVpc(vpc: RealtimeOptions['vpc']): RealtimeSettings['vpc'] {
  if (vpc === undefined) return undefined;
  objectOption('vpc', vpc, "{ subnets: ['subnet-…'], securityGroupIds: ['sg-…'] }");
  const subnets = stringListOption('vpc.subnets', vpc.subnets, SUBNET, 'a subnet id such as subnet-0abc1234', 16);
  const securityGroupIds = stringListOption(
    'vpc.securityGroupIds',
    vpc.securityGroupIds,
    SECURITY_GROUP,
    'a security group id such as sg-0abc1234',
    5,
  );
  if (subnets === undefined || securityGroupIds === undefined) {
    throw new InvalidArgumentError('vpc', 'vpc needs both subnets and securityGroupIds.');
  }
  return { subnets, securityGroupIds };
}

function booleanOption(argument: string, value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new InvalidArgumentError(argument, `${argument} must be true or false.`);
  return value;
}
