/**
 * The part of s3rver (https://github.com/jamhall/s3rver, no bundled types) the S3 test server uses. S3rver is a
 * Koa application: `middleware` is Koa's own list, read when the server starts.
 */
declare module 's3rver' {
  import type { IncomingMessage, Server, ServerResponse } from 'node:http';

  export interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory?: string;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    vhostBuckets?: boolean;
    configureBuckets?: { name: string; configs?: string[] }[];
  }

  /** The Koa context, as far as the test server's middleware reads it. */
  export interface S3rverContext {
    readonly method: string;
    readonly path: string;
    readonly query: Record<string, string | string[] | undefined>;
    readonly req: IncomingMessage;
    readonly res: ServerResponse;
    status: number;
    body: unknown;
    type: string;
    set(field: string, value: string): void;
  }

  export type S3rverMiddleware = (context: S3rverContext, next: () => Promise<void>) => Promise<void> | void;

  export default class S3rver {
    constructor(options?: S3rverOptions);
    readonly middleware: S3rverMiddleware[];
    readonly httpServer: Server | undefined;
    readonly store: { getResourcePath(bucket: string, key: string | undefined, resource: string): string };
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
  }
}
