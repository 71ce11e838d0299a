/**
 * An HTTP load generator in a child process, so the requests of a server benchmark are made outside the server's
 * process and the figure is the server's throughput, not the client's: callers of a real endpoint live elsewhere
 * too. Plain `node:http` with a keep-alive agent, the lightest client there is.
 *
 * Parent: `const load = await HttpLoad.start(url)`, then `await load.run({ path, body, concurrency, total })`.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { closedLoopThroughput, type Throughput } from './timing.js';

export interface LoadSpec {
  /** e.g. `/endpoints/iris/invocations`. */
  readonly path: string;
  /** A JSON request body. */
  readonly body: string;
  readonly concurrency: number;
  /** Requests in all. */
  readonly total: number;
}

type Reply = { readonly ok: true; readonly result: Throughput } | { readonly ok: false; readonly error: string };

const CHILD_FLAG = '--http-load-child';
/** The child's first message, once it has loaded and listens for specs. */
const READY = 'ready';

/** The parent's handle on the load generator. */
export class HttpLoad {
  readonly #child: ChildProcess;

  private constructor(child: ChildProcess) {
    this.#child = child;
  }

  /**
   * Starts a process that sends requests to `baseUrl` (`http://127.0.0.1:PORT`), and waits until it is ready: a
   * child still loading its modules would take CPU from whatever the parent measures next.
   */
  static async start(baseUrl: string): Promise<HttpLoad> {
    // fork() passes on this process's execArgv, so tsx's loader runs this TypeScript file in the child too.
    const child = fork(fileURLToPath(import.meta.url), [CHILD_FLAG, baseUrl], { stdio: 'inherit' });
    await new Promise<void>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the load generator exited (code ${code})`));
      child.once('error', reject);
      child.once('exit', onExit);
      child.once('message', () => {
        child.off('error', reject);
        child.off('exit', onExit);
        resolve();
      });
    });
    return new HttpLoad(child);
  }

  /** Sends `spec.total` requests, `spec.concurrency` at a time, and returns the throughput the child saw. */
  run(spec: LoadSpec): Promise<Throughput> {
    const child = this.#child;
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the load generator exited (code ${code})`));
      child.once('exit', onExit);
      child.once('message', (reply: Reply) => {
        child.off('exit', onExit);
        if (reply.ok) resolve(reply.result);
        else reject(new Error(reply.error));
      });
      child.send(spec);
    });
  }

  /** Stops the child and waits for it to exit. */
  async close(): Promise<void> {
    const child = this.#child;
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.disconnect();
    await exited;
  }
}

/** One POST; rejects on anything but a 200, so a failing server cannot pass for a fast one. */
function post(agent: Agent, url: string, spec: LoadSpec): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'content-length': Buffer.byteLength(spec.body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve()
            : reject(new Error(`HTTP ${res.statusCode}: ${Buffer.concat(chunks).toString('utf8').slice(0, 200)}`)),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(spec.body);
  });
}

/** The child's side: runs each spec it is sent and answers with the throughput; exits when the parent lets go. */
function serve(baseUrl: string): void {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  process.on('message', (spec: LoadSpec) => {
    closedLoopThroughput(() => post(agent, `${baseUrl}${spec.path}`, spec), spec.concurrency, spec.total).then(
      (result) => process.send?.({ ok: true, result } satisfies Reply),
      (error: unknown) => process.send?.({ ok: false, error: String(error) } satisfies Reply),
    );
  });
  process.on('disconnect', () => {
    agent.destroy();
    process.exit(0);
  });
  process.send?.(READY);
}

if (process.argv[2] === CHILD_FLAG && process.argv[3] !== undefined) serve(process.argv[3]);
