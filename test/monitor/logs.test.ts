import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AwsContext } from '../../src/aws/context.js';
import { AccessDeniedError, InvalidArgumentError } from '../../src/errors.js';
import { type LogEvent, readLogs } from '../../src/monitor/logs/index.js';
import { FakeCloudWatchLogs, logsError } from './support/fake-cloudwatch-logs.js';

const GROUP = '/aws/sagemaker/Endpoints/churn';
const SOURCE = { logGroupName: GROUP, logStreamNamePrefix: 'AllTraffic/' };
const T0 = Date.now();
const ago = (seconds: number) => T0 - seconds * 1000;

let logs: FakeCloudWatchLogs;
let aws: AwsContext;

beforeEach(() => {
  logs = new FakeCloudWatchLogs();
  aws = new AwsContext({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' } });
});

async function collect(events: AsyncIterable<LogEvent>): Promise<LogEvent[]> {
  const found: LogEvent[] = [];
  for await (const event of events) found.push(event);
  return found;
}

/** Reads with `follow` in the background; `stop()` aborts and waits for the loop to end. */
function follow(query: Parameters<typeof readLogs>[2] = {}) {
  const controller = new AbortController();
  const seen: string[] = [];
  const loop = (async () => {
    for await (const event of readLogs(aws, SOURCE, {
      follow: true,
      pollMs: 100,
      since: new Date(ago(60)),
      signal: controller.signal,
      ...query,
    })) {
      seen.push(event.message);
    }
  })();
  return {
    seen,
    stop: async () => {
      controller.abort();
      await loop;
    },
  };
}

describe('readLogs over a time range', () => {
  it('reads every page, oldest first, from the variant’s streams only', async () => {
    logs.emptyFirstPage = true;
    logs.log(GROUP, 'AllTraffic/i-2', ago(20), 'second\n');
    logs.log(GROUP, 'AllTraffic/i-1', ago(30), 'first\n');
    logs.log(GROUP, 'Challenger/i-3', ago(25), 'another variant\n');
    logs.log(GROUP, 'AllTraffic/i-1', ago(10), 'third\n');
    logs.log(GROUP, 'AllTraffic/i-1', ago(700), 'too old\n');

    const events = await collect(readLogs(aws, SOURCE, { since: new Date(ago(60)), until: new Date(ago(5)) }));

    expect(events.map((e) => e.message)).toEqual(['first\n', 'second\n', 'third\n']);
    expect(events[0]).toEqual({
      timestamp: new Date(ago(30)),
      message: 'first\n',
      stream: 'AllTraffic/i-1',
      id: expect.stringMatching(/^event-/),
    });
    const requests = logs.requests();
    expect(requests).toHaveLength(3); // the empty searching page, then two pages of two
    expect(requests[0]).toMatchObject({
      logGroupName: GROUP,
      logStreamNamePrefix: 'AllTraffic/',
      startTime: ago(60),
      endTime: ago(5),
    });
    expect(requests.slice(1).map((r) => r.nextToken)).toEqual(['0', '2']);
  });

  it('reads the last ten minutes up to now by default, and passes the filter pattern', async () => {
    logs.log(GROUP, 'AllTraffic/i-1', Date.now() - 5 * 60_000, 'ERROR the model failed');
    logs.log(GROUP, 'AllTraffic/i-1', Date.now() - 4 * 60_000, 'INFO fine');
    const before = Date.now();
    const events = await collect(readLogs(aws, SOURCE, { filterPattern: 'ERROR' }));
    expect(events.map((e) => e.message)).toEqual(['ERROR the model failed']);
    const [request] = logs.requests();
    expect(request?.filterPattern).toBe('ERROR');
    expect(request?.startTime).toBeGreaterThanOrEqual(before - 10 * 60_000 - 50);
    expect(request?.startTime).toBeLessThanOrEqual(before - 10 * 60_000 + 1000);
    expect(request?.endTime).toBeGreaterThanOrEqual(before);
  });

  it('reads nothing, without an error, from a log group that does not exist yet', async () => {
    await expect(collect(readLogs(aws, SOURCE))).resolves.toEqual([]);
    expect(logs.requests()).toHaveLength(1);
  });

  it('fails with a typed error when CloudWatch Logs refuses', async () => {
    logs.createGroup(GROUP);
    logs.faults.push(() =>
      logsError('AccessDeniedException', 'User is not authorized to perform: logs:FilterLogEvents', 403),
    );
    const error = await collect(readLogs(aws, SOURCE)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccessDeniedError);
    expect(error).toMatchObject({ action: 'logs:FilterLogEvents', message: expect.stringContaining(GROUP) });
  });

  it('makes no call when the signal has already aborted', async () => {
    logs.log(GROUP, 'AllTraffic/i-1', ago(30), 'hello');
    const events = await collect(readLogs(aws, SOURCE, { signal: AbortSignal.abort() }));
    expect(events).toEqual([]);
    expect(logs.requests()).toHaveLength(0);
  });
});

describe('readLogs with follow', () => {
  it('gives new events as they come, each once, polling from the newest timestamp, until the signal aborts', async () => {
    logs.log(GROUP, 'AllTraffic/i-1', ago(40), 'a');
    logs.log(GROUP, 'AllTraffic/i-1', ago(30), 'b');
    const reader = follow();
    await vi.waitFor(() => expect(reader.seen).toEqual(['a', 'b']), { timeout: 3000, interval: 10 });

    // Same millisecond as the newest event, and one from another instance that reached CloudWatch late.
    logs.log(GROUP, 'AllTraffic/i-1', ago(30), 'c');
    logs.log(GROUP, 'AllTraffic/i-2', ago(35), 'late');
    logs.log(GROUP, 'AllTraffic/i-1', ago(1), 'd');
    await vi.waitFor(() => expect(reader.seen).toHaveLength(5), { timeout: 3000, interval: 10 });
    await reader.stop();

    expect(reader.seen).toEqual(['a', 'b', 'late', 'c', 'd']);
    const later = logs.requests().slice(1);
    expect(later.length).toBeGreaterThan(0);
    // Each later poll starts a little before the newest event given, never at the original start again.
    for (const request of later) expect(request.startTime).toBeGreaterThanOrEqual(ago(30) - 10_000);
    expect(later.every((request) => request.endTime === undefined)).toBe(true);

    // Stopped: no more calls.
    const calls = logs.requests().length;
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(logs.requests()).toHaveLength(calls);
  });

  it('keeps waiting for a log group that does not exist yet', async () => {
    const reader = follow();
    await vi.waitFor(() => expect(logs.requests().length).toBeGreaterThanOrEqual(2), { timeout: 3000, interval: 10 });
    expect(reader.seen).toEqual([]);
    logs.log(GROUP, 'AllTraffic/i-1', ago(2), 'first line');
    await vi.waitFor(() => expect(reader.seen).toEqual(['first line']), { timeout: 3000, interval: 10 });
    await reader.stop();
  });

  it('ends when the loop breaks', async () => {
    logs.log(GROUP, 'AllTraffic/i-1', ago(30), 'only');
    for await (const event of readLogs(aws, SOURCE, { follow: true, pollMs: 100, since: new Date(ago(60)) })) {
      expect(event.message).toBe('only');
      break;
    }
    const calls = logs.requests().length;
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(logs.requests()).toHaveLength(calls);
  });
});

describe('readLogs: bad queries', () => {
  it.each([
    [{ pollMs: 5 }, 'pollMs', /from 100 to 3600000/],
    [{ follow: true, until: new Date() }, 'until', /not both/],
    [{ since: new Date('nope') }, 'since', /valid Date/],
    [{ since: new Date(ago(1)), until: new Date(ago(2)) }, 'since', /before until/],
    [{ filterPattern: 'x'.repeat(1025) }, 'filterPattern', /1024/],
  ])('refuses %o at once, naming %s, with no call', (query, argument, message) => {
    const error = (() => {
      try {
        readLogs(aws, SOURCE, query as never);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ argument, message: expect.stringMatching(message) });
    expect(logs.requests()).toHaveLength(0);
  });

  it('refuses a log group name CloudWatch Logs would not take', () => {
    expect(() => readLogs(aws, { logGroupName: 'bad name!' })).toThrow(InvalidArgumentError);
  });
});
