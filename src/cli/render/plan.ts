/**
 * A plan for the terminal: {@link formatPlan}'s table, each step's line coloured by what it does.
 */
import { formatPlan } from '../../deploy/format.js';
import type { Plan, StepAction } from '../../deploy/plan.js';
import type { CliIO } from '../io.js';
import { type Palette, paletteFor } from './colors.js';

// formatPlan starts each step's line with two spaces and its action's symbol; the legend line has all four.
const STEP_LINE = /^ {2}([+~\-=]) {2}/;
const ACTION_BY_SYMBOL: Readonly<Record<string, StepAction>> = {
  '+': 'create',
  '~': 'update',
  '-': 'delete',
  '=': 'none',
};

function colourOf(palette: Palette, action: StepAction): (text: string) => string {
  switch (action) {
    case 'create':
      return palette.green;
    case 'update':
      return palette.yellow;
    case 'delete':
      return palette.red;
    case 'none':
      return palette.dim;
  }
}

/**
 * {@link formatPlan}'s text, with each step's line in its action's colour when `io.color` (create green, update
 * yellow, delete red, unchanged dim). Nothing else changes: without colour it is exactly formatPlan's text.
 */
export function renderPlan(plan: Plan, io: Pick<CliIO, 'color'>): string {
  const text = formatPlan(plan);
  if (!io.color) return text;
  const palette = paletteFor(io);
  return text
    .split('\n')
    .map((line) => {
      const symbol = STEP_LINE.exec(line)?.[1];
      const action = symbol === undefined ? undefined : ACTION_BY_SYMBOL[symbol];
      return action === undefined ? line : colourOf(palette, action)(line);
    })
    .join('\n');
}
