import { Command } from 'commander';
import { planToJSON } from '../../deploy/format.js';
import { writeJson } from '../context.js';
import type { Bind } from '../program.js';
import { renderPlan } from '../render/plan.js';
import { loadDeployment } from './load.js';

/** `modelship plan`: what `deploy` would do, from read-only calls. */
export function planCommand(bind: Bind): Command {
  const command = new Command('plan');
  return bind(command, async (ctx) => {
    const { builder } = await loadDeployment(ctx);
    const plan = await builder.plan();
    if (ctx.io.json) writeJson(ctx.io, planToJSON(plan));
    else ctx.io.stdout.write(`${renderPlan(plan, ctx.io)}\n`);
    return undefined;
  });
}
