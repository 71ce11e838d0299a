import { Command } from 'commander';
import { checkAlias } from '../../../registry/names.js';
import type { AliasState, ModelVersion } from '../../../registry/types.js';
import { say, writeJson } from '../../context.js';
import type { Bind } from '../../program.js';
import { modelAt } from './artifact.js';
import { describeBytes } from './describe.js';
import { collect, parseMetadata, parseMetrics } from './key-values.js';
import type { OpenRegistry } from './open.js';

/** What `registry register --json` prints: the new version, and the alias when `--alias` moved one. */
export interface RegisteredOutput {
  readonly version: ModelVersion;
  readonly alias?: AliasState;
}

/** `modelship registry register <name> <artifact>`: a new version of a model, optionally behind an alias. */
export function registerCommand(bind: Bind, open: OpenRegistry): Command {
  const command = new Command('register')
    .description('register a model file, folder or s3:// artifact as a new version; prints the version')
    .argument('<name>', 'the model, e.g. churn')
    .argument('<artifact>', 'a model file, a folder, or s3://bucket/key')
    .option('--framework <name>', 'onnx, sklearn, xgboost, pytorch, tensorflow or huggingface')
    .option('--framework-version <version>', "the framework's version, e.g. 1.2-1")
    .option('--description <text>', 'what this version is')
    .option('--metric <key=value>', 'an evaluation figure, a number (repeatable): --metric auc=0.91', collect, [])
    .option('--meta <key=value>', 'a fact to keep with it (repeatable): --meta owner=ml-team', collect, [])
    .option('--content-type <mime>', 'a MIME type the model takes (repeatable)', collect, [])
    .option('--alias <alias>', 'point this alias at the new version, e.g. staging');
  return bind(command, async (ctx, [name = '', artifact = ''], options) => {
    // Every flag is checked before the artifact is read or the registry touched.
    const metrics = parseMetrics(options.metric as string[]);
    const metadata = parseMetadata(options.meta as string[]);
    const contentTypes = options.contentType as string[];
    const alias = options.alias as string | undefined;
    if (alias !== undefined) checkAlias(alias);
    const model = await modelAt(ctx.cwd, artifact, {
      framework: options.framework as string | undefined,
      frameworkVersion: options.frameworkVersion as string | undefined,
    });
    const registry = await open(ctx);
    const version = await registry.register(model, {
      name,
      metrics,
      metadata,
      ...(contentTypes.length === 0 ? {} : { contentTypes }),
      ...(typeof options.description === 'string' ? { description: options.description } : {}),
      signal: ctx.signal,
    });
    const moved = alias === undefined ? undefined : await registry.setAlias(name, alias, version.version);
    if (ctx.io.json) {
      writeJson(ctx.io, { version, ...(moved === undefined ? {} : { alias: moved }) } satisfies RegisteredOutput);
      return undefined;
    }
    const size = version.artifact === undefined ? '' : ` (${describeBytes(version.artifact.bytes)})`;
    say(ctx.io, `Registered ${name}@${version.version}${size}.`);
    if (moved !== undefined) say(ctx.io, `${name}@${moved.alias} → ${moved.version}`);
    return undefined;
  });
}
