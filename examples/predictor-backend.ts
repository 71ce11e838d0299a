// Needs an AWS account only with ENDPOINT_NAME (a real SageMaker endpoint): the default run is offline, on Local.
/**
 * A backend route that calls a model. The handler is a web-standard `(Request) => Promise<Response>`, the shape
 * Hono, Next.js route handlers, Bun and Deno use; here Node's `http` serves it. Only `modelship/predictor` is
 * needed in a backend: it loads the SageMaker Runtime client and nothing of the control plane.
 *
 *   ENDPOINT_NAME=churn AWS_REGION=eu-west-1 npx tsx examples/predictor-backend.ts   # a real SageMaker endpoint
 *   npx tsx examples/predictor-backend.ts                                           # offline: iris on Local
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isModelshipError, Predictor } from '../src/predictor.js';
import { requireAwsCredentials } from './support/require-aws.js';

type Row = [number, number, number, number];
interface Scores {
  readonly predictions: { readonly probabilities: number[]; readonly label: number }[];
}

/** The route: validates the body, calls the model, maps modelship errors to HTTP statuses by `code`. */
export function scoreRoute(model: Predictor<Row[], Scores>) {
  return async (request: Request): Promise<Response> => {
    const body = (await request.json().catch(() => undefined)) as { rows?: unknown } | undefined;
    const rows = body?.rows;
    if (!Array.isArray(rows) || !rows.every((r) => Array.isArray(r) && r.length === 4)) {
      return Response.json(
        { error: 'send {"rows": [[sepal_length, sepal_width, petal_length, petal_width], …]}' },
        { status: 400 },
      );
    }
    try {
      const { predictions } = await model.predict(rows as Row[], { timeoutMs: 2_000, signal: request.signal });
      return Response.json({ labels: predictions.map((p) => p.label) });
    } catch (error) {
      if (!isModelshipError(error)) throw error;
      // Branch on the stable code, never on message text.
      const status = { MODEL_ERROR: 422, PAYLOAD_TOO_LARGE: 413, THROTTLED: 429, TIMEOUT: 504 }[error.code as string];
      return Response.json({ error: error.message, code: error.code }, { status: status ?? 502 });
    }
  };
}

/** Serves a web-standard handler with node:http on 127.0.0.1. */
function serve(handler: (request: Request) => Promise<Response>) {
  return createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = new Request(`http://${req.headers.host}${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks),
    });
    const response = await handler(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  }).listen(0, '127.0.0.1');
}

async function main(): Promise<void> {
  let model: Predictor<Row[], Scores>;
  let cleanup = async () => {};
  if (process.env.ENDPOINT_NAME) {
    // A real endpoint: region and credentials come from the standard AWS chain.
    model = new Predictor<Row[], Scores>({ endpointName: process.env.ENDPOINT_NAME });
  } else {
    // Offline: serve iris on the Local target and point a standalone predictor at it, as a backend would at AWS.
    const { Local, Model } = await import('../src/index.js');
    const { writeIrisModel } = await import('../scripts/make-iris-model.js');
    await writeIrisModel('.tmp/models/iris.onnx');
    const deployment = await Model.fromFile('.tmp/models/iris.onnx').deployTo(Local()).withName('iris').deploy();
    const { url } = deployment.outputs.get('start-server') as { url: string };
    model = new Predictor<Row[], Scores>({
      endpointName: 'iris',
      clientConfig: {
        endpoint: url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      },
    });
    cleanup = () => deployment.destroy();
  }

  const server = serve(scoreRoute(model));
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const rows of [
    [
      [5.1, 3.5, 1.4, 0.2],
      [6.7, 3.0, 5.2, 2.3],
    ],
    [[1, 2]],
  ]) {
    const response = await fetch(`${base}/score`, { method: 'POST', body: JSON.stringify({ rows }) });
    console.log(`POST /score ${JSON.stringify(rows)} → ${response.status} ${await response.text()}`);
  }
  server.close();
  await cleanup();
}

if (process.env.ENDPOINT_NAME) {
  await requireAwsCredentials('predictor-backend', {
    cost: 'the requests it sends to your endpoint (a few InvokeEndpoint calls); it creates nothing.',
  });
}
await main();
