import { Command } from 'commander';
import type { RegistryEvent } from '../../../registry/history.js';
import type { Registry } from '../../../registry/registry.js';
import type { ApprovalStatus, ModelVersion } from '../../../registry/types.js';
import { writeJson } from '../../context.js';
import type { CliIO } from '../../io.js';
import type { Bind } from '../../program.js';
import {
  aliasesOf,
  concerns,
  describeBytes,
  describeEvents,
  describeFramework,
  describePairs,
  describeTime,
} from './describe.js';
import type { OpenRegistry } from './open.js';

/** How many of a version's events `show` prints: enough to see how it got where it is. */
const RECENT_EVENTS = 10;

/** What `registry show` reports about one version. */
export interface ShownVersion {
  readonly version: ModelVersion;
  /** The aliases pointing at it now. */
  readonly aliases: readonly string[];
  readonly approval: ApprovalStatus;
  /** Its latest events (registration, aliases moving to or away from it), oldest first. */
  readonly history: readonly RegistryEvent[];
}

/** `modelship registry show <ref>`: one version, by alias (`churn@production`) or number (`churn@3`). */
export function showCommand(bind: Bind, open: OpenRegistry): Command {
  const command = new Command('show')
    .description('one version (churn@production, churn@3): artifact, metrics, metadata, aliases, approval, history')
    .argument('<ref>', 'name@alias or name@version, e.g. churn@production');
  return bind(command, async (ctx, [ref = '']) => {
    const shown = await showVersion(await open(ctx), ref);
    if (ctx.io.json) writeJson(ctx.io, shown);
    else ctx.io.stdout.write(`${describeShown(shown, ctx.io)}\n`);
    return undefined;
  });
}

async function showVersion(registry: Registry, ref: string): Promise<ShownVersion> {
  const version = await registry.resolve(ref);
  const [aliases, approval, history] = await Promise.all([
    registry.aliases(version.name),
    registry.approval(version.name, version.version),
    registry.history(version.name),
  ]);
  return {
    version,
    aliases: aliasesOf(aliases, version.version),
    approval,
    history: history.filter((event) => concerns(event, version.version)).slice(-RECENT_EVENTS),
  };
}

function describeShown({ version: v, aliases, approval, history }: ShownVersion, io: CliIO): string {
  const fields: [string, string | undefined][] = [
    ['aliases', aliases.join(', ') || '-'],
    ['approval', approval],
    ['artifact', v.artifact?.uri],
    ['sha256', v.artifact?.sha256],
    ['size', v.artifact === undefined ? undefined : `${describeBytes(v.artifact.bytes)} (${v.artifact.fileName})`],
    ['image', v.image],
    ['framework', describeFramework(v)],
    ['description', v.description],
    ['metrics', describePairs(v.metrics)],
    ['metadata', describePairs(v.metadata)],
    ['lineage', v.lineage === undefined ? undefined : describePairs(v.lineage)],
    ['created', `${describeTime(v.createdAt)} by ${v.createdBy}`],
  ];
  const width = Math.max(...fields.map(([label]) => label.length));
  const lines = fields
    .filter((field): field is [string, string] => field[1] !== undefined)
    .map(([label, value]) => `  ${label.padEnd(width)}  ${value}`);
  return [
    `${v.name}@${v.version}`,
    ...lines,
    '',
    `Recent history of version ${v.version}:`,
    describeEvents(history, io),
  ].join('\n');
}
