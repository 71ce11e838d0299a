/**
 * The Local target: serves a model from this process on a real HTTP server that speaks the SageMaker serving
 * contract and the SageMaker Runtime API, so the same predictor code (and the same `@aws-sdk/client-sagemaker-
 * runtime` calls) work here and against SageMaker. No AWS account, no network.
 */
import type { PlanStep } from '../../deploy/plan.js';
import { InvalidArgumentError } from '../../errors.js';
import type { ModelSource } from '../../model/source.js';
import type { Transport } from '../../predict/transport.js';
import { SageMakerRuntimeTransport } from '../../predict/transports/sagemaker-runtime.js';
import type { DeploymentOutputs, DeploymentSpec, Target, TargetContext, TargetStatus } from '../target.js';
import { attachLocal, localStatus } from './attach.js';
import { loadRunner } from './load.js';
import { fileRunner, findModelFile, type LocalModelFile } from './model-files.js';
import { checkLocalOptions, endpointNameProblem, type LocalOptions, type LocalSettings } from './options.js';
import type { ModelRunner } from './runner.js';
import { type LocalServer, startLocalServer } from './server/server.js';

/**
 * The builder features of the Local target: none (no autoscaling, no monitoring on a laptop).
 *
 * @example
 * ```ts
 * const target: Target<LocalFeatures> = Local();
 * ```
 */
export type LocalFeatures = Record<never, never>;

/**
 * The output of a Local deployment's `load-model` step.
 *
 * @example
 * ```ts
 * const { path, runner } = deployment.outputs.get('load-model') as LocalModelOutput;
 * ```
 */
export interface LocalModelOutput {
  /** The file served: an `.onnx` model or a handler module. */
  readonly path: string;
  /** What runs it: `onnx` (onnxruntime-node) or `handler` (the module's `predict`). */
  readonly runner: LocalModelFile['runner'];
  /** For people: `handler /…/handler.js`. */
  readonly description: string;
}

/**
 * The output of a Local deployment's `start-server` step: where to call the model.
 *
 * @example
 * ```ts
 * const { url, endpointName } = deployment.outputs.get('start-server') as LocalServerOutput;
 * const predictor = new Predictor({ endpointName, clientConfig: { endpoint: url } });
 * ```
 */
export interface LocalServerOutput {
  /** `http://127.0.0.1:PORT`: give it as `endpoint` to a SageMaker Runtime client. */
  readonly url: string;
  /** The host the server listens on (`127.0.0.1`). */
  readonly host: string;
  /** The port it listens on. */
  readonly port: number;
  /** The `EndpointName` to call. */
  readonly endpointName: string;
  /** The one production variant, as `X-Amzn-Invoked-Production-Variant` names it. */
  readonly variantName: string;
}

// The live objects behind the outputs, out of sight of JSON and spreads: a plan printed or saved shows only data.
const LIVE = Symbol('modelship.local.live');

function withLive<T extends object>(output: T, live: ModelRunner | LocalServer): T {
  Object.defineProperty(output, LIVE, { value: live, enumerable: false });
  return output;
}

function liveOf<T>(output: unknown): T | undefined {
  return typeof output === 'object' && output !== null ? ((output as { [LIVE]?: T })[LIVE] ?? undefined) : undefined;
}

/**
 * A target that serves the model on this machine, on `127.0.0.1` and a free port by default. ONNX models run in
 * `onnxruntime-node` (an optional dependency: install it to serve `.onnx` files); a JavaScript handler serves
 * anything else. The server answers SageMaker Runtime requests the way SageMaker does (errors, limits, headers),
 * until the deployment is destroyed or the process ends.
 *
 * @example
 * ```ts
 * await using deployment = await Model.fromFile('iris.onnx').deployTo(Local()).deploy();
 * const iris = deployment.predictor<number[][], { predictions: unknown[] }>();
 * console.log(await iris.predict([[5.1, 3.5, 1.4, 0.2]]));
 * ```
 * @throws {@link InvalidArgumentError} for an option that is not allowed (see {@link LocalOptions}).
 */
export function Local(options: LocalOptions = {}): Target<LocalFeatures> {
  return new LocalTarget(checkLocalOptions(options));
}

class LocalTarget implements Target<LocalFeatures> {
  readonly kind = 'local';

  constructor(readonly settings: LocalSettings) {}

  validate(spec: DeploymentSpec<LocalFeatures>): void {
    checkSource(spec.model);
    this.#endpointName(spec);
  }

  async plan(spec: DeploymentSpec<LocalFeatures>): Promise<PlanStep[]> {
    const settings = this.settings;
    const endpointName = this.#endpointName(spec);
    const model = await findModelFile(spec.model);
    let runner: ModelRunner | undefined;
    let server: LocalServer | undefined;
    const where = `${settings.host}:${settings.port === 0 ? 'a free port' : settings.port}`;
    return [
      {
        id: 'load-model',
        resource: { kind: 'Local model', name: model.path },
        action: 'create',
        reason: `a local model lives only as long as this process; loads ${model.runner === 'onnx' ? 'ONNX model' : 'handler'} ${model.path}`,
        async apply(): Promise<LocalModelOutput> {
          runner = await loadRunner(model, { batching: settings.batching });
          return withLive({ path: model.path, runner: model.runner, description: runner.description }, runner);
        },
        async undo() {
          await runner?.close();
        },
      },
      {
        id: 'start-server',
        resource: { kind: 'Local server', name: endpointName },
        action: 'create',
        reason: `a local server lives only as long as this process; serves endpoint ${endpointName} on ${where}`,
        dependsOn: ['load-model'],
        async apply(ctx): Promise<LocalServerOutput> {
          const loaded = liveOf<ModelRunner>(ctx.output('load-model'));
          if (!loaded) throw new Error('The load-model step left no model to serve.');
          server = await listen(settings, loaded, endpointName);
          const { url, host, port, variantName } = server;
          return withLive({ url, host, port, endpointName, variantName }, server);
        },
        async undo() {
          await server?.close();
        },
      },
    ];
  }

  async destroyPlan(
    spec: DeploymentSpec<LocalFeatures>,
    _ctx: TargetContext,
    outputs?: DeploymentOutputs,
  ): Promise<PlanStep[]> {
    // Without the outputs of this process there is nothing to stop: a Local server ends with its process.
    if (!outputs) return [];
    const server = liveOf<LocalServer>(outputs.get('start-server'));
    const runner = liveOf<ModelRunner>(outputs.get('load-model'));
    const serverOutput = outputs.get('start-server') as LocalServerOutput | undefined;
    if (serverOutput !== undefined && server === undefined) {
      // Outputs without the live server: `attach()` found a server another process runs.
      throw new InvalidArgumentError(
        'destroy',
        `The Local server at ${serverOutput.url} runs in another process: only that process can stop it (Ctrl-C ` +
          'there, or its deployment.destroy()).',
      );
    }
    const modelOutput = outputs.get('load-model') as LocalModelOutput | undefined;
    const serverLive = server !== undefined && !server.closed;
    return [
      {
        id: 'stop-server',
        resource: { kind: 'Local server', name: serverOutput?.endpointName ?? spec.name },
        action: serverLive ? 'delete' : 'none',
        reason: serverLive
          ? `stops the server at ${server.url} after the requests in flight`
          : 'the server is not running in this process',
        async apply() {
          await server?.close();
        },
      },
      {
        id: 'unload-model',
        resource: { kind: 'Local model', name: modelOutput?.path ?? spec.name },
        action: runner ? 'delete' : 'none',
        reason: runner ? `frees ${runner.description}` : 'the model is not loaded in this process',
        dependsOn: ['stop-server'],
        async apply() {
          await runner?.close();
        },
      },
    ];
  }

  /**
   * Asks the server's `/ping`: at the address in `outputs` (the process that deployed it), or at the fixed
   * `port`. Without either it is `NotDeployed`, with `detail` saying why it cannot be seen from here.
   */
  status(spec: DeploymentSpec<LocalFeatures>, _ctx: TargetContext, outputs?: DeploymentOutputs): Promise<TargetStatus> {
    return localStatus(this.settings, this.#endpointName(spec), outputs);
  }

  /**
   * The server at the fixed `port`, when one of this endpoint answers there.
   * @throws {@link InvalidArgumentError} without a fixed port: the server lives only in the process that made it.
   */
  attach(
    spec: DeploymentSpec<LocalFeatures>,
    _ctx: TargetContext,
    signal?: AbortSignal,
  ): Promise<DeploymentOutputs | undefined> {
    return attachLocal(this.settings, this.#endpointName(spec), signal);
  }

  transport(spec: DeploymentSpec<LocalFeatures>, _ctx: TargetContext, outputs: DeploymentOutputs): Transport {
    const output = outputs.get('start-server') as LocalServerOutput | undefined;
    if (typeof output?.url !== 'string') {
      throw new InvalidArgumentError(
        'outputs',
        `The Local deployment ${spec.name} has no server output: deploy it first (its start-server step gives the URL).`,
      );
    }
    return new SageMakerRuntimeTransport({
      endpointName: output.endpointName,
      description: `Local endpoint ${output.endpointName} at ${output.url}`,
      clientConfig: {
        endpoint: output.url,
        // Only for request signing, which the Local server ignores; static credentials keep the SDK from
        // searching the credential chain (files, instance metadata) for a call that needs none.
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        maxAttempts: 1,
      },
    });
  }

  #endpointName(spec: DeploymentSpec<LocalFeatures>): string {
    const name = this.settings.endpointName ?? spec.name;
    const problem = endpointNameProblem(name);
    if (problem) {
      throw new InvalidArgumentError(
        'endpointName',
        `The deployment name ${JSON.stringify(name)} cannot be the Local endpoint's name: ${problem}. ` +
          'Name the deployment with .withName(…) or pass Local({ endpointName }).',
      );
    }
    return name;
  }
}

/** Refuses, without I/O, what the Local target cannot serve. */
function checkSource(model: ModelSource): void {
  switch (model.kind) {
    case 's3':
    case 'image':
      throw new InvalidArgumentError(
        'model',
        `The Local target serves models from local files, and this one is ${model.kind === 's3' ? `in S3 (${model.uri})` : `a container image (${model.imageUri})`}. ` +
          'Download the artifact and use Model.fromFile or Model.fromDirectory (an ONNX model) or Model.fromHandler ' +
          '(anything else), or deploy it to SageMaker.',
      );
    case 'file':
      fileRunner(model.path, model.framework);
      return;
    default:
      return;
  }
}

async function listen(settings: LocalSettings, runner: ModelRunner, endpointName: string): Promise<LocalServer> {
  try {
    return await startLocalServer({
      runner,
      endpointName,
      host: settings.host,
      port: settings.port,
      requestTimeoutMs: settings.requestTimeoutMs,
      maxConcurrency: settings.maxConcurrency,
      ...(settings.async === undefined ? {} : { async: settings.async }),
      // The load-model step owns the runner: its undo and the destroy plan close it.
      closeRunner: false,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      throw new InvalidArgumentError(
        'port',
        `The Local server cannot listen on ${settings.host}:${settings.port}: ${code === 'EADDRINUSE' ? 'the port is in use' : 'the port needs privileges'}. ` +
          'Choose another port, or leave port out to get a free one.',
        { cause: error },
      );
    }
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
      throw new InvalidArgumentError(
        'host',
        `The Local server cannot listen on ${settings.host}: this machine has no such address.`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}
