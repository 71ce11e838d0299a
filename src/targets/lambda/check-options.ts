/**
 * Checks `Lambda({ … })` options without any I/O and fills in every default. The ranges are Lambda's own
 * (CreateFunction: memory 128–10240 MB, timeout 1–900 s, ephemeral storage 512–10240 MB; environment variables
 * 4 KB in all), so what passes here is what Lambda takes.
 */
import { integerOption, objectOption, stringListOption, stringOption } from '../../checks.js';
import { InvalidArgumentError } from '../../errors.js';
import { validateBucketName } from '../../model/artifact/index.js';
import type { LambdaArchitecture, LambdaExposure, LambdaOptions, LambdaRuntime } from './options.js';

/** Checked options, every default filled in. */
export interface LambdaSettings {
  readonly memoryMb: number;
  readonly timeoutS: number;
  readonly architecture: LambdaArchitecture;
  readonly runtime: LambdaRuntime;
  readonly ephemeralStorageMb: number;
  readonly reservedConcurrency?: number;
  readonly provisionedConcurrency?: number;
  readonly env: Readonly<Record<string, string>>;
  readonly expose: LambdaExposure;
  readonly auth: 'iam' | 'none';
  readonly role: { readonly arn: string } | { readonly create: true };
  readonly functionName?: string;
  readonly artifactBucket?: string;
  readonly rollout?: { readonly canaryPercent: number; readonly waitS: number; readonly rollbackAlarms: string[] };
  readonly kmsKeyArn?: string;
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;
// Lambda takes the key of environment encryption as an ARN only (KMSKeyArn).
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[a-zA-Z0-9-]+$/;
const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const ENV_KEY = /^[a-zA-Z][a-zA-Z0-9_]*$/;
const ALARM_NAME = /^[^\p{Cc}]{1,255}$/u;
const ARCHITECTURES: readonly string[] = ['x86_64', 'arm64'];
const RUNTIMES: readonly string[] = ['nodejs20.x', 'nodejs22.x'];
/** Lambda's limit on all environment variables of a function together. */
const MAX_ENV_BYTES = 4096;
/** Lambda's own variables, which a function cannot set. */
const RESERVED_ENV = /^(AWS_|LAMBDA_|_HANDLER$|_X_AMZN_TRACE_ID$|TZ$|LANG$|PATH$|LD_LIBRARY_PATH$|NODE_PATH$)/;
const MAX_CONCURRENCY = 1_000_000;

/**
 * The settings of `options`.
 * @throws {@link InvalidArgumentError} naming the option and what is allowed.
 */
export function checkLambdaOptions(options: LambdaOptions): LambdaSettings {
  objectOption('options', options, '{ memoryMb: 1024, timeoutS: 30, createRole: true }');
  const memoryMb = requiredInteger('memoryMb', options.memoryMb, 128, 10_240);
  const timeoutS = requiredInteger('timeoutS', options.timeoutS, 1, 900);
  const ephemeralStorageMb = integerOption('ephemeralStorageMb', options.ephemeralStorageMb, 512, 10_240, 512);
  const reservedConcurrency = integerOption('reservedConcurrency', options.reservedConcurrency, 1, MAX_CONCURRENCY);
  const provisionedConcurrency = integerOption(
    'provisionedConcurrency',
    options.provisionedConcurrency,
    1,
    MAX_CONCURRENCY,
  );
  if (
    reservedConcurrency !== undefined &&
    provisionedConcurrency !== undefined &&
    provisionedConcurrency > reservedConcurrency
  ) {
    throw new InvalidArgumentError(
      'provisionedConcurrency',
      `provisionedConcurrency (${provisionedConcurrency}) is more than reservedConcurrency (${reservedConcurrency}); ` +
        'Lambda cannot keep more environments ready than the function may run.',
    );
  }
  const architecture = oneOf('architecture', options.architecture ?? 'x86_64', ARCHITECTURES) as LambdaArchitecture;
  const runtime = oneOf('runtime', options.runtime ?? 'nodejs20.x', RUNTIMES) as LambdaRuntime;
  const { expose, auth } = checkExposure(options);
  const functionName = stringOption(
    'functionName',
    options.functionName,
    FUNCTION_NAME,
    '1 to 64 letters, digits, hyphens or underscores',
  );
  if (options.artifactBucket !== undefined) validateBucketName(options.artifactBucket);
  const kmsKeyArn = stringOption(
    'kmsKeyId',
    options.kmsKeyId,
    KMS_KEY_ARN,
    'a KMS key ARN such as arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  );
  return {
    memoryMb,
    timeoutS,
    architecture,
    runtime,
    ephemeralStorageMb,
    ...(reservedConcurrency === undefined ? {} : { reservedConcurrency }),
    ...(provisionedConcurrency === undefined ? {} : { provisionedConcurrency }),
    env: checkEnv(options.env),
    expose,
    auth,
    role: checkRole(options),
    ...(functionName === undefined ? {} : { functionName }),
    ...(options.artifactBucket === undefined ? {} : { artifactBucket: options.artifactBucket }),
    ...(options.rollout === undefined ? {} : { rollout: checkRollout(options.rollout) }),
    ...(kmsKeyArn === undefined ? {} : { kmsKeyArn }),
  };
}

/** An option that has no default: `undefined` is refused like any value out of range. */
function requiredInteger(argument: string, value: unknown, min: number, max: number): number {
  return integerOption(argument, value ?? Number.NaN, min, max) as number;
}

function oneOf(argument: string, value: unknown, allowed: readonly string[]): string {
  if (typeof value === 'string' && allowed.includes(value)) return value;
  throw new InvalidArgumentError(
    argument,
    `${argument} is ${JSON.stringify(value)}; it must be one of ${allowed.map((a) => `'${a}'`).join(', ')}.`,
  );
}

function checkExposure(options: LambdaOptions): Pick<LambdaSettings, 'expose' | 'auth'> {
  const expose = oneOf('expose', options.expose ?? 'none', ['none', 'function-url', 'http-api']) as LambdaExposure;
  const auth = oneOf('auth', options.auth ?? 'iam', ['iam', 'none']) as 'iam' | 'none';
  if (auth === 'none' && options.allowPublic !== true) {
    throw new InvalidArgumentError(
      'allowPublic',
      "auth: 'none' makes the model callable by anyone on the internet, unauthenticated and billed to you. Add " +
        "allowPublic: true if that is what you want, or keep auth: 'iam' and sign requests with SigV4.",
    );
  }
  if (auth === 'none' && expose === 'none') {
    throw new InvalidArgumentError(
      'auth',
      "auth: 'none' applies to an exposure: add expose: 'function-url' or 'http-api', or leave auth out.",
    );
  }
  return { expose, auth };
}

function checkRole(options: LambdaOptions): LambdaSettings['role'] {
  const arn = stringOption(
    'role',
    options.role,
    ROLE_ARN,
    'an IAM role ARN such as arn:aws:iam::123456789012:role/my-lambda-role',
  );
  if (options.createRole !== undefined && typeof options.createRole !== 'boolean') {
    throw new InvalidArgumentError('createRole', 'createRole must be true or false.');
  }
  if (arn !== undefined && options.createRole === true) {
    throw new InvalidArgumentError('role', 'Give role or createRole: true, not both.');
  }
  if (arn !== undefined) return { arn };
  if (options.createRole === true) return { create: true };
  throw new InvalidArgumentError(
    'role',
    'The function needs an execution role: pass role with its ARN, or createRole: true to let modelship create one ' +
      'that may only write the function’s own logs.',
  );
}

/**
 * Checks a function's environment against Lambda's rules (names, reserved variables, 4 KB in all).
 * @throws {@link InvalidArgumentError} naming the variable.
 */
export function checkEnv(env: LambdaOptions['env']): Readonly<Record<string, string>> {
  if (env === undefined) return {};
  objectOption('env', env, "{ LOG_LEVEL: 'info' }");
  for (const [key, value] of Object.entries(env)) {
    if (!ENV_KEY.test(key) || RESERVED_ENV.test(key) || key.startsWith('MODELSHIP_')) {
      throw new InvalidArgumentError(
        `env.${key}`,
        `env.${key}: a variable name starts with a letter and holds letters, digits and _ only; Lambda's own ` +
          '(AWS_…, LAMBDA_…, PATH, TZ…) and MODELSHIP_… are reserved.',
      );
    }
    if (typeof value !== 'string') {
      throw new InvalidArgumentError(`env.${key}`, `env.${key} must be a string.`);
    }
  }
  const bytes = Buffer.byteLength(JSON.stringify(env));
  if (bytes > MAX_ENV_BYTES) {
    throw new InvalidArgumentError(
      'env',
      `The environment variables take ${bytes} bytes; Lambda allows ${MAX_ENV_BYTES} in all. Put large settings in ` +
        'the model package instead.',
    );
  }
  return { ...env };
}

function checkRollout(rollout: NonNullable<LambdaOptions['rollout']>): NonNullable<LambdaSettings['rollout']> {
  objectOption('rollout', rollout, '{ canaryPercent: 10, waitS: 600 }');
  const canaryPercent = requiredInteger('rollout.canaryPercent', rollout.canaryPercent, 1, 99);
  const waitS = requiredInteger('rollout.waitS', rollout.waitS, 0, 3600);
  const alarms = stringListOption(
    'rollout.rollbackAlarms',
    rollout.rollbackAlarms,
    ALARM_NAME,
    'a CloudWatch alarm name',
    100,
  );
  return { canaryPercent, waitS, rollbackAlarms: [...(alarms ?? [])] };
}
