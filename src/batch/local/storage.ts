/**
 * Where a Local job reads and writes: a folder on this machine, or an S3 prefix (the loopback S3 server in tests,
 * or real S3), behind one small interface so the runner does not care which.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { callAws } from '../../aws/call.js';
import type { AwsContext } from '../../aws/context.js';
import { InvalidArgumentError, NotFoundError } from '../../errors.js';
import { validateBucketName } from '../../model/artifact/index.js';

/** A folder or S3 prefix, addressed by names relative to it (`part-1.csv`, `2024/part-2.csv`). */
export interface Storage {
  /** The location as the user gave it. */
  readonly location: string;
  /** Every object (or file, at any depth) under the location, sorted. */
  list(signal: AbortSignal): Promise<string[]>;
  read(name: string, signal: AbortSignal): Promise<Uint8Array>;
  write(name: string, body: Uint8Array, contentType: string | undefined, signal: AbortSignal): Promise<string>;
}

const S3_PREFIX = /^s3:\/\/([^/]+)\/?(.*)$/;

/**
 * The storage at `location`: `s3://bucket/prefix/` through `aws`'s S3 client, anything else a local folder.
 * @throws {@link InvalidArgumentError} for an S3 location without an AWS context or with a bad bucket name.
 */
export function storageAt(location: string, argument: string, aws: AwsContext | undefined): Storage {
  const match = S3_PREFIX.exec(location);
  if (match === null) return folderStorage(location);
  if (aws === undefined) {
    throw new InvalidArgumentError(argument, `${argument} ${location} is in S3: pass { aws } to read and write it.`);
  }
  const bucket = match[1] as string;
  validateBucketName(bucket, argument);
  return s3Storage(aws, location, bucket, match[2] ?? '');
}

function folderStorage(location: string): Storage {
  const root = resolve(location);
  const inside = (name: string) => {
    const path = resolve(root, name);
    if (path !== root && !path.startsWith(root + sep)) throw new Error(`${name} is outside ${root}`);
    return path;
  };
  return {
    location,
    async list() {
      const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch((error: unknown) => {
        throw new NotFoundError(`The input folder ${root} does not exist.`, {
          resource: { kind: 'Folder', name: root },
          cause: error,
        });
      });
      return entries
        .filter((entry) => entry.isFile())
        .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
        .sort();
    },
    read: async (name) => new Uint8Array(await readFile(inside(name))),
    async write(name, body) {
      const path = inside(name);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, body);
      return path;
    },
  };
}

function s3Storage(aws: AwsContext, location: string, bucket: string, prefix: string): Storage {
  const client = () => aws.client(S3Client);
  // An output or input prefix names a folder: `s3://b/in` and `s3://b/in/` both mean the objects under `in/`.
  const base = prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
  const context = (operation: string, key: string) => ({
    service: 'S3',
    operation,
    resource: { kind: 'S3 object', name: `s3://${bucket}/${key}` },
  });
  return {
    location,
    async list(signal) {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await callAws(context('ListObjectsV2', base), () =>
          client().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: base, ContinuationToken: token }), {
            abortSignal: signal,
          }),
        );
        for (const item of page.Contents ?? []) {
          if (item.Key !== undefined && !item.Key.endsWith('/')) keys.push(item.Key.slice(base.length));
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token !== undefined);
      return keys.sort();
    },
    async read(name, signal) {
      const out = await callAws(context('GetObject', base + name), () =>
        client().send(new GetObjectCommand({ Bucket: bucket, Key: base + name }), { abortSignal: signal }),
      );
      return out.Body === undefined ? new Uint8Array() : await out.Body.transformToByteArray();
    },
    async write(name, body, contentType, signal) {
      const key = base + name;
      await callAws(context('PutObject', key), () =>
        client().send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: body,
            ...(contentType ? { ContentType: contentType } : {}),
          }),
          { abortSignal: signal },
        ),
      );
      return `s3://${bucket}/${key}`;
    },
  };
}
