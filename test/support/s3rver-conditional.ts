/**
 * S3's conditional writes, which s3rver 3 ignores, added as Koa middleware in front of its router (as
 * ./s3rver-multipart.ts adds multipart pieces), so that the registry's races can be tested against a real server:
 * - PutObject, CopyObject and CompleteMultipartUpload with `If-None-Match: *` → 412 PreconditionFailed when the key
 *   holds an object;
 * - the same with `If-Match: "<etag>"` → 412 when the key holds no object or one with another ETag;
 * - GetObject and HeadObject with `If-Match` → 412 when the ETag differs (s3rver serves the object regardless).
 * The answer is S3's XML error, so the AWS SDK throws an error named `PreconditionFailed` with HTTP status 412.
 *
 * Atomic as S3 is: every request for one object (reads too) waits for the requests for that object before it to
 * finish, so a conditional write's check and its write cannot interleave with another write, and nobody reads an
 * object s3rver is half-way through writing (it writes the file in place, then its ETag). Requests for other objects
 * still run in parallel. One server process only: that is all a test server needs.
 */
import type S3rver from 's3rver';
import type { S3rverContext, S3rverMiddleware } from 's3rver';

// What s3rver's filesystem store offers beyond the typed part (see ./s3rver.d.ts): the object's metadata, with its
// ETag quoted; it throws ENOENT when there is no such object.
interface MetadataStore {
  getMetadata(bucket: string, key: string): Promise<{ readonly etag: string }>;
}

/** Installs the middleware; call before `run()`. */
export function addConditionalWrites(server: S3rver): void {
  const store = server.store as unknown as MetadataStore;
  const locks = new KeyLocks();
  const middleware: S3rverMiddleware = async (ctx, next) => {
    const [bucket = '', ...keyParts] = ctx.path.slice(1).split('/');
    const key = keyParts.map(decodeURIComponent).join('/');
    if (bucket === '' || key === '') return next();
    await locks.run(`${bucket}/${key}`, async () => {
      const refusal = await checkConditions(ctx, () => etagOf(store, bucket, key));
      if (refusal === undefined) return next();
      // Nothing of the body is stored, but it is read to its end before answering: a response sent while the client
      // is still sending makes Node close the connection, and the client's next request on it fails (ECONNRESET).
      for await (const _ of ctx.req) {
        // discarded
      }
      preconditionFailed(ctx, refusal, key);
    });
  };
  // Koa runs middleware in order; the router is the last one.
  server.middleware.splice(server.middleware.length - 1, 0, middleware);
}

/** The header whose condition does not hold; undefined when the request may go on. */
async function checkConditions(
  ctx: S3rverContext,
  currentEtag: () => Promise<string | undefined>,
): Promise<'If-None-Match' | 'If-Match' | undefined> {
  const headers = ctx.req.headers;
  const ifNoneMatch = headers['if-none-match'];
  const ifMatch = headers['if-match'];
  if (ifNoneMatch === undefined && ifMatch === undefined) return undefined;
  const write = isObjectWrite(ctx);
  // A GET's If-None-Match is s3rver's to answer (304 Not Modified), which it does.
  if (!write && !(ctx.method === 'GET' || ctx.method === 'HEAD')) return undefined;
  const etag = await currentEtag();
  if (write && ifNoneMatch !== undefined && ifNoneMatch.trim() === '*' && etag !== undefined) return 'If-None-Match';
  // S3 compares ETags without their quotes.
  if (ifMatch !== undefined && (etag === undefined || unquote(ifMatch) !== unquote(etag))) return 'If-Match';
  return undefined;
}

// What writes an object's content: PUT (upload or copy) without a sub-resource, and CompleteMultipartUpload.
function isObjectWrite(ctx: S3rverContext): boolean {
  const subresource = ['uploadId', 'partNumber', 'tagging', 'acl', 'uploads'].some((name) => name in ctx.query);
  if (ctx.method === 'PUT') return !subresource;
  return ctx.method === 'POST' && typeof ctx.query.uploadId === 'string';
}

async function etagOf(store: MetadataStore, bucket: string, key: string): Promise<string | undefined> {
  try {
    return (await store.getMetadata(bucket, key)).etag;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw error;
  }
}

function preconditionFailed(ctx: S3rverContext, condition: string, key: string): void {
  ctx.status = 412;
  if (ctx.method === 'HEAD') return; // S3 answers HEAD errors without a body
  ctx.type = 'application/xml';
  ctx.body =
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>PreconditionFailed</Code>' +
    '<Message>At least one of the pre-conditions you specified did not hold</Message>' +
    `<Condition>${condition}</Condition><Key>${escapeXml(key)}</Key><RequestId>s3rver-conditional</RequestId></Error>`;
}

/** One queue per key: `run` waits for every earlier `run` of the same key to finish, then runs `task`. */
class KeyLocks {
  readonly #tails = new Map<string, Promise<void>>();

  async run(key: string, task: () => Promise<void>): Promise<void> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let release = (): void => {};
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => done);
    this.#tails.set(key, tail);
    await previous;
    try {
      await task();
    } finally {
      release();
      // The last in the queue forgets the key, so the map does not grow with every key ever touched.
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }
}

function unquote(etag: string): string {
  return etag.trim().replace(/^W\//, '').replaceAll('"', '');
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
