/**
 * ListObjectsV2 as S3 answers it, in front of s3rver 3's, which the registry's listings cannot use:
 * - its continuation tokens are DES-encrypted, which Node 20's OpenSSL 3 no longer offers, so a truncated listing
 *   (or a request carrying a token) fails with InternalError;
 * - with a delimiter it only finds common prefixes that hold an object directly (`models/churn/` is missed when the
 *   objects are in `models/churn/versions/`).
 * Here a listing takes every key under the prefix from s3rver's store, sums keys up into common prefixes, and pages
 * keys and prefixes together by `max-keys`, as S3 does (and a listing that races a write is read again rather than
 * failing on s3rver's half-written metadata); the continuation token is the last key or prefix returned
 * (base64url). Install it with `startS3Server({ extensions: [addListObjectsV2] })`.
 */
import type S3rver from 's3rver';
import type { S3rverContext, S3rverMiddleware } from 's3rver';

// The part of s3rver's filesystem store used here, beyond the typed part (see test/support/s3rver.d.ts).
interface ListingStore {
  getBucket(bucket: string): Promise<object | null>;
  listObjects(
    bucket: string,
    options: { prefix: string; maxKeys: number },
  ): Promise<{ objects: { key: string; size: number; lastModifiedDate: Date; metadata: { etag: string } }[] }>;
}

type Item =
  | { readonly kind: 'key'; readonly name: string; readonly xml: string }
  | { readonly kind: 'prefix'; readonly name: string };

/** Installs the middleware; call before `run()`. */
export function addListObjectsV2(server: S3rver): void {
  const store = server.store as unknown as ListingStore;
  const middleware: S3rverMiddleware = async (ctx, next) => {
    const bucket = ctx.path.slice(1).replace(/\/$/, '');
    const isList = ctx.method === 'GET' && bucket !== '' && !bucket.includes('/') && ctx.query['list-type'] === '2';
    // A missing bucket is s3rver's to refuse (NoSuchBucket).
    if (!isList || (await store.getBucket(bucket)) === null) return next();
    await list(ctx, store, bucket);
  };
  server.middleware.splice(server.middleware.length - 1, 0, middleware);
}

async function list(ctx: S3rverContext, store: ListingStore, bucket: string): Promise<void> {
  const prefix = text(ctx.query.prefix);
  const delimiter = text(ctx.query.delimiter);
  const maxKeys = Math.min(1000, Number(text(ctx.query['max-keys']) || '1000'));
  const token = text(ctx.query['continuation-token']);
  const after = token === '' ? text(ctx.query['start-after']) : Buffer.from(token, 'base64url').toString('utf8');
  const objects = await everyObject(store, bucket, prefix);
  const items: Item[] = [];
  for (const object of [...objects].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    // After a common prefix, nothing inside it comes again.
    if (object.key <= after || (after.endsWith(delimiter) && delimiter !== '' && object.key.startsWith(after)))
      continue;
    const cut = delimiter === '' ? -1 : object.key.indexOf(delimiter, prefix.length);
    if (cut !== -1) {
      const folder = object.key.slice(0, cut + delimiter.length);
      if (items.at(-1)?.name !== folder) items.push({ kind: 'prefix', name: folder });
      continue;
    }
    items.push({ kind: 'key', name: object.key, xml: contents(object) });
  }
  const page = items.slice(0, maxKeys);
  const truncated = items.length > page.length;
  const next = truncated ? Buffer.from(page.at(-1)?.name ?? '', 'utf8').toString('base64url') : '';
  ctx.status = 200;
  ctx.type = 'application/xml';
  ctx.body =
    '<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
    `<Name>${escapeXml(bucket)}</Name><Prefix>${escapeXml(prefix)}</Prefix><KeyCount>${page.length}</KeyCount>` +
    `<MaxKeys>${maxKeys}</MaxKeys>${delimiter === '' ? '' : `<Delimiter>${escapeXml(delimiter)}</Delimiter>`}` +
    `<IsTruncated>${truncated}</IsTruncated>` +
    (token === '' ? '' : `<ContinuationToken>${escapeXml(token)}</ContinuationToken>`) +
    (next === '' ? '' : `<NextContinuationToken>${next}</NextContinuationToken>`) +
    page
      .map((item) =>
        item.kind === 'key' ? item.xml : `<CommonPrefixes><Prefix>${escapeXml(item.name)}</Prefix></CommonPrefixes>`,
      )
      .join('') +
    '</ListBucketResult>';
}

// s3rver writes an object's metadata file in place, so a listing that reads it mid-write finds half a JSON document
// and fails (InternalError). S3's listings never see half a write: read again after the write has finished.
async function everyObject(store: ListingStore, bucket: string, prefix: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await store.listObjects(bucket, { prefix, maxKeys: Number.POSITIVE_INFINITY })).objects;
    } catch (error) {
      if (!(error instanceof SyntaxError) || attempt === 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt));
    }
  }
}

function contents(object: { key: string; size: number; lastModifiedDate: Date; metadata: { etag: string } }): string {
  return (
    `<Contents><Key>${escapeXml(object.key)}</Key><LastModified>${object.lastModifiedDate.toISOString()}</LastModified>` +
    `<ETag>${escapeXml(object.metadata.etag)}</ETag><Size>${object.size}</Size><StorageClass>STANDARD</StorageClass>` +
    '</Contents>'
  );
}

function text(value: string | string[] | undefined): string {
  return typeof value === 'string' ? value : '';
}

function escapeXml(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
