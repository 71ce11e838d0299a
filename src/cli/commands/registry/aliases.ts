import { Command } from 'commander';
import { writeJson } from '../../context.js';
import type { Bind } from '../../program.js';
import { renderTable, type TableColumn } from '../../render/table.js';
import { describeTime } from './describe.js';
import type { OpenRegistry } from './open.js';

const COLUMNS: readonly TableColumn[] = [
  { key: 'alias', title: 'ALIAS' },
  { key: 'version', title: 'VERSION' },
  { key: 'since', title: 'SINCE' },
  { key: 'by', title: 'BY' },
];

/** `modelship registry aliases <name>`: each alias of a model, where it points and its last move. */
export function aliasesCommand(bind: Bind, open: OpenRegistry): Command {
  const command = new Command('aliases')
    .description('the aliases of a model and where they point')
    .argument('<name>', 'the model, e.g. churn');
  return bind(command, async (ctx, [name = '']) => {
    const aliases = await (await open(ctx)).aliases(name);
    if (ctx.io.json) {
      writeJson(ctx.io, aliases);
      return undefined;
    }
    const rows = aliases.map((state) => {
      const last = state.history.at(-1);
      return {
        alias: state.alias,
        version: state.version,
        since: last === undefined ? '-' : describeTime(last.at),
        by: last?.by ?? '-',
      };
    });
    ctx.io.stdout.write(`${renderTable(rows, COLUMNS, ctx.io)}\n`);
    return undefined;
  });
}
