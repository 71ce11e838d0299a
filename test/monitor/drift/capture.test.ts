// DriftReport.fromCapture against a real S3 server on loopback, reading capture files written in SageMaker's
// data capture format: CSV and JSON inputs, one base64-encoded, a broken line, other hours and another endpoint.
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError, NotFoundError } from '../../../src/errors.js';
import { Baseline, type CaptureRecord, DriftReport } from '../../../src/monitor/drift/index.js';
import { addListObjectsV2 } from '../../registry/stores/s3/s3rver-list-objects.js';
import { type S3Server, startS3Server } from '../../support/s3-server.js';
import { makeRows } from './random.js';

const BUCKET = 'ml-capture';
const PREFIX = 'datacapture/iris-ep/AllTraffic';
const baseline = Baseline.fromRows(
  makeRows(1, 3000).map((r) => [r.x, r.y, r.color]),
  { featureNames: ['x', 'y', 'color'] },
);

type Input = CaptureRecord['captureData']['endpointInput'];

function record(input: Input, inferenceTime: string, index: number): string {
  const output = { observedContentType: 'text/csv', mode: 'OUTPUT', data: '0.5', encoding: 'CSV' };
  return JSON.stringify({
    captureData: { endpointInput: input, endpointOutput: output },
    eventMetadata: { eventId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`, inferenceTime },
    eventVersion: '0',
  });
}

const csvInput = (rows: { x: number; y: number; color: string }[]): Input => ({
  observedContentType: 'text/csv',
  mode: 'INPUT',
  data: rows.map((r) => `${r.x},${r.y},${r.color}`).join('\n'),
  encoding: 'CSV',
});
const jsonInput = (rows: { x: number; y: number; color: string }[]): Input => ({
  observedContentType: 'application/json',
  mode: 'INPUT',
  data: JSON.stringify({ instances: rows.map((r) => [r.x, r.y, r.color]) }),
  encoding: 'JSON',
});
const base64Input = (rows: { x: number; y: number; color: string }[]): Input => ({
  observedContentType: 'application/json; charset=utf-8',
  mode: 'INPUT',
  data: Buffer.from(JSON.stringify(rows)).toString('base64'),
  encoding: 'BASE64',
});

describe('DriftReport.fromCapture on a loopback S3 server', () => {
  let s3: S3Server;
  const put = (key: string, lines: string[]) =>
    s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: `${lines.join('\n')}\n` }));

  beforeAll(async () => {
    // s3rver's own ListObjectsV2 cannot page on Node 20 (DES continuation tokens): the registry's shim can.
    s3 = await startS3Server({ buckets: [BUCKET], extensions: [addListObjectsV2] });
    // Shifted data (x ~ N(0.5, 1), more blue) in three files of two hours, 40 rows per record.
    const shifted = makeRows(5, 600, {
      xMean: 0.5,
      colors: [
        ['red', 0.3],
        ['green', 0.3],
        ['blue', 0.4],
      ],
    });
    const chunk = (i: number) => shifted.slice(i * 40, (i + 1) * 40);
    await put(`${PREFIX}/2024/05/01/10/12-00-000-a1.jsonl`, [
      ...[0, 1, 2, 3, 4].map((i) => record(csvInput(chunk(i)), `2024-05-01T10:12:0${i}Z`, i)),
      'not json {',
    ]);
    await put(`${PREFIX}/2024/05/01/11/05-00-000-b2.jsonl`, [
      ...[5, 6, 7, 8, 9].map((i) => record(jsonInput(chunk(i)), `2024-05-01T11:05:0${i}Z`, i)),
      record(base64Input(chunk(10)), '2024-05-01T11:06:00Z', 10),
    ]);
    await put(`${PREFIX}/2024/05/01/11/30-00-000-c3.jsonl`, [
      ...[11, 12, 13, 14].map((i) => record(csvInput(chunk(i)), `2024-05-01T11:30:0${i - 10}Z`, i)),
    ]);
    // An older hour, out of a `since` window; undisturbed data in it.
    const same = makeRows(6, 400);
    await put(`${PREFIX}/2024/04/30/23/59-00-000-d4.jsonl`, [
      ...[0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) =>
        record(csvInput(same.slice(i * 40, (i + 1) * 40)), '2024-04-30T23:59:00Z', 100 + i),
      ),
    ]);
    // Another endpoint whose name starts the same: never read through PREFIX.
    await put(`datacapture/iris-ep-v2/AllTraffic/2024/05/01/10/00-00-000-e5.jsonl`, ['not json either']);
    await put(`${PREFIX}/README.txt`, ['not capture']);
  });
  afterAll(async () => {
    await s3?.close();
  });

  it('reads CSV, JSON and base64 captured inputs since a time and flags the shifted features', async () => {
    s3.sent.length = 0;
    const report = await DriftReport.fromCapture({
      s3Uri: `s3://${BUCKET}/${PREFIX}`,
      baseline,
      aws: s3.aws,
      since: new Date('2024-05-01T00:00:00Z'),
    });
    expect(report.capture).toEqual({
      s3Uri: `s3://${BUCKET}/${PREFIX}`,
      objects: 3,
      records: 15,
      skippedRecords: 1,
      firstProblem: expect.stringMatching(/^s3:\/\/ml-capture\/.*\/10\/12-00-000-a1\.jsonl line 6: /),
      truncated: false,
    });
    expect(report.rows).toBe(600);
    expect(report.driftedFeatures).toEqual(['x', 'color']);
    // Only the window's files were downloaded.
    expect(s3.sent.filter((c) => c === 'GetObjectCommand')).toHaveLength(3);
    expect(report.toText()).toMatch(/Capture: 15 records from 3 files under s3:\/\/ml-capture\/.*; 1 skipped/);
  });

  it('compares every hour without since, pages through the listing, and keeps the newest at maxRecords', async () => {
    s3.sent.length = 0;
    const all = await DriftReport.fromCapture({
      s3Uri: `s3://${BUCKET}/${PREFIX}/`,
      baseline,
      aws: s3.aws,
      listPageSize: 2,
    });
    expect(all.capture).toMatchObject({ objects: 4, records: 25, truncated: false });
    expect(all.rows).toBe(1000);
    expect(s3.sent.filter((c) => c === 'ListObjectsV2Command').length).toBeGreaterThanOrEqual(3);

    const newest = await DriftReport.fromCapture({
      s3Uri: `s3://${BUCKET}/${PREFIX}`,
      baseline,
      aws: s3.aws,
      maxRecords: 4,
    });
    // The newest file (11:30) holds 4 records of shifted data.
    expect(newest.capture).toMatchObject({ objects: 1, records: 4, truncated: true });
    expect(newest.rows).toBe(160);
  });

  it('finds no drift in the undisturbed hour, and reads with a custom parser', async () => {
    const window = { since: new Date('2024-04-30T23:00:00Z'), until: new Date('2024-05-01T00:00:00Z') };
    const report = await DriftReport.fromCapture({
      s3Uri: `s3://${BUCKET}/${PREFIX}`,
      baseline,
      aws: s3.aws,
      ...window,
    });
    expect(report.capture).toMatchObject({ objects: 1, records: 10, skippedRecords: 0 });
    expect(report.drifted).toBe(false);

    const parsed = await DriftReport.fromCapture({
      s3Uri: `s3://${BUCKET}/${PREFIX}`,
      baseline,
      aws: s3.aws,
      ...window,
      parse: ({ text, contentType }) => {
        expect(contentType).toBe('text/csv');
        return text.split('\n').map((line) => {
          const [x, y, color] = line.split(',');
          return { x: Number(x), y: Number(y), color };
        });
      },
    });
    expect(parsed.toJSON().features).toEqual(report.toJSON().features);
  });

  it('reports a missing bucket and a bad URI as modelship errors', async () => {
    await expect(DriftReport.fromCapture({ s3Uri: 's3://no-such-bucket/x', baseline, aws: s3.aws })).rejects.toThrow(
      NotFoundError,
    );
    // No record is not "no drift".
    await expect(
      DriftReport.fromCapture({
        s3Uri: `s3://${BUCKET}/${PREFIX}`,
        baseline,
        aws: s3.aws,
        since: new Date('2030-01-01'),
      }),
    ).rejects.toThrow(/No data capture records under s3:\/\/ml-capture\/.* since 2030-01-01/);
    await expect(DriftReport.fromCapture({ s3Uri: 'https://x/y', baseline, aws: s3.aws })).rejects.toThrow(
      InvalidArgumentError,
    );
  });
});
