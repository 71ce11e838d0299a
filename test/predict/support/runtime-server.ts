/**
 * A tiny SageMaker Runtime API on 127.0.0.1, just enough for the real `SageMakerRuntimeClient` to talk to:
 * `POST /endpoints/{name}/invocations` and `/invocations-response-stream`. Each request takes the next scripted
 * reply (the last one repeats), so a test says "503 twice, then 200" and counts what arrived.
 */
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';

/** What the server saw. */
export interface SeenRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** One scripted reply. */
export type Reply =
  | { readonly status: number; readonly body?: string | Uint8Array; readonly headers?: Record<string, string> }
  /** A SageMaker Runtime error, as the service sends it: status, `X-Amzn-ErrorType` and a JSON body. */
  | { readonly error: string; readonly status: number; readonly members?: Record<string, unknown> }
  /** A response stream: each event written after `delayMs`; `hold` keeps the response open at the end. */
  | { readonly stream: readonly StreamEvent[]; readonly delayMs?: number; readonly hold?: boolean }
  /** Drop the connection without answering. */
  | { readonly reset: true }
  /** Answer with whatever the function returns, given the request (e.g. an echo). */
  | ((request: SeenRequest) => Reply);

export type StreamEvent =
  | { readonly part: string | Uint8Array }
  | { readonly exception: string; readonly members: Record<string, unknown> };

const codec = new EventStreamCodec(toUtf8, fromUtf8);

export interface RuntimeServer {
  readonly url: string;
  readonly requests: SeenRequest[];
  /** Resolves when a response stream's connection closes (the client went away or it ended). */
  readonly streamClosed: Promise<void>;
  reply(...replies: Reply[]): void;
  close(): Promise<void>;
}

export async function startRuntimeServer(): Promise<RuntimeServer> {
  const requests: SeenRequest[] = [];
  let script: Reply[] = [{ status: 200, body: '{}' }];
  let closedStream!: () => void;
  const streamClosed = new Promise<void>((resolve) => {
    closedStream = resolve;
  });
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const seen = { path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
    requests.push(seen);
    let reply = script.length > 1 ? script.shift()! : script[0]!;
    while (typeof reply === 'function') reply = reply(seen);
    await answer(reply, res, closedStream);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    streamClosed,
    reply: (...replies) => {
      script = replies;
    },
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

async function answer(reply: Exclude<Reply, (r: SeenRequest) => Reply>, res: ServerResponse, closed: () => void) {
  if ('reset' in reply) {
    res.socket?.destroy();
    return;
  }
  if ('error' in reply) {
    res.writeHead(reply.status, { 'Content-Type': 'application/json', 'X-Amzn-ErrorType': reply.error });
    res.end(JSON.stringify({ Message: `${reply.error} from the test server`, ...reply.members }));
    return;
  }
  if ('stream' in reply) {
    res.on('close', closed);
    res.writeHead(200, {
      'Content-Type': 'application/vnd.amazon.eventstream',
      'X-Amzn-SageMaker-Content-Type': 'text/plain',
      'X-Amzn-Invoked-Production-Variant': 'AllTraffic',
    });
    for (const event of reply.stream) {
      if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
      if (res.destroyed) return;
      res.write(encode(event));
    }
    if (!reply.hold) res.end();
    return;
  }
  res.writeHead(reply.status, {
    'Content-Type': 'application/json',
    'X-Amzn-Invoked-Production-Variant': 'AllTraffic',
    ...reply.headers,
  });
  res.end(reply.body ?? '');
}

function encode(event: StreamEvent): Uint8Array {
  if ('part' in event) {
    return codec.encode({
      headers: {
        ':message-type': { type: 'string', value: 'event' },
        ':event-type': { type: 'string', value: 'PayloadPart' },
        ':content-type': { type: 'string', value: 'application/octet-stream' },
      },
      body: typeof event.part === 'string' ? fromUtf8(event.part) : event.part,
    });
  }
  return codec.encode({
    headers: {
      ':message-type': { type: 'string', value: 'exception' },
      ':exception-type': { type: 'string', value: event.exception },
      ':content-type': { type: 'string', value: 'application/json' },
    },
    body: fromUtf8(JSON.stringify(event.members)),
  });
}
