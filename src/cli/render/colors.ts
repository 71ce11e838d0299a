/**
 * The one place renderers get colours from: picocolors, switched on only when the run allows escape codes.
 */
import picocolors from 'picocolors';
import type { CliIO } from '../io.js';

/** picocolors' functions; each returns its input unchanged when colour is off. */
export type Palette = ReturnType<typeof picocolors.createColors>;

/** The colours for `io`: real ones when `io.color`, identity functions otherwise (no escape codes at all). */
export function paletteFor(io: Pick<CliIO, 'color'>): Palette {
  return picocolors.createColors(io.color);
}

/** Matches any escape sequence a renderer might have added, to measure and test text as a terminal shows it. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: escape codes are exactly what this matches.
export const ESCAPE_CODES = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** The width of `text` on a terminal, escape codes left out. */
export function visibleLength(text: string): number {
  return text.replace(ESCAPE_CODES, '').length;
}
