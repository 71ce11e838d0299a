/**
 * What s3rver 3 lacks for testing uploads, added as Koa middleware in front of its router:
 * - AbortMultipartUpload (`DELETE /bucket/key?uploadId=…`, which s3rver refuses with MethodNotAllowed),
 * - ListMultipartUploads (`GET /bucket?uploads`, NotImplemented in s3rver), listing every upload folder s3rver keeps
 *   its parts in, including one a late part recreated after an abort (that is what the test must catch),
 * - the `x-amz-bucket-region` header S3 puts on HeadBucket answers.
 * Parts live in `<directory>/<bucket>/._S3rver_uploads/<uploadId>/`, with the key in a `key` file.
 */
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type S3rver from 's3rver';
import type { S3rverContext, S3rverMiddleware } from 's3rver';

/** Installs the middleware; call before `run()`. */
export function addMultipartSupport(server: S3rver, region: string): void {
  const middleware: S3rverMiddleware = async (ctx, next) => {
    const [bucket = '', ...keyParts] = ctx.path.slice(1).split('/');
    const key = keyParts.map(decodeURIComponent).join('/');
    const uploads = server.store.getResourcePath(bucket, undefined, 'uploads');
    if (ctx.method === 'DELETE' && key !== '' && typeof ctx.query.uploadId === 'string') {
      return abortUpload(ctx, join(uploads, ctx.query.uploadId));
    }
    if (ctx.method === 'GET' && key === '' && 'uploads' in ctx.query) {
      return listUploads(ctx, bucket, uploads);
    }
    await next();
    if (ctx.method === 'HEAD' && bucket !== '' && key === '') ctx.set('x-amz-bucket-region', region);
  };
  // Koa runs middleware in order; the router is the last one and would refuse both requests.
  server.middleware.splice(server.middleware.length - 1, 0, middleware);
}

async function abortUpload(ctx: S3rverContext, folder: string): Promise<void> {
  if (!(await exists(folder))) {
    return xml(
      ctx,
      404,
      '<Error><Code>NoSuchUpload</Code><Message>The specified upload does not exist.</Message></Error>',
    );
  }
  await rm(folder, { recursive: true, force: true });
  ctx.status = 204;
}

async function listUploads(ctx: S3rverContext, bucket: string, folder: string): Promise<void> {
  const ids = (await exists(folder)) ? await readdir(folder) : [];
  const entries = await Promise.all(
    ids.sort().map(async (id) => {
      const key = await readFile(join(folder, id, 'key'), 'utf8').catch(() => '');
      return `<Upload><Key>${escapeXml(key)}</Key><UploadId>${escapeXml(id)}</UploadId></Upload>`;
    }),
  );
  xml(
    ctx,
    200,
    `<ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>${escapeXml(bucket)}</Bucket>` +
      `<IsTruncated>false</IsTruncated>${entries.join('')}</ListMultipartUploadsResult>`,
  );
}

function xml(ctx: S3rverContext, status: number, body: string): void {
  ctx.status = status;
  ctx.type = 'application/xml';
  ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
