import type { Deployment } from '../../deploy/deployment.js';
import { type CommandContext, say, writeJson } from '../context.js';

/**
 * Keeps a Local deployment serving until Ctrl-C, then stops it. The Local server lives in this process, so the
 * process is the deployment: returning would end it.
 */
export async function serveUntilCancelled(ctx: CommandContext, deployment: Deployment): Promise<undefined> {
  const { url } = await deployment.status();
  if (ctx.io.json)
    writeJson(ctx.io, { name: deployment.name, target: deployment.target, url, endpointName: deployment.name });
  say(
    ctx.io,
    `Serving ${deployment.name} at ${url} — call it with: modelship predict --url ${url} --endpoint ${deployment.name} '<json>'`,
  );
  say(ctx.io, 'Press Ctrl-C to stop.');
  await new Promise<void>((resolve) => {
    if (ctx.signal.aborted) resolve();
    else ctx.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await deployment.destroy();
  say(ctx.io, `Stopped ${deployment.name}.`);
  return undefined;
}
