/**
 * Line charts of metric series for the terminal, drawn by asciichart: a heading with each series' min, max and
 * last value, the chart, and a time axis (`HH:MM UTC` at both ends) under it, all within the terminal's width.
 */
import asciichart from 'asciichart';
import type { CliIO } from '../io.js';
import { type Palette, paletteFor } from './colors.js';

/** One line of a chart. */
export interface ChartSeries {
  /** Its name in the legend and the stats, e.g. `p99`. */
  readonly name: string;
  readonly values: readonly number[];
  /** Its colour when colour is on. */
  readonly colour: 'green' | 'yellow' | 'red' | 'cyan' | 'magenta' | 'blue';
}

/** What {@link lineChart} draws. */
export interface ChartSpec {
  readonly heading: string;
  /** Appended to each stat value, e.g. ` ms`. */
  readonly unit?: string;
  readonly series: readonly ChartSeries[];
  /**
   * True when each series is at or above the one before it at every point (p50 then p99): without colour the
   * legend can then say which line is which (lower, upper), as the lines themselves look alike.
   */
  readonly ordered?: boolean;
  /** A line under the heading, e.g. the parts of a summed series. */
  readonly note?: string;
  /** Rows of the plot. Three makes a sparkline-sized chart. */
  readonly height: number;
  /** The window the series cover, for the time axis. */
  readonly since: Date;
  readonly until: Date;
}

/** What a chart of a window without any datapoint says instead. */
export const NO_DATAPOINTS = 'no datapoints in this window';

const ASCIICHART_COLOURS = {
  green: asciichart.green,
  yellow: asciichart.yellow,
  red: asciichart.red,
  cyan: asciichart.cyan,
  magenta: asciichart.magenta,
  blue: asciichart.blue,
} as const;

/** A number for a label: whole numbers as they are, others with one decimal (two under 10). */
export function formatValue(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** `HH:MM UTC` of a date. */
export function utcClock(date: Date): string {
  return `${date.toISOString().slice(11, 16)} UTC`;
}

/**
 * At most `width` points: each point of the result is the largest of the points it stands for, so a spike stays
 * visible and the values keep their unit (a sum over merged periods would change what the y axis means).
 */
export function downsample(values: readonly number[], width: number): number[] {
  if (values.length <= width) return [...values];
  const out: number[] = [];
  for (let i = 0; i < width; i++) {
    const start = Math.floor((i * values.length) / width);
    const end = Math.floor(((i + 1) * values.length) / width);
    out.push(Math.max(...values.slice(start, Math.max(end, start + 1))));
  }
  return out;
}

function stats(series: ChartSeries, unit: string): string {
  const { values } = series;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const last = values[values.length - 1]!;
  return `min ${formatValue(min)}${unit}  max ${formatValue(max)}${unit}  last ${formatValue(last)}${unit}`;
}

/** `text` cut to `width` characters, with `…` where it was cut. For plain text (no escape codes). */
export function fitLine(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

function headingLines(spec: ChartSpec, io: Pick<CliIO, 'color' | 'width'>, palette: Palette): string[] {
  const unit = spec.unit ?? '';
  const heading = fitLine(spec.heading, io.width);
  const [only] = spec.series;
  if (spec.series.length === 1 && only && only.values.length > 0) {
    const line = `${spec.heading}  ${stats(only, unit)}`;
    if (line.length <= io.width) return [`${palette.bold(heading)}${line.slice(spec.heading.length)}`];
    return [palette.bold(heading), fitLine(`  ${stats(only, unit)}`, io.width)];
  }
  const legend = spec.series.map((series, index) => {
    const last = spec.series.length - 1;
    const positional = spec.ordered === true && !io.color && last > 0;
    const where = !positional ? '' : index === 0 ? ' (lower line)' : index === last ? ' (upper line)' : '';
    return { plain: `── ${series.name}${where}`, coloured: `${palette[series.colour]('──')} ${series.name}${where}` };
  });
  const legendLine = `${spec.heading}  ${legend.map((entry) => entry.plain).join('  ')}`;
  const lines =
    legendLine.length <= io.width
      ? [`${palette.bold(heading)}  ${legend.map((entry) => entry.coloured).join('  ')}`]
      : [palette.bold(heading), ...legend.map((entry) => `  ${fitLine(entry.plain, io.width - 2)}`)];
  const nameWidth = Math.max(...spec.series.map((series) => series.name.length));
  for (const series of spec.series) {
    const text = series.values.length === 0 ? NO_DATAPOINTS : stats(series, unit);
    lines.push(fitLine(`  ${series.name.padEnd(nameWidth)}  ${text}`, io.width));
  }
  return lines;
}

function axisLabel(value: number): string {
  return formatValue(Number(value.toFixed(2)));
}

// The labels asciichart will put on the y axis: one per row, evenly spread from min to max.
function axisLabels(min: number, max: number, height: number): string[] {
  return Array.from({ length: height + 1 }, (_, row) => axisLabel(min + ((max - min) * row) / Math.max(1, height)));
}

function widestLabel(values: readonly number[], height: number): number {
  return Math.max(...axisLabels(Math.min(...values), Math.max(...values), height).map((label) => label.length));
}

function timeAxis(spec: ChartSpec, indent: number, plotWidth: number): string {
  const start = utcClock(spec.since);
  const end = utcClock(spec.until);
  const gap = Math.max(1, plotWidth - start.length - end.length);
  return `${' '.repeat(indent)}${start}${' '.repeat(gap)}${end}`;
}

/**
 * A heading with min/max/last per series, a line chart of the series over the window and its time axis, no line
 * wider than `io.width` (longer series are downsampled). A window without any datapoint gets {@link NO_DATAPOINTS}
 * instead of a chart. Colour (series, bold heading) only when `io.color`. Series are drawn oldest first; all of
 * one chart are expected to share their timestamps, as CloudWatch returns them.
 */
export function lineChart(spec: ChartSpec, io: Pick<CliIO, 'color' | 'width'>): string {
  const palette = paletteFor(io);
  const drawn = spec.series.filter((series) => series.values.length > 0);
  if (drawn.length === 0) return [palette.bold(fitLine(spec.heading, io.width)), `  ${NO_DATAPOINTS}`].join('\n');
  const lines = headingLines(spec, io, palette);
  if (spec.note !== undefined) lines.push(fitLine(`  ${spec.note}`, io.width));
  // The y axis takes the widest of its labels and a space; each column after it is one (downsampled) point. The
  // labels depend on the points drawn, so a second pass narrows the plot if downsampling widened them.
  let labelWidth = widestLabel(
    drawn.flatMap((series) => series.values),
    spec.height,
  );
  let points: number[][] = [];
  for (let pass = 0; pass < 2; pass++) {
    const columns = Math.max(10, io.width - labelWidth - 1);
    points = drawn.map((series) => downsample(series.values, columns));
    const width = widestLabel(points.flat(), spec.height);
    if (width <= labelWidth) break;
    labelWidth = width;
  }
  const all = points.flat();
  const [min, max] = [Math.min(...all), Math.max(...all)];
  // Keeps the axis aligned even if the narrower plot's labels came out wider still (a line may then be one longer).
  labelWidth = Math.max(labelWidth, widestLabel(all, spec.height));
  const plot = asciichart.plot(points, {
    height: spec.height,
    min,
    max,
    // Cell 0 holds the label and a space, cell 1 the axis (and the first point), then one cell per later point.
    offset: 2,
    format: (value: number) => `${axisLabel(value).padStart(labelWidth)} `,
    ...(io.color ? { colors: drawn.map((series) => ASCIICHART_COLOURS[series.colour]) } : {}),
  });
  lines.push(...plot.split('\n').map((line) => line.trimEnd()));
  lines.push(timeAxis(spec, labelWidth + 1, Math.max(...points.map((p) => p.length))));
  return lines.join('\n');
}
