/**
 * A local HTTP server standing in for a Function URL with IAM auth: it verifies every request's SigV4 signature
 * by recomputing it with the SDK's signer from what actually arrived (method, path, query, the signed headers
 * and the body's own hash) and answers 403 as Lambda does when it does not match or is missing.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';

export const ACCESS_KEY_ID = 'AKIDEXAMPLE';
export const SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

/** A request that passed the signature check. */
export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
}

export type Route = (request: ReceivedRequest, response: ServerResponse) => void | Promise<void>;

export interface SigningServer {
  readonly url: string;
  readonly received: ReceivedRequest[];
  close(): Promise<void>;
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

/** Starts the server on 127.0.0.1; `verify: false` serves unsigned requests too (a URL with auth NONE). */
export async function startSigningServer(options: {
  region: string;
  service: string;
  verify?: boolean;
  route: Route;
}): Promise<SigningServer> {
  const received: ReceivedRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request: ReceivedRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      body: Buffer.concat(chunks),
    };
    if (options.verify !== false) {
      const problem = await checkSignature(request, options.region, options.service);
      if (problem !== undefined) {
        res.writeHead(403, { 'content-type': 'application/json', 'x-amzn-errortype': 'AccessDeniedException' });
        res.end(JSON.stringify({ Message: `Forbidden. ${problem}` }));
        return;
      }
    }
    received.push(request);
    await options.route(request, res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Why the request's signature is not valid, or undefined when it is. */
async function checkSignature(request: ReceivedRequest, region: string, service: string): Promise<string | undefined> {
  const authorization = request.headers.authorization;
  const match = typeof authorization === 'string' ? AUTHORIZATION.exec(authorization) : null;
  if (match === null) return 'Missing or malformed Authorization header.';
  const [, keyId, , scopeRegion, scopeService, signedHeaders] = match;
  if (keyId !== ACCESS_KEY_ID || scopeRegion !== region || scopeService !== service) {
    return `Wrong credential scope ${keyId}/${scopeRegion}/${scopeService}.`;
  }
  const headers: Record<string, string> = {};
  for (const name of signedHeaders!.split(';')) {
    const value = request.headers[name];
    if (value === undefined) return `Signed header ${name} is missing.`;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  // Recomputed from the body that arrived, not taken from the client's header: a changed body must fail.
  delete headers['x-amz-content-sha256'];
  const amzDate = headers['x-amz-date'] ?? '';
  const signingDate = new Date(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
  const url = new URL(request.path, `http://${request.headers.host}`);
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = value;
  const signer = new SignatureV4({
    service,
    region,
    credentials: {
      accessKeyId: ACCESS_KEY_ID,
      secretAccessKey: SECRET_ACCESS_KEY,
      ...(headers['x-amz-security-token'] === undefined ? {} : { sessionToken: headers['x-amz-security-token'] }),
    },
    sha256: Sha256,
  });
  const expected = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query,
      headers,
      body: new Uint8Array(request.body),
    },
    { signingDate },
  );
  return expected.headers.authorization === authorization ? undefined : 'The signature does not match.';
}
