/**
 * Contract-checked AWS mocks for tests.
 *
 * `mockAwsClient` is aws-sdk-client-mock's `mockClient`, plus: every command the stub receives is later checked
 * against AWS's own Smithy model of the service (`../shared/aws-models/*.json`): required members, unknown
 * members, enum values, lengths, patterns, ranges and types, at every depth. `test/setup.ts` calls
 * {@link assertAwsRequestsValid} after each test, so a request AWS would reject fails the test that sent it even
 * though the mock accepted it.
 *
 * @example
 * ```ts
 * const sagemaker = mockAwsClient(SageMakerClient);
 * sagemaker.on(CreateEndpointCommand).resolves({ EndpointArn: 'arn:…' });
 * await deploy(…);            // any invalid CreateEndpoint input fails this test after it ends
 * ```
 *
 * Lifetime: a stub made inside a test (or its `beforeEach`) is restored when that test ends. A stub made outside
 * tests (file top level, `beforeAll`) stays installed for the whole file but has its behaviours and history reset
 * after every test (configure `.on(…)` inside tests or `beforeEach`), and is restored after the file.
 */
import type { Client, MetadataBearer } from '@smithy/types';
import { type AwsStub, mockClient } from 'aws-sdk-client-mock';
import { TestRunner } from 'vitest';
import { SPREAD_MEMBERS, UNMODELED_MEMBERS } from './smithy/allow-list.js';
import { loadServiceModel, type ServiceModel } from './smithy/models.js';
import { callTarget, sdkIdOf } from './smithy/sdk-call.js';
import { type Tolerated, type Violation, validateOperationInput } from './smithy/validate.js';

/** One request that breaks its service model. */
export interface AwsRequestViolation {
  /** The sdkId of the service, e.g. `SageMaker`; `?` when it could not be told. */
  readonly service: string;
  /** The operation, e.g. `CreateEndpoint`; `?` when it could not be told. */
  readonly operation: string;
  /** Which stub and which of its calls, e.g. `SageMakerClient call 2`. */
  readonly call: string;
  /** Where in the input, e.g. `ProductionVariants[0].InstanceType`. */
  readonly path: string;
  /** What was wrong and what is allowed. */
  readonly message: string;
}

/** Thrown by {@link assertAwsRequestsValid}; `violations` has each problem as data. */
export class AwsContractError extends Error {
  override readonly name = 'AwsContractError';
  constructor(readonly violations: readonly AwsRequestViolation[]) {
    super(formatViolations(violations));
  }
}

type AnyStub = AwsStub<object, MetadataBearer, unknown>;

interface CapturedCall {
  readonly thisValue: unknown;
  readonly command: unknown;
}

interface Registration {
  readonly stub: AnyStub;
  /** The object whose `send` was replaced: the client instance, or the class prototype. */
  readonly target: object;
  /** `test`: made while a test ran, restored after it. `file`: reset after each test, restored after the file. */
  readonly scope: 'test' | 'file';
  /** Calls recorded before the test itself reset the stub's history; still to be validated. */
  pending: CapturedCall[];
  /** The stub's own `reset`, not the capturing wrapper. */
  readonly reset: () => unknown;
}

// One registry per test file: vitest gives each file its own module graph, shared by test/setup.ts and the file.
const registrations: Registration[] = [];

type ClientLike<TInput extends object, TOutput extends MetadataBearer, TConfiguration> =
  | Client<TInput, TOutput, TConfiguration>
  | { prototype: Client<TInput, TOutput, TConfiguration> };

/**
 * Mocks `send` of an AWS SDK v3 client class (every instance) or of one client instance, exactly as
 * aws-sdk-client-mock's `mockClient`, and registers the stub so that every command it receives is validated
 * against the service's Smithy model by {@link assertAwsRequestsValid}.
 *
 * @returns the aws-sdk-client-mock stub, to configure with `.on(Command).resolves(…)` and to inspect.
 */
export function mockAwsClient<TInput extends object, TOutput extends MetadataBearer, TConfiguration>(
  client: ClientLike<TInput, TOutput, TConfiguration>,
): AwsStub<TInput, TOutput, TConfiguration> {
  // The same test mockClient uses to choose between the instance and the prototype.
  const target: object =
    (client as { send?: unknown }).send !== undefined
      ? client
      : (client as { prototype: Client<TInput, TOutput, TConfiguration> }).prototype;
  const stub = mockClient(client);
  const any = stub as unknown as AnyStub;
  const registration: Registration = {
    stub: any,
    target,
    scope: TestRunner.getCurrentTest() ? 'test' : 'file',
    pending: [],
    reset: any.reset.bind(any),
  };
  // A test that clears the stub's history itself (reset in its own afterEach, resetHistory mid-test) must not
  // hide its calls from the contract check: record them first.
  const resetHistory = any.resetHistory.bind(any);
  any.reset = () => {
    capture(registration);
    registration.reset();
    return any;
  };
  any.resetHistory = () => {
    capture(registration);
    return resetHistory();
  };
  registrations.push(registration);
  return stub;
}

function capture(registration: Registration): void {
  for (const call of registration.stub.calls()) {
    registration.pending.push({ thisValue: call.thisValue, command: call.args[0] });
  }
}

/**
 * The violations of one request input against the model of service `sdkId` (the client's `config.serviceId`,
 * e.g. `SageMaker`, `SageMaker Runtime`, `S3`), as `path: message` strings; `[]` when the input is valid.
 *
 * @throws Error when there is no model for `sdkId` or the model has no operation `operation`.
 */
export function validateAwsInput(sdkId: string, operation: string, input: unknown): string[] {
  return violationsOf(sdkId, operation, input).map((v) => `${v.path}: ${v.message}`);
}

/**
 * The ways one recorded request breaks its service's model: for requests recorded outside a stub, such as those of
 * a spawned CLI process. Empty when it is valid.
 */
export function violationsOfCall(sdkId: string, operation: string, input: unknown): Violation[] {
  return violationsOf(sdkId, operation, input);
}

function violationsOf(sdkId: string, operation: string, input: unknown): Violation[] {
  const model = loadServiceModel(sdkId);
  return validateOperationInput(model, operation, input, tolerated(model, operation));
}

function tolerated(model: ServiceModel, operation: string): Tolerated {
  const key = `${model.sdkId}:${operation}`;
  const spreadFrom = SPREAD_MEMBERS[key];
  const opId = spreadFrom ? model.operations.get(spreadFrom) : undefined;
  const inputId = opId ? model.shape(opId)?.input?.target : undefined;
  const borrowed = inputId ? Object.keys(model.shape(inputId)?.members ?? {}) : [];
  return { paths: new Set(UNMODELED_MEMBERS[key] ?? []), topLevel: new Set(borrowed) };
}

/** Every violation in every call received so far by every stub made with {@link mockAwsClient}. */
export function awsRequestViolations(): AwsRequestViolation[] {
  const out: AwsRequestViolation[] = [];
  for (const registration of registrations) {
    const name = registration.stub.clientName();
    const calls: CapturedCall[] = [
      ...registration.pending,
      ...registration.stub.calls().map((c) => ({ thisValue: c.thisValue, command: c.args[0] })),
    ];
    calls.forEach((call, i) => {
      const { sdkId = sdkIdOf(registration.target), operation, input } = callTarget(call.thisValue, call.command);
      const where = { service: sdkId ?? '?', operation: operation ?? '?', call: `${name} call ${i + 1}` };
      if (!sdkId || !operation) {
        out.push({
          ...where,
          path: '(command)',
          message: `cannot tell which ${sdkId ? 'operation' : 'AWS service'} this call is for: send() needs an AWS SDK v3 command on an AWS SDK v3 client (config.serviceId)`,
        });
        return;
      }
      try {
        for (const v of violationsOf(sdkId, operation, input)) out.push({ ...where, ...v });
      } catch (error) {
        out.push({ ...where, path: '(model)', message: (error as Error).message });
      }
    });
  }
  return out;
}

/**
 * Validates every call received so far by every stub made with {@link mockAwsClient} against the AWS models.
 * `test/setup.ts` runs it after each test.
 *
 * @throws AwsContractError listing every violation (service, operation, call, path, what was wrong and what is
 * allowed) when any request breaks its model.
 */
export function assertAwsRequestsValid(): void {
  const violations = awsRequestViolations();
  if (violations.length > 0) throw new AwsContractError(violations);
}

function isInstalled(registration: Registration): boolean {
  return (registration.target as { send?: unknown }).send === registration.stub.send;
}

/**
 * Ends a test: restores the stubs made during it, and resets (behaviours and history) the file-level stubs,
 * re-installing any a test-level stub had replaced. `test/setup.ts` runs it after each test, after
 * {@link assertAwsRequestsValid}; call it in a test after asserting a deliberate violation.
 */
export function resetAwsMocks(): void {
  // Newest first: restoring an older stub of the same target after a newer one replaced it would delete the
  // newer one (sinon's restore deletes the own property it added, whatever it now holds).
  for (const registration of [...registrations].reverse()) {
    if (registration.scope === 'test' && isInstalled(registration)) registration.stub.restore();
  }
  const latestFileStub = new Map<object, Registration>();
  for (const registration of registrations) {
    if (registration.scope === 'file') latestFileStub.set(registration.target, registration);
  }
  registrations.length = 0;
  for (const registration of latestFileStub.values()) {
    // aws-sdk-client-mock's reset re-creates the sinon stub on the target, so this also re-installs it.
    registration.reset();
    registration.pending = [];
    registrations.push(registration);
  }
}

/** Restores every stub made with {@link mockAwsClient} and forgets them. `test/setup.ts` runs it after each file. */
export function restoreAwsMocks(): void {
  for (const registration of [...registrations].reverse()) {
    if (isInstalled(registration)) registration.stub.restore();
  }
  registrations.length = 0;
}

function formatViolations(violations: readonly AwsRequestViolation[]): string {
  const byCall = new Map<string, AwsRequestViolation[]>();
  for (const v of violations) {
    const key = `${v.service} ${v.operation} (${v.call})`;
    byCall.set(key, [...(byCall.get(key) ?? []), v]);
  }
  const lines = [
    `${violations.length} violation${violations.length === 1 ? '' : 's'} of the AWS service models ` +
      `(../shared/aws-models) in ${byCall.size} mocked request${byCall.size === 1 ? '' : 's'}; AWS would reject ` +
      'or silently ignore these:',
  ];
  for (const [call, list] of byCall) {
    lines.push(`  ${call}:`);
    for (const v of list) lines.push(`    - ${v.path}: ${v.message}`);
  }
  return lines.join('\n');
}
