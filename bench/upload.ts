/**
 * Artifact upload: modelship's `uploadArtifact` vs `aws s3 cp` (the AWS CLI), the same file to the same loopback
 * S3-compatible server, side by side.
 *
 *   npx tsx bench/upload.ts [--rounds 3] [--size-mib 1024] [--aws /usr/bin/aws]
 *
 * The artifact is a file of random bytes (1 GiB by default) in a temp folder, made and hashed once, before any
 * timing. The server is the repo's test server (test/support/s3-server.ts: s3rver with multipart support) in a
 * process of its own, so both clients reach it the same way: over loopback, from another process.
 *
 * - modelship: `uploadArtifact` with its defaults (HeadObject, then a multipart upload of 8 MiB parts, 10 at a time,
 *   SHA-256 in the metadata, `If-None-Match: *`), from this process, with the test helper's client settings.
 * - CLI: `aws s3 cp FILE s3://bucket/key --endpoint-url …`, a fresh process per upload, with a temp config that sets
 *   path-style addressing, the CLI's default transfer settings written out (8 MiB parts, 10 requests at a time) and
 *   checksums only where S3 requires them (CLI v1 ≥ 1.37 and v2 ≥ 2.23 otherwise send CRC checksums, and s3rver
 *   predates them).
 *
 * Every upload goes to a fresh key (so modelship cannot skip it as already there), is checked (size) and deleted.
 * After a warm-up upload of each arm, the arms alternate round by round (which goes first alternates too), and
 * the medians are compared. Goal (issue 4): modelship's throughput >= 1.0x the CLI's.
 */
import { execFile } from 'node:child_process';
import { randomFill } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { DeleteObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { sha256File, uploadArtifact } from '../src/model/artifact/index.js';
import { childrenCpuSeconds, processCpuSeconds, selfCpuSeconds } from './support/cpu.js';
import { fmt, printGoal, printHeader, printTable, run } from './support/report.js';
import { S3RVER_CREDENTIALS, type S3ServerProcess, spawnS3Server } from './support/s3-server-process.js';
import { median } from './support/stats.js';
import { interleave, timed } from './support/timing.js';

const MiB = 1024 * 1024;
const BUCKET = 'bench-artifacts';
const ARMS = ['aws s3 cp', 'modelship'] as const;
type Arm = (typeof ARMS)[number];

const exec = promisify(execFile);

interface Sample {
  readonly seconds: number;
  /** CPU seconds of the client (this process, or the `aws` process) during the upload. */
  readonly clientCpu: number;
  /** CPU seconds of the server process during the upload. */
  readonly serverCpu: number;
  /** Decimal megabytes (10^6 bytes) per second. */
  readonly mbPerSecond: number;
}

/** Writes `bytes` random bytes to `path`, 16 MiB at a time. */
async function writeRandomFile(path: string, bytes: number): Promise<void> {
  const file = await open(path, 'w');
  try {
    const chunk = Buffer.allocUnsafe(16 * MiB);
    for (let written = 0; written < bytes; ) {
      const length = Math.min(chunk.length, bytes - written);
      await new Promise<void>((resolve, reject) =>
        randomFill(chunk, 0, length, (error) => (error === null ? resolve() : reject(error))),
      );
      await file.write(chunk, 0, length);
      written += length;
    }
  } finally {
    await file.close();
  }
}

/** The AWS CLI's config: path-style to the loopback server, its default transfer settings, no CRC checksums. */
function cliConfig(region: string): string {
  return [
    '[default]',
    `region = ${region}`,
    'request_checksum_calculation = when_required',
    'response_checksum_validation = when_required',
    's3 =',
    '  addressing_style = path',
    '  multipart_threshold = 8MB',
    '  multipart_chunksize = 8MB',
    '  max_concurrent_requests = 10',
    '',
  ].join('\n');
}

/** The environment of every `aws` run: only the loopback server's dummy credentials, nothing from this machine. */
function cliEnv(region: string, dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('AWS_')) delete env[name];
  return {
    ...env,
    AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    AWS_DEFAULT_REGION: region,
    AWS_CONFIG_FILE: join(dir, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials-none'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  };
}

/** Checks that `key` holds `bytes` bytes, then deletes it so the server's disk holds one artifact at most. */
async function checkAndDelete(server: S3ServerProcess, key: string, bytes: number): Promise<void> {
  const head = await server.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
  if (head.ContentLength !== bytes) throw new Error(`${key} holds ${head.ContentLength} bytes, not ${bytes}.`);
  await server.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '3' },
      'size-mib': { type: 'string', default: '1024' },
      aws: { type: 'string', default: existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws' },
    },
  });
  const rounds = Number(values.rounds);
  const bytes = Number(values['size-mib']) * MiB;
  const awsCli = values.aws;
  printHeader(`Artifact upload: modelship uploadArtifact vs aws s3 cp (${fmt(bytes / MiB, 0)} MiB, loopback s3rver)`);

  const dir = await mkdtemp(join(tmpdir(), 'modelship-bench-upload-'));
  let server: S3ServerProcess | undefined;
  try {
    const file = join(dir, 'model.tar.gz');
    const made = await timed(() => writeRandomFile(file, bytes));
    const hashed = await timed(() => sha256File(file));
    const sha256 = hashed.result;
    server = await spawnS3Server([BUCKET]);
    const s3 = server;
    const env = cliEnv(s3.region, dir);
    await writeFile(env.AWS_CONFIG_FILE!, cliConfig(s3.region));
    const version = (await exec(awsCli, ['--version'], { env })).stdout.trim();
    const startup = await timed(() => exec(awsCli, ['--version'], { env }));
    console.log(`AWS CLI: ${awsCli}: ${version}`);
    console.log(
      `Setup (not timed): file written in ${fmt(made.elapsedMs / 1000)} s, SHA-256 in ` +
        `${fmt(hashed.elapsedMs / 1000)} s; \`aws --version\` takes ${fmt(startup.elapsedMs / 1000)} s ` +
        '(interpreter start, inside every CLI figure below)\n',
    );

    let uploads = 0;
    const upload = async (arm: Arm, label: string): Promise<Sample> => {
      const key = `bench/${uploads++}-${arm === 'modelship' ? 'modelship' : 'cli'}/model.tar.gz`;
      const cpu = () => [arm === 'modelship' ? selfCpuSeconds() : childrenCpuSeconds(), processCpuSeconds(s3.pid)];
      const [client0 = 0, server0 = 0] = cpu();
      const { elapsedMs } = await timed(async () => {
        if (arm === 'modelship') {
          const result = await uploadArtifact(s3.aws, { file, sha256, bucket: BUCKET, key });
          if (!result.uploaded || result.key !== key) throw new Error(`modelship did not upload to ${key}.`);
        } else {
          await exec(
            awsCli,
            ['s3', 'cp', file, `s3://${BUCKET}/${key}`, '--endpoint-url', s3.endpoint, '--only-show-errors'],
            { env },
          );
        }
      });
      const [client1 = 0, server1 = 0] = cpu();
      await checkAndDelete(s3, key, bytes);
      const seconds = elapsedMs / 1000;
      const sample = {
        seconds,
        mbPerSecond: bytes / 1e6 / seconds,
        clientCpu: client1 - client0,
        serverCpu: server1 - server0,
      };
      console.error(
        `  ${label} ${arm}: ${fmt(seconds)} s, ${fmt(sample.mbPerSecond, 1)} MB/s, CPU s client ` +
          `${fmt(sample.clientCpu, 1)} server ${fmt(sample.serverCpu, 1)}`,
      );
      return sample;
    };

    await interleave(ARMS, 1, (arm) => upload(arm, 'warm-up'));
    const samples = await interleave(ARMS, rounds, (arm, round) => upload(arm, `round ${round + 1}`));

    const cli = samples['aws s3 cp'];
    const ms = samples.modelship;
    const cells = (s: Sample) => [fmt(s.seconds), fmt(s.mbPerSecond, 1), fmt(s.clientCpu, 1), fmt(s.serverCpu, 1)];
    const rows = cli.map((c, i) => [String(i + 1), ...cells(c), ...cells(ms[i]!)]);
    const medianOf = (list: readonly Sample[], pick: (s: Sample) => number) => median(list.map(pick));
    const medians = (list: readonly Sample[]): Sample => ({
      seconds: medianOf(list, (s) => s.seconds),
      mbPerSecond: medianOf(list, (s) => s.mbPerSecond),
      clientCpu: medianOf(list, (s) => s.clientCpu),
      serverCpu: medianOf(list, (s) => s.serverCpu),
    });
    rows.push(['median', ...cells(medians(cli)), ...cells(medians(ms))]);
    console.log(
      `${rounds} rounds after a warm-up of each arm; MB = 10^6 bytes; CPU = user + system CPU seconds of the ` +
        'client process and of the server process during the upload (each column its own median).\n',
    );
    const columns = (arm: string) => [`${arm} s`, `${arm} MB/s`, `${arm} client CPU`, `${arm} server CPU`];
    printTable(['round', ...columns('CLI'), ...columns('modelship')], rows);
    const perRound = median(ms.map((m, i) => m.mbPerSecond / cli[i]!.mbPerSecond));
    console.log(`Per-round throughput ratio (modelship / CLI), median: ${fmt(perRound, 3)}`);
    printGoal(
      'Throughput ratio of the medians (modelship / CLI)',
      medianOf(ms, (s) => s.mbPerSecond) / medianOf(cli, (s) => s.mbPerSecond),
      { min: 1.0 },
    );
  } finally {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

run(main);
