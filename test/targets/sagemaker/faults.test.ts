/**
 * Fault injection: every SageMaker call that creating, updating or destroying an endpoint makes is throttled,
 * answered with a 500 (once, and for longer than the engine retries), denied, or left hanging. Each run must end in
 * success or a typed error, and leave nothing it made behind, as the fake SageMaker's state shows.
 *
 * Faults are injected when the apply starts, so that they hit the call the row names rather than the reads that
 * planning makes of the same operation.
 *
 * The calls of an update's retire step (after the endpoint is in service with the new config) are a cleanup: a
 * fault that outlasts the retries there leaves the old config or model behind and says so, but the update stands.
 */
import { describe, expect, it } from 'vitest';
import type { ApplyOptions } from '../../../src/deploy/apply.js';
import type { Deployment } from '../../../src/deploy/deployment.js';
import type { DeployEvent } from '../../../src/deploy/events.js';
import { Model } from '../../../src/deploy/model.js';
import {
  AccessDeniedError,
  DeploymentFailedError,
  type ModelshipError,
  ServiceError,
  ThrottledError,
  TimeoutError,
} from '../../../src/errors.js';
import { SageMaker } from '../../../src/targets/sagemaker/index.js';
import { type FakeSageMaker, sageMakerError } from './support/fake-sagemaker.js';
import { ARTIFACT, AWS, fakeAws, fastApply, ROLE } from './support/setup.js';

/** Tries of one call before the engine gives up (small, so "500 for good" stays quick). */
const MAX_ATTEMPTS = 3;
/** The deadline of a run whose call hangs: far above what a run takes here (a few ms), far below a test's. */
const TIMEOUT_MS = 200;

type Flow = 'create' | 'update' | 'destroy';
type FaultKind = 'throttle' | '500 once' | '500 for good' | 'access denied' | 'timeout' | '500 after the change';

/** The calls each flow makes once its apply has started. */
const CALLS: Readonly<Record<Flow, readonly string[]>> = {
  create: ['CreateModel', 'CreateEndpointConfig', 'CreateEndpoint', 'DescribeEndpoint'],
  // The new model and config are made by the same calls as in `create`; then the blue/green update, its wait,
  // and the retire step (ownership check, then removal of the old config and model).
  update: ['UpdateEndpoint', 'DescribeEndpoint', 'ListTags', 'DeleteEndpointConfig', 'DeleteModel'],
  destroy: ['DeleteEndpoint', 'DescribeEndpoint', 'ListTags', 'DeleteEndpointConfig', 'DeleteModel'],
};
const MUTATING = /^(Create|Update|Delete)/;
/** The calls of the update's retire step, a cleanup step. */
const RETIRE = /^(ListTags|DeleteEndpointConfig|DeleteModel)$/;

/**
 * Rows that show a bug in the SageMaker target, by `flow operation kind`: `it.fails` until it is fixed (then
 * vitest reports the row as unexpectedly passing, and it comes off this list).
 */
const KNOWN_BUGS: readonly RegExp[] = [];

/** What SageMaker answers, as the SDK throws it. */
const ERRORS = {
  throttle: () => sageMakerError('ThrottlingException', 'Rate exceeded', 400),
  internal: () =>
    sageMakerError('InternalFailure', 'We encountered an internal error. Please try again.', 500, 'server'),
  denied: (operation: string) => () =>
    sageMakerError(
      'AccessDeniedException',
      `User: arn:aws:sts::123456789012:assumed-role/deployer/ci is not authorized to perform: sagemaker:${operation}`,
      403,
    ),
};

/** Injects `kind` into the next call(s) of `operation`. */
function inject(sagemaker: FakeSageMaker, operation: string, kind: FaultKind): void {
  if (kind === 'throttle') sagemaker.fail(operation, ERRORS.throttle);
  else if (kind === '500 once') sagemaker.fail(operation, ERRORS.internal);
  // Until a step gives up (see `options`): concurrent steps may share the failures, so no fixed count would do.
  else if (kind === '500 for good') sagemaker.fail(operation, ERRORS.internal, Number.POSITIVE_INFINITY);
  else if (kind === 'access denied') sagemaker.fail(operation, ERRORS.denied(operation));
  else if (kind === 'timeout') sagemaker.hang(operation);
  else sagemaker.failAfter(operation, ERRORS.internal);
}

/** What a run with `kind` injected must end in: success, or this error with this cause. */
const EXPECTED: Record<FaultKind, { error?: new (...args: never[]) => Error; cause?: unknown; retried: boolean }> = {
  throttle: { retried: true },
  '500 once': { retried: true },
  '500 after the change': { retried: true },
  '500 for good': { error: DeploymentFailedError, cause: ServiceError, retried: true },
  'access denied': { error: DeploymentFailedError, cause: AccessDeniedError, retried: false },
  timeout: { error: TimeoutError, retried: false },
};

function churn() {
  return Model.fromS3(ARTIFACT, { framework: 'sklearn', frameworkVersion: '1.2-1' })
    .deployTo(SageMaker.realtime({ instanceType: 'ml.m5.large', role: ROLE }))
    .withName('churn')
    .withAws(AWS);
}

/** What to do when the apply starts and when a step fails. */
interface Hooks {
  readonly onStart?: () => void;
  readonly onFailed?: () => void;
}

/**
 * Fast deploy options that run the hooks, and lift every fault once a step has failed (so that the rollback and a
 * second run go through), collecting the events.
 */
function options(sagemaker: FakeSageMaker, hooks: Hooks = {}, extra: ApplyOptions = {}) {
  const base = fastApply();
  const onEvent = (event: DeployEvent) => {
    base.onEvent?.(event);
    if (event.type === 'apply-started') hooks.onStart?.();
    if (event.type === 'step-failed') {
      hooks.onFailed?.();
      for (const fault of sagemaker.faults) fault.times = 0;
    }
  };
  return { ...base, ...extra, onEvent, retry: { maxAttempts: MAX_ATTEMPTS, baseDelayMs: 1, maxDelayMs: 2 } };
}

/**
 * Sets up `flow` on a fresh fake SageMaker, runs it with `kind` injected into `operation`, and returns what it
 * ended in, the state before the run, how often `operation` was called before a step failed (or in all, when
 * none did), and a way to run the flow again without faults.
 */
async function runFlow(flow: Flow, operation: string, kind: FaultKind) {
  const { sagemaker, artifact } = fakeAws();
  // Settle each change at the first describe, so no undo sits out the target's 10-second undo poll.
  sagemaker.behaviour.polls = 0;
  let act: (runOptions: ApplyOptions) => Promise<unknown>;
  if (flow === 'create') {
    act = (runOptions) => churn().deploy(runOptions);
  } else {
    const deployment = await churn().deploy(fastApply());
    // For an update: a new artifact at the same URI makes a new model and config, and retires the old ones.
    if (flow === 'update') artifact.etag = '"etag-2"';
    act =
      flow === 'update' ? (runOptions) => churn().deploy(runOptions) : (runOptions) => deployment.destroy(runOptions);
  }
  const before = sagemaker.resources();
  const countCalls = () => sagemaker.stub.calls().filter((call) => commandName(call.args[0]) === operation).length;
  // Counted from the start of the apply: planning reads with some of the same operations.
  let callsBefore = 0;
  let callsToFailure: number | undefined;
  const hooks: Hooks = {
    onStart: () => {
      callsBefore = countCalls();
      inject(sagemaker, operation, kind);
    },
    onFailed: () => {
      callsToFailure ??= countCalls() - callsBefore;
    },
  };
  const opts = options(
    sagemaker,
    hooks,
    kind === 'timeout' ? { timeoutMs: TIMEOUT_MS, undoTimeoutMs: TIMEOUT_MS } : {},
  );
  let result: unknown;
  const error = await act(opts).then(
    (done) => {
      result = done;
      return undefined;
    },
    (e: unknown) => e,
  );
  const retries = opts.events.filter((e) => e.type === 'step-retrying');
  const calls = callsToFailure ?? countCalls() - callsBefore;
  return {
    sagemaker,
    before,
    error,
    retries,
    calls,
    result,
    events: opts.events,
    again: () => act(options(sagemaker)),
  };
}

function commandName(command: unknown): string {
  return (command as object).constructor.name.replace(/Command$/, '');
}

/** Asserts the state a successful `flow` leaves. */
function expectDone(flow: Flow, sagemaker: FakeSageMaker, before: readonly string[]): void {
  const now = sagemaker.resources();
  if (flow === 'destroy') {
    expect(now).toEqual([]);
    return;
  }
  const endpoint = sagemaker.endpoints.get('churn');
  expect(endpoint?.status).toBe('InService');
  expect(now).toHaveLength(3);
  expect(now).toContain(`endpoint-config ${endpoint?.config}`);
  // After an update, nothing that served before is left: its config and model were retired.
  if (flow === 'update') for (const line of before) if (!line.startsWith('endpoint ')) expect(now).not.toContain(line);
}

async function check(flow: Flow, operation: string, kind: FaultKind): Promise<void> {
  const { sagemaker, before, error, retries, calls, result, events, again } = await runFlow(flow, operation, kind);
  const expected = EXPECTED[kind];
  if (flow === 'update' && RETIRE.test(operation) && expected.error !== undefined) {
    // A cleanup that failed for good: the update stands, and the failure is reported, not rolled back.
    expect(error).toBeUndefined();
    const endpoint = sagemaker.endpoints.get('churn');
    expect(endpoint?.status).toBe('InService');
    expect(before).not.toContain(`endpoint churn -> ${endpoint?.config}`);
    expect(sagemaker.resources()).toContain(`endpoint-config ${endpoint?.config}`);
    expect((result as Deployment).cleanupFailures).toHaveLength(1);
    expect(events.some((event) => event.type === 'cleanup-failed')).toBe(true);
    return;
  }

  // The fault hit a call of this run: a row whose call never happens would test nothing.
  expect(calls).toBeGreaterThan(0);
  if (expected.retried) {
    expect(retries.length).toBeGreaterThanOrEqual(kind === '500 for good' ? MAX_ATTEMPTS - 1 : 1);
    const injected = kind === 'throttle' ? ThrottledError : ServiceError;
    expect(retries[0]?.type === 'step-retrying' && retries[0].error).toBeInstanceOf(injected);
  } else {
    // Nothing retried. (The fault fails one call only, so a retry would also have turned the expected error below
    // into a success.)
    expect(retries).toEqual([]);
  }

  if (expected.error === undefined) {
    expect(error).toBeUndefined();
    expectDone(flow, sagemaker, before);
    return;
  }
  expect(error).toBeInstanceOf(expected.error);
  if (expected.cause) expect((error as ModelshipError).cause).toBeInstanceOf(expected.cause);
  if (flow === 'create') expect(sagemaker.resources()).toEqual([]);
  if (flow === 'update') {
    // The old config serves again, and no change is still under way (one the rollback did not know of).
    expect(sagemaker.resources()).toEqual(before);
    expect(sagemaker.endpoints.get('churn')?.status).toBe('InService');
  }
  if (flow === 'destroy') {
    // Deletes are not undone: run it again, without faults, and it must finish the job.
    await again();
    expect(sagemaker.resources()).toEqual([]);
  }
}

const KINDS: readonly FaultKind[] = ['throttle', '500 once', '500 for good', 'access denied', 'timeout'];

describe.each(Object.keys(CALLS) as Flow[])('%s', (flow) => {
  const rows = CALLS[flow].flatMap((operation) => [
    ...KINDS.map((kind) => [operation, kind] as const),
    ...(MUTATING.test(operation) ? [[operation, '500 after the change'] as const] : []),
  ]);
  const bug = ([operation, kind]: readonly [string, FaultKind]) =>
    KNOWN_BUGS.some((known) => known.test(`${flow} ${operation} ${kind}`));
  const working = rows.filter((row) => !bug(row));
  const broken = rows.filter(bug);

  it.each(working)('%s: %s', (operation, kind) => check(flow, operation, kind));
  if (broken.length > 0) {
    it.fails.each(broken)('%s: %s (known bug in the SageMaker target)', (operation, kind) =>
      check(flow, operation, kind),
    );
  }
});
