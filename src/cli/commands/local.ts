import { stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { Command } from 'commander';
import { Model } from '../../deploy/model.js';
import { Local } from '../../targets/local/index.js';
import type { CommandContext } from '../context.js';
import type { Bind } from '../program.js';
import { loadDeployment } from './load.js';
import { port } from './option-parsers.js';
import { withProgress } from './progress.js';
import { serveUntilCancelled } from './serve.js';

const HANDLER_EXTENSIONS = new Set(['.js', '.mjs', '.cjs']);

/** `modelship local [model]`: serves a model on this machine until Ctrl-C. */
export function localCommand(bind: Bind): Command {
  const command = new Command('local')
    .argument('[model]', 'a model file (.onnx, or a .js/.mjs handler) or folder; default: the config’s model')
    .option('-p, --port <port>', 'the port (0: any free one)', port, 8080)
    .option('--host <host>', 'the address to listen on', '127.0.0.1')
    .option('--name <name>', 'the endpoint name (default: the model’s)');
  return bind(command, async (ctx, args, options) => {
    const settings = { port: options.port as number, host: String(options.host) };
    const builder =
      args[0] === undefined
        ? (await loadDeployment(ctx, { target: { type: 'local', ...settings } })).builder
        : (await modelAt(ctx, args[0])).deployTo(Local(settings));
    const named = typeof options.name === 'string' ? builder.withName(options.name) : builder;
    const deployment = await withProgress(ctx, 'local', (progress) => named.deploy(progress));
    return serveUntilCancelled(ctx, deployment);
  });
}

async function modelAt(ctx: CommandContext, path: string): Promise<Model> {
  const absolute = resolve(ctx.cwd, path);
  if ((await stat(absolute)).isDirectory()) return Model.fromDirectory(absolute);
  return HANDLER_EXTENSIONS.has(extname(absolute)) ? Model.fromHandler(absolute) : Model.fromFile(absolute);
}
