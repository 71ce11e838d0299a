import { Command } from 'commander';
import type { LogEvent } from '../../targets/target.js';
import type { CliIO } from '../io.js';
import type { Bind } from '../program.js';
import { loadDeployment } from './load.js';
import { duration } from './option-parsers.js';

/** `modelship logs`: the endpoint's or function's CloudWatch Logs, optionally followed. */
export function logsCommand(bind: Bind): Command {
  const command = new Command('logs')
    .option('--since <duration>', 'how far back', duration, 10 * 60_000)
    .option('-f, --follow', 'keep printing new events until Ctrl-C', false)
    .option('--filter <pattern>', 'a CloudWatch Logs filter pattern, e.g. ERROR');
  return bind(command, async (ctx, _args, options) => {
    const { builder } = await loadDeployment(ctx);
    const deployment = await builder.attach({ signal: ctx.signal });
    const events = deployment.logs({
      since: new Date(Date.now() - (options.since as number)),
      follow: options.follow === true,
      signal: ctx.signal,
      ...(typeof options.filter === 'string' ? { filterPattern: options.filter } : {}),
    });
    try {
      for await (const event of events) ctx.io.stdout.write(`${line(event, ctx.io)}\n`);
    } catch (error) {
      // Ctrl-C is how `--follow` ends.
      if (!ctx.signal.aborted) throw error;
    }
    return undefined;
  });
}

/** NDJSON with `--json` (a followed stream has no end for one document to wait for). */
function line(event: LogEvent, io: CliIO): string {
  if (io.json) return JSON.stringify({ ...event, timestamp: event.timestamp.toISOString() });
  return `${event.timestamp.toISOString()} ${event.stream} ${event.message.trimEnd()}`;
}
