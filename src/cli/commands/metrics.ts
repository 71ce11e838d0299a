import { Command } from 'commander';
import { writeJson } from '../context.js';
import type { Bind } from '../program.js';
import { renderMetrics } from '../render/metrics.js';
import { loadDeployment } from './load.js';
import { duration, periodSeconds } from './option-parsers.js';

/** `modelship metrics`: line charts of invocations, latency and errors over a window. */
export function metricsCommand(bind: Bind): Command {
  const command = new Command('metrics')
    .option('--since <duration>', 'how far back', duration, 3 * 3_600_000)
    .option('--period <seconds>', 'seconds per datapoint, a multiple of 60', periodSeconds)
    .option('--variant <name>', 'the production variant (SageMaker)');
  return bind(command, async (ctx, _args, options) => {
    const { builder } = await loadDeployment(ctx);
    const deployment = await builder.attach({ signal: ctx.signal });
    const until = new Date();
    const since = new Date(until.getTime() - (options.since as number));
    const metrics = await deployment.metrics({
      since,
      until,
      ...(typeof options.period === 'number' ? { periodS: options.period } : {}),
      ...(typeof options.variant === 'string' ? { variantName: options.variant } : {}),
    });
    if (ctx.io.json) writeJson(ctx.io, { name: deployment.name, since, until, metrics });
    else ctx.io.stdout.write(`${renderMetrics(metrics, ctx.io, { since, until })}\n`);
    return undefined;
  });
}
