// Helpers for the Lambda packaging tests: read a zip as Lambda would (yauzl), extract it, and run its handler in
// a child process, where the only onnxruntime it can find is the zip's own.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterAll } from 'vitest';
import yauzl from 'yauzl';

/** One entry of a zip, as its central directory describes it. */
export interface ZipEntryInfo {
  readonly name: string;
  readonly size: number;
  /** Unix mode, from the external attributes. */
  readonly mode: number;
  readonly dosDate: number;
  readonly dosTime: number;
  /** Extra fields' header ids (0x5455 is the extended timestamp). */
  readonly extraIds: number[];
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (error, zip) => (error ? reject(error) : resolve(zip))),
  );
}

/** Calls `each` on every entry of the zip at `path`, in central directory order. */
async function walkZip(path: string, each: (zip: yauzl.ZipFile, entry: yauzl.Entry) => Promise<void>): Promise<void> {
  const zip = await openZip(path);
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        each(zip, entry).then(() => zip.readEntry(), reject);
      });
      zip.on('end', () => resolve());
      zip.on('error', reject);
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}

/** The zip's entries, in the order its central directory lists them. */
export async function zipEntries(path: string): Promise<ZipEntryInfo[]> {
  const entries: ZipEntryInfo[] = [];
  await walkZip(path, async (_zip, entry) => {
    entries.push({
      name: entry.fileName,
      size: entry.uncompressedSize,
      mode: entry.externalFileAttributes >>> 16,
      dosDate: entry.lastModFileDate,
      dosTime: entry.lastModFileTime,
      extraIds: entry.extraFields.map((field) => field.id),
    });
  });
  return entries;
}

/** The contents of one entry, as text. */
export async function zipText(path: string, name: string): Promise<string | undefined> {
  let text: string | undefined;
  await walkZip(path, async (zip, entry) => {
    if (entry.fileName !== name) return;
    const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
      zip.openReadStream(entry, (error, s) => (error ? reject(error) : resolve(s))),
    );
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    text = Buffer.concat(chunks).toString('utf8');
  });
  return text;
}

/** Extracts the zip at `path` into `dir`, as Lambda extracts a function's package into /var/task. */
export async function extractZip(path: string, dir: string): Promise<void> {
  await walkZip(path, async (zip, entry) => {
    const target = join(dir, entry.fileName);
    await mkdir(dirname(target), { recursive: true });
    const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
      zip.openReadStream(entry, (error, s) => (error ? reject(error) : resolve(s))),
    );
    await pipeline(stream, createWriteStream(target, { mode: entry.externalFileAttributes >>> 16 || 0o644 }));
  });
}

const made: string[] = [];

afterAll(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A new folder under the system's temp folder (outside the repository, so nothing resolves its node_modules). */
export async function tempDir(prefix = 'modelship-lambda-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** What the child process reports. */
export interface ChildRun {
  /** The handler's result for each event, in order. */
  readonly results: unknown[];
  /** Shared objects of onnxruntime mapped into the child (Linux only), to show which copy it loaded. */
  readonly loaded: string[];
}

// Imports the function as Lambda's Node.js runtime does, calls its handler with each event read from stdin.
const CHILD = `
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const events = JSON.parse(readFileSync(0, 'utf8'));
const { handler } = await import(pathToFileURL(process.cwd() + '/index.mjs').href);
const context = { getRemainingTimeInMillis: () => 30000 };
const results = [];
for (const event of events) results.push(await handler(event, context));
let loaded = [];
try {
  loaded = [...new Set(readFileSync('/proc/self/maps', 'utf8').split('\\n')
    .map((line) => line.split(/\\s+/).slice(5).join(' '))
    .filter((file) => /onnxruntime/.test(file) && /\\.(node|so[.\\d]*)$/.test(file)))];
} catch {}
process.stdout.write(JSON.stringify({ results, loaded }));
`;

/** Runs `index.mjs` of the extracted function in `dir` in a fresh Node.js process, on `events`. */
export function runFunction(dir: string, events: readonly unknown[]): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    // No NODE_OPTIONS or NODE_PATH from the test runner: the function sees only its own files, as in Lambda. No HOME
    // either, as in Lambda (onnxruntime then keeps its telemetry id in memory).
    const env = { PATH: process.env.PATH ?? '' };
    const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD], { cwd: dir, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`The function's process exited with ${code}: ${stderr}`));
      try {
        resolve(JSON.parse(stdout) as ChildRun);
      } catch (error) {
        reject(new Error(`The function's process printed no result (${(error as Error).message}): ${stdout}${stderr}`));
      }
    });
    child.stdin.end(JSON.stringify(events));
  });
}

/** A Function URL (payload format 2.0) POST event. */
export function functionUrlEvent(body: Uint8Array, headers: Record<string, string>): unknown {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/',
    rawQueryString: '',
    headers: { host: 'abc.lambda-url.us-east-1.on.aws', ...headers },
    requestContext: { http: { method: 'POST', path: '/', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1' } },
    body: Buffer.from(body).toString('base64'),
    isBase64Encoded: true,
  };
}

/** The Lambda architecture of this machine, for packages its Node.js can run. */
export const HOST_ARCHITECTURE = process.arch === 'arm64' ? 'arm64' : 'x86_64';

/** True where the host can run a Lambda package's Linux binaries. */
export const CAN_RUN_LINUX_BINARIES =
  process.platform === 'linux' && (process.arch === 'x64' || process.arch === 'arm64');
