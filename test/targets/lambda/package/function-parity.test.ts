// The key property of a function package: extracted as Lambda extracts it and run in a fresh Node.js process, its
// handler answers every request exactly as the Local target answers the same request, for both kinds of event.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Deployment } from '../../../../src/deploy/deployment.js';
import { Model } from '../../../../src/deploy/model.js';
import { encodeNpy } from '../../../../src/predict/serde/npy-codec.js';
import { packageFunction } from '../../../../src/targets/lambda/package/index.js';
import type { HttpResult } from '../../../../src/targets/lambda/runtime/http-event.js';
import {
  decodeBody,
  decodeInvokeResponse,
  encodeInvokeRequest,
} from '../../../../src/targets/lambda/runtime/protocol.js';
import { Local, type LocalServerOutput } from '../../../../src/targets/local/index.js';
import { ensureTestModels } from '../../../support/models.js';
import { fixture } from '../../local/support.js';
import {
  CAN_RUN_LINUX_BINARIES,
  extractZip,
  functionUrlEvent,
  HOST_ARCHITECTURE,
  runFunction,
  tempDir,
} from './support.js';

const CUSTOM_ATTRIBUTES = 'x-amzn-sagemaker-custom-attributes';

/** One request, sent alike to the Local server and to the function. */
interface Call {
  readonly body: Uint8Array;
  readonly contentType: string;
  readonly accept?: string;
  readonly customAttributes?: string;
}

/** An answer, reduced to what both sides must agree on. */
interface Answer {
  readonly status: number;
  readonly contentType?: string;
  /** Base64 of the body on success; the model's own message on failure. */
  readonly body: string;
  readonly customAttributes?: string;
}

const utf8 = new TextEncoder();
const json = (value: unknown): Uint8Array => utf8.encode(JSON.stringify(value));
const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** Deploys `model` to Local and returns how to call its container route. */
async function deployLocal(model: Model): Promise<{ deployment: Deployment; call(c: Call): Promise<Answer> }> {
  const deployment = await model.deployTo(Local()).deploy();
  const { url } = deployment.outputs.get('start-server') as LocalServerOutput;
  return {
    deployment,
    async call(c) {
      const headers: Record<string, string> = { 'content-type': c.contentType };
      if (c.accept !== undefined) headers.accept = c.accept;
      if (c.customAttributes !== undefined) headers[CUSTOM_ATTRIBUTES] = c.customAttributes;
      const response = await fetch(`${url}/invocations`, { method: 'POST', headers, body: c.body });
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (!response.ok) return { status: response.status, body: new TextDecoder().decode(bytes) };
      const attributes = response.headers.get(CUSTOM_ATTRIBUTES);
      return {
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        body: base64(bytes),
        ...(attributes === null ? {} : { customAttributes: attributes }),
      };
    },
  };
}

function invokeEvent(c: Call): unknown {
  return encodeInvokeRequest(c);
}

function urlEvent(c: Call): unknown {
  const headers: Record<string, string> = { 'content-type': c.contentType };
  if (c.accept !== undefined) headers.accept = c.accept;
  if (c.customAttributes !== undefined) headers[CUSTOM_ATTRIBUTES] = c.customAttributes;
  return functionUrlEvent(c.body, headers);
}

function fromInvoke(result: unknown): Answer {
  const decoded = decodeInvokeResponse(result);
  if (!decoded.ok) return { status: decoded.statusCode, body: decoded.error.originalMessage ?? decoded.error.message };
  return {
    status: 200,
    contentType: decoded.contentType,
    body: base64(decoded.body),
    ...(decoded.customAttributes === undefined ? {} : { customAttributes: decoded.customAttributes }),
  };
}

function fromHttp(result: unknown): Answer {
  const http = result as HttpResult;
  const bytes = decodeBody(http.body, http.isBase64Encoded);
  if (http.statusCode !== 200) {
    const details = JSON.parse(new TextDecoder().decode(bytes)) as { originalMessage?: string; message: string };
    return { status: http.statusCode, body: details.originalMessage ?? details.message };
  }
  const attributes = http.headers[CUSTOM_ATTRIBUTES];
  return {
    status: 200,
    contentType: http.headers['content-type'] ?? '',
    body: base64(bytes),
    ...(attributes === undefined ? {} : { customAttributes: attributes }),
  };
}

/** Packages `source`, extracts it, runs every call through both event kinds in one child, and deploys Local. */
async function compare(model: Model, calls: readonly Call[]) {
  const source = model.source as Parameters<typeof packageFunction>[0];
  const built = await packageFunction(source, { architecture: HOST_ARCHITECTURE, workDir: await tempDir() });
  const dir = await tempDir();
  await extractZip(built.path, dir);
  const events = [...calls.map(invokeEvent), ...calls.map(urlEvent)];
  const child = await runFunction(dir, events);
  const local = await deployLocal(model);
  try {
    const expected = [];
    for (const c of calls) expected.push(await local.call(c));
    return {
      dir,
      loaded: child.loaded,
      expected,
      invoke: child.results.slice(0, calls.length).map(fromInvoke),
      http: child.results.slice(calls.length).map(fromHttp),
    };
  } finally {
    await local.deployment.destroy();
  }
}

describe.runIf(CAN_RUN_LINUX_BINARIES)('a packaged ONNX model answers as Local does', () => {
  let outcome: Awaited<ReturnType<typeof compare>>;
  const rows = [
    [5.1, 3.5, 1.4, 0.2],
    [6.7, 3.0, 5.2, 2.3],
    [5.9, 3.0, 4.2, 1.5],
  ];
  const calls: Call[] = [
    { body: json(rows), contentType: 'application/json', accept: 'application/json' },
    { body: json({ inputs: rows }), contentType: 'application/json' },
    {
      body: utf8.encode(`${rows.map((r) => r.join(',')).join('\n')}\n`),
      contentType: 'text/csv',
      accept: 'text/csv; output=label',
    },
    {
      body: encodeNpy({ dtype: 'f4', shape: [3, 4], data: new Float32Array(rows.flat()) }),
      contentType: 'application/x-npy',
      accept: 'application/x-npy; output=probabilities',
    },
    { body: json([[1, 2]]), contentType: 'application/json' },
    { body: utf8.encode('not json'), contentType: 'application/json' },
    { body: json(rows), contentType: 'application/xml' },
  ];

  beforeAll(async () => {
    const { iris } = await ensureTestModels();
    outcome = await compare(Model.fromFile(iris), calls);
  }, 60_000);

  it('gives the same predictions through Invoke and through a Function URL', () => {
    expect(outcome.expected[0]).toMatchObject({ status: 200, contentType: 'application/json' });
    const first = JSON.parse(Buffer.from(outcome.expected[0]!.body, 'base64').toString()) as {
      predictions: { label: number }[];
    };
    expect(first.predictions.map((p) => p.label)).toEqual([0, 2, 1]);
    expect(outcome.invoke).toEqual(outcome.expected);
    expect(outcome.http).toEqual(outcome.expected);
  });

  it("refuses bad input with Local's status and message", () => {
    expect(outcome.expected.slice(4).map((a) => a.status)).toEqual([400, 400, 415]);
    expect(outcome.invoke.slice(4)).toEqual(outcome.expected.slice(4));
    expect(outcome.http.slice(4)).toEqual(outcome.expected.slice(4));
  });

  it("loads onnxruntime from the package's own node_modules", () => {
    expect(outcome.loaded.some((file) => file.endsWith('onnxruntime_binding.node'))).toBe(true);
    for (const file of outcome.loaded) expect(file).toContain(join(outcome.dir, 'node_modules', 'onnxruntime-node'));
  });
});

describe('a packaged handler answers as Local does', () => {
  let outcome: Awaited<ReturnType<typeof compare>>;
  const calls: Call[] = [
    { body: json({ question: 'hello?' }), contentType: 'application/json' },
    { body: json({ op: 'text', text: 'héllo wörld' }), contentType: 'application/json', accept: 'text/plain' },
    { body: json({ op: 'bytes', bytes: [0, 255, 1, 128] }), contentType: 'application/json' },
    { body: json({ op: 'attributes' }), contentType: 'application/json', customAttributes: 'trace=1' },
    { body: utf8.encode('raw text'), contentType: 'text/plain', accept: 'application/json' },
    { body: json({ op: 'fail', statusCode: 422, message: 'bad tenure' }), contentType: 'application/json' },
    { body: json({ op: 'fail', message: 'the model crashed' }), contentType: 'application/json' },
  ];

  beforeAll(async () => {
    outcome = await compare(Model.fromHandler(fixture('model.mjs')), calls);
  }, 60_000);

  it('gives the same answers, bytes and custom attributes through both events', () => {
    expect(outcome.expected.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 422, 500]);
    expect(outcome.expected[3]?.customAttributes).toBe('echo=trace=1');
    expect(outcome.invoke).toEqual(outcome.expected);
    expect(outcome.http).toEqual(outcome.expected);
  });

  it('ships no onnxruntime', () => {
    expect(outcome.loaded).toEqual([]);
  });
});
