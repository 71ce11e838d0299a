/**
 * A real S3-compatible server on loopback for upload tests: s3rver (https://github.com/jamhall/s3rver) on
 * 127.0.0.1, an ephemeral port and a fresh temp folder, with multipart abort and listing added
 * (see ./s3rver-multipart.ts). The AWS SDK talks to it over real sockets, exactly as to S3.
 *
 * @example
 * ```ts
 * const s3 = await startS3Server({ buckets: ['artifacts'] });
 * await uploadArtifact(s3.aws, { … bucket: 'artifacts' … });
 * await s3.close();
 * ```
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListMultipartUploadsCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { AwsContext } from '../../src/aws/context.js';
import { addConditionalWrites } from './s3rver-conditional.js';
import { addMultipartSupport } from './s3rver-multipart.js';

/** s3rver's built-in account: it checks request signatures against this key pair. */
const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface S3ServerOptions {
  /** Buckets that exist from the start. */
  readonly buckets?: readonly string[];
  /**
   * The region the server claims its buckets are in, and the client's region.
   * @default 'us-east-1'
   */
  readonly region?: string;
  /**
   * Enforce S3's conditional writes (`If-None-Match: *`, `If-Match: <etag>`), which s3rver ignores: see
   * ./s3rver-conditional.ts.
   * @default false
   */
  readonly conditionalWrites?: boolean;
  /** More middleware to install before the server starts, each given the s3rver instance (as the two above). */
  readonly extensions?: readonly ((server: S3rver) => void)[];
}

export interface S3Server {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  readonly region: string;
  /** A client for the server: path-style, checksums only where S3 requires them (s3rver cannot check others). */
  readonly client: S3Client;
  /** An AWS context whose S3 client is {@link client}. */
  readonly aws: AwsContext;
  /** The commands {@link client} has sent, by name (`UploadPartCommand`, …), oldest first; empty it at will. */
  readonly sent: string[];
  /** The keys of the multipart uploads begun and neither completed nor aborted in `bucket`. */
  pendingUploads(bucket: string): Promise<string[]>;
  /** Stops the server, closes the client and deletes the server's folder. */
  close(): Promise<void>;
}

/** Starts an S3 server on 127.0.0.1. */
export async function startS3Server(options: S3ServerOptions = {}): Promise<S3Server> {
  const region = options.region ?? 'us-east-1';
  const directory = await mkdtemp(join(tmpdir(), 'modelship-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    // Path-style requests to 127.0.0.1 only: never guess a bucket from the host name.
    vhostBuckets: false,
    configureBuckets: (options.buckets ?? []).map((name) => ({ name })),
  });
  addMultipartSupport(server, region);
  if (options.conditionalWrites === true) addConditionalWrites(server);
  for (const extend of options.extensions ?? []) extend(server);
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    region,
    endpoint,
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
    // s3rver predates S3's default CRC32 checksums and their aws-chunked bodies.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // Loopback: a failure is a bug to see at once, not a blip to retry.
    maxAttempts: 1,
  });
  const sent: string[] = [];
  client.middlewareStack.add(
    (next, context) => (args) => {
      sent.push(context.commandName ?? '?');
      return next(args);
    },
    { step: 'initialize', name: 'recordCommands' },
  );
  const aws = new AwsContext({ region, credentials: S3RVER_CREDENTIALS, clients: [client] });
  return {
    endpoint,
    region,
    client,
    aws,
    sent,
    async pendingUploads(bucket) {
      const output = await client.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
      return (output.Uploads ?? []).map((upload) => upload.Key ?? '');
    },
    async close() {
      client.destroy();
      aws.destroy();
      server.httpServer?.closeAllConnections();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
