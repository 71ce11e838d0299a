/**
 * The repo's loopback S3 server (test/support/s3-server.ts, s3rver with multipart support) in a process of its own,
 * for benchmarks that compare an in-process client with an external one (the AWS CLI): run in the benchmark's own
 * process, the server would share an event loop with the in-process client but not with the external one, and the
 * comparison would be unfair. Here both clients reach the server the same way, over loopback from another process.
 *
 * `client` and `aws` are configured as the test helper configures its own client (path-style, S3RVER credentials,
 * checksums only where S3 requires them, no retries), since that client cannot cross the process boundary.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { S3Client } from '@aws-sdk/client-s3';
import { AwsContext } from '../../src/aws/context.js';

/** s3rver's built-in key pair, which it checks signatures against. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface S3ServerProcess {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  readonly region: string;
  /** The server's process id. */
  readonly pid: number;
  /** A client for the server, in this process. */
  readonly client: S3Client;
  /** An AWS context whose S3 client is {@link client}. */
  readonly aws: AwsContext;
  /** Closes the client, stops the server and waits until its process has deleted the server's folder and exited. */
  close(): Promise<void>;
}

/** Starts the loopback S3 server in a child process, with `buckets` created. */
export async function spawnS3Server(buckets: readonly string[]): Promise<S3ServerProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      import.meta.resolve('tsx'),
      fileURLToPath(new URL('./s3-server-child.ts', import.meta.url)),
      ...buckets,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const { endpoint, region } = await firstLine(child);
  const client = new S3Client({
    region,
    endpoint,
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 1,
  });
  const aws = new AwsContext({ region, credentials: S3RVER_CREDENTIALS, clients: [client] });
  return {
    endpoint,
    region,
    pid: child.pid ?? -1,
    client,
    aws,
    async close() {
      client.destroy();
      aws.destroy();
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.stdin?.end();
      const [code] = (await exited) as [number | null];
      if (code !== 0) throw new Error(`The S3 server process exited with code ${code}.`);
    },
  };
}

/** The `{ endpoint, region }` line the child prints once its server listens. */
async function firstLine(child: ChildProcess): Promise<{ endpoint: string; region: string }> {
  if (child.stdout === null) throw new Error('The S3 server process has no stdout.');
  const lines = createInterface({ input: child.stdout });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`The S3 server process exited (code ${String(code)}) before it was ready.`);
  });
  try {
    const [line] = (await Promise.race([once(lines, 'line'), exited])) as [string];
    return JSON.parse(line) as { endpoint: string; region: string };
  } finally {
    lines.close();
    exited.catch(() => {});
  }
}
