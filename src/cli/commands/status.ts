import { Command } from 'commander';
import type { EndpointMetrics } from '../../monitor/metrics.js';
import { say, writeJson } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { messageOf } from '../fail.js';
import type { Bind } from '../program.js';
import { renderStatus } from '../render/status.js';
import { loadDeployment } from './load.js';
import { duration } from './option-parsers.js';

/** `modelship status`: where the deployment is, and how it has been doing. Exits 1 unless it is healthy. */
export function statusCommand(bind: Bind): Command {
  const command = new Command('status').option(
    '--since <duration>',
    'the window of the charts',
    duration,
    3 * 3_600_000,
  );
  return bind(command, async (ctx, _args, options) => {
    const { builder } = await loadDeployment(ctx);
    const status = await builder.status();
    const { metrics, missing } = status.deployed
      ? await recentMetrics(() => builder.attach({ signal: ctx.signal }), options.since as number)
      : {};
    if (ctx.io.json) writeJson(ctx.io, { status, ...(metrics === undefined ? {} : { metrics }) });
    else ctx.io.stdout.write(`${renderStatus(status, ctx.io, metrics)}\n`);
    if (missing !== undefined) say(ctx.io, `(no charts: ${missing})`);
    return status.healthy ? undefined : EXIT.failure;
  });
}

/**
 * The charts are a bonus: a target without metrics (Local) or a caller not allowed to read CloudWatch still gets
 * the status, with a note of why there are no charts.
 */
async function recentMetrics(
  attach: () => Promise<{ metrics(query: { since: Date }): Promise<EndpointMetrics> }>,
  windowMs: number,
): Promise<{ metrics?: EndpointMetrics; missing?: string }> {
  try {
    const deployment = await attach();
    return { metrics: await deployment.metrics({ since: new Date(Date.now() - windowMs) }) };
  } catch (error) {
    return { missing: messageOf(error) };
  }
}
