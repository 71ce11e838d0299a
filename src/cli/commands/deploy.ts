import { Command } from 'commander';
import type { Deployment } from '../../deploy/deployment.js';
import type { LoadedConfig } from '../config/index.js';
import { type CommandContext, say, writeJson } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { messageOf } from '../fail.js';
import type { Bind } from '../program.js';
import { loadDeployment } from './load.js';
import { minutes } from './option-parsers.js';
import { outputsToJSON } from './outputs.js';
import { withProgress } from './progress.js';
import { serveUntilCancelled } from './serve.js';

/** `modelship deploy`: plan, apply with progress, then the config's validation gate. */
export function deployCommand(bind: Bind): Command {
  const command = new Command('deploy')
    .option('--timeout <minutes>', 'give up (and remove what this run made) after this many minutes', minutes)
    .option('--no-validate', 'skip the config’s validate gate');
  return bind(command, async (ctx, _args, options) => {
    const loaded = await loadDeployment(ctx);
    const timeoutMs = typeof options.timeout === 'number' ? options.timeout * 60_000 : undefined;
    const deployment = await withProgress(ctx, 'deploy', (progress) =>
      loaded.builder.deploy({ ...progress, ...(timeoutMs === undefined ? {} : { timeoutMs }) }),
    );
    // People read what was deployed, then the gate's report; a machine gets both in one document.
    if (!ctx.io.json) {
      say(
        ctx.io,
        `${deployment.changed ? 'Deployed' : 'Already up to date:'} ${deployment.name} (${deployment.target})`,
      );
      for (const failure of deployment.cleanupFailures) {
        const { kind, name } = failure.resource;
        say(
          ctx.io,
          `warning: could not remove the old ${kind} ${name}; it is still there: ${messageOf(failure.error)}`,
        );
      }
    }
    const validation = options.validate === false ? undefined : await validate(ctx, loaded, deployment);
    if (ctx.io.json) {
      writeJson(ctx.io, {
        name: deployment.name,
        target: deployment.target,
        changed: deployment.changed,
        outputs: outputsToJSON(deployment.outputs),
        cleanupFailures: deployment.cleanupFailures.map((f) => ({ ...f.resource, message: messageOf(f.error) })),
        ...(validation === undefined ? {} : { validation: validation.toJSON() }),
      });
    }
    const local = deployment.target === 'local';
    if (validation !== undefined && !validation.passed) {
      // A Local server lives in this process: one that failed its gate is not left to serve.
      if (local) await deployment.destroy();
      return EXIT.validationFailed as ExitCode;
    }
    if (local) return serveUntilCancelled(ctx, deployment);
    return undefined;
  });
}

async function validate(ctx: CommandContext, loaded: LoadedConfig, deployment: Deployment) {
  if (loaded.validate === undefined) return undefined;
  const report = await deployment.validate(loaded.validate);
  (ctx.io.json ? ctx.io.stderr : ctx.io.stdout).write(`${report.toText()}\n`);
  if (!report.passed) {
    say(
      ctx.io,
      `The validate gate failed: ${deployment.name} is deployed but did not pass. Roll back with \`modelship rollback\` or fix and redeploy.`,
    );
  }
  return report;
}
