import { Command } from 'commander';
import type { EndpointMetrics } from '../../monitor/metrics.js';
import { type CommandContext, say, writeJson } from '../context.js';
import { EXIT } from '../exit-codes.js';
import type { Bind } from '../program.js';
import { renderStatus } from '../render/status.js';
import { loadDeployment } from './load.js';
import { duration } from './option-parsers.js';

/** `modelship status`: where the deployment is, and how it has been doing. Exits 1 unless it is healthy. */
export function statusCommand(bind: Bind): Command {
  const command = new Command('status')
    .description('the deployment’s state, resources and version, with charts of its traffic; exit 1 unless healthy')
    .option('--since <duration>', 'the window of the charts', duration, 3 * 3_600_000);
  return bind(command, async (ctx, _args, options) => {
    const { builder } = await loadDeployment(ctx);
    const status = await builder.status();
    const metrics = status.deployed
      ? await recentMetrics(ctx, () => builder.attach({ signal: ctx.signal }), options.since as number)
      : undefined;
    if (ctx.io.json) writeJson(ctx.io, { status, ...(metrics === undefined ? {} : { metrics }) });
    else ctx.io.stdout.write(`${renderStatus(status, ctx.io, metrics)}\n`);
    return status.healthy ? undefined : EXIT.failure;
  });
}

/**
 * The charts are a bonus: a target without metrics (Local) or a caller not allowed to read CloudWatch still gets
 * the status, with a note of why there are no charts.
 */
async function recentMetrics(
  ctx: CommandContext,
  attach: () => Promise<{ metrics(query: { since: Date }): Promise<EndpointMetrics>; target: string }>,
  windowMs: number,
): Promise<EndpointMetrics | undefined> {
  try {
    const deployment = await attach();
    return await deployment.metrics({ since: new Date(Date.now() - windowMs) });
  } catch (error) {
    say(ctx.io, `(no charts: ${error instanceof Error ? error.message : String(error)})`);
    return undefined;
  }
}
