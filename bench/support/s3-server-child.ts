/**
 * The child process of {@link ./s3-server-process.ts}: runs the repo's loopback S3 server (test/support/s3-server.ts)
 * with the buckets named on the command line, prints `{ endpoint, region }` as one JSON line on stdout, and closes
 * the server (which deletes its folder) when stdin ends or the process is asked to stop.
 */
import { startS3Server } from '../../test/support/s3-server.js';

const server = await startS3Server({ buckets: process.argv.slice(2) });
process.stdout.write(`${JSON.stringify({ endpoint: server.endpoint, region: server.region })}\n`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.stdin.on('end', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
