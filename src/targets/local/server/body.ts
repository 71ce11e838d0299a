/**
 * Request bodies, read with a limit: a body over the limit is refused from its `Content-Length` before any of it
 * is read, or as soon as a chunked body passes the limit, so a large upload never sits in memory.
 */
import type { IncomingMessage } from 'node:http';
import { validationError, type WireError } from './wire.js';

/** SageMaker real-time endpoints accept request bodies up to 6 MB. */
export const MAX_REQUEST_BYTES = 6 * 1024 * 1024;

// After refusing a body, the rest of it is read and dropped so the client, still uploading, can read the answer;
// past this much the connection is cut instead.
const MAX_DISCARD_BYTES = 64 * 1024 * 1024;

/** The 413 answer: names the limit and what to do instead. */
export function bodyTooLarge(size: number, limit: number, declared: boolean): WireError {
  const mb = limit / (1024 * 1024);
  return validationError(
    `The request body (${declared ? '' : 'at least '}${size} bytes) is larger than the ${mb} MB (${limit} bytes) ` +
      'a real-time endpoint accepts. Send fewer rows per request, or use asynchronous inference ' +
      '(InvokeEndpointAsync reads payloads of up to 1 GB from S3) for large inputs.',
    413,
  );
}

/** The declared `Content-Length`, or undefined for a chunked body. */
export function declaredLength(req: IncomingMessage): number | undefined {
  const header = req.headers['content-length'];
  if (header === undefined) return undefined;
  const length = Number(header);
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
}

/**
 * Reads the whole body, up to `limit` bytes.
 * @throws {@link WireError} 413 when the body is larger than `limit`; 400 when the client stopped sending.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = declaredLength(req);
  if (declared !== undefined && declared > limit) return Promise.reject(bodyTooLarge(declared, limit, true));
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onBroken);
      req.off('close', onBroken);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.byteLength;
      if (size > limit) {
        cleanup();
        reject(bodyTooLarge(size, limit, false));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onBroken = (): void => {
      cleanup();
      reject(validationError('The request body was not received completely: the client stopped sending.'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onBroken);
    req.on('close', onBroken);
  });
}

/**
 * Reads and drops what is left of a body the server will not use, so the client can finish sending; resolves once
 * it has (or the connection ended). Past a bound the connection is cut, so a client cannot make the server read
 * without end.
 */
export function discardBody(req: IncomingMessage): Promise<void> {
  if (req.readableEnded) return Promise.resolve();
  return new Promise<void>((resolve) => {
    let dropped = 0;
    req.on('data', (chunk: Buffer) => {
      dropped += chunk.byteLength;
      if (dropped > MAX_DISCARD_BYTES) req.socket.destroy();
    });
    req.on('end', resolve);
    req.on('close', resolve);
    req.on('error', () => resolve());
    req.resume();
  });
}
