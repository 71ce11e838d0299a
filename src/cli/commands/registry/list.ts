import { Command } from 'commander';
import { writeJson } from '../../context.js';
import type { Bind } from '../../program.js';
import { renderTable, type TableColumn } from '../../render/table.js';
import { describeFramework, describePairs, describeTime } from './describe.js';
import type { OpenRegistry } from './open.js';
import { listVersions } from './versions.js';

const COLUMNS: readonly TableColumn[] = [
  { key: 'version', title: 'VERSION' },
  { key: 'aliases', title: 'ALIASES' },
  { key: 'approval', title: 'APPROVAL' },
  { key: 'framework', title: 'FRAMEWORK' },
  { key: 'created', title: 'CREATED' },
  { key: 'metrics', title: 'METRICS' },
];

/** `modelship registry list <name>`: every version of a model, newest first. */
export function listCommand(bind: Bind, open: OpenRegistry): Command {
  const command = new Command('list')
    .description('the versions of a model, newest first, with their aliases, approval and metrics')
    .argument('<name>', 'the model, e.g. churn');
  return bind(command, async (ctx, [name = '']) => {
    const versions = await listVersions(await open(ctx), name);
    if (ctx.io.json) {
      writeJson(ctx.io, { name, versions });
      return undefined;
    }
    const rows = versions.map((v) => ({
      version: v.version,
      aliases: v.aliases.join(', ') || '-',
      approval: v.approval,
      framework: describeFramework(v),
      created: describeTime(v.createdAt),
      metrics: describePairs(v.metrics),
    }));
    ctx.io.stdout.write(`${renderTable(rows, COLUMNS, ctx.io)}\n`);
    return undefined;
  });
}
