/**
 * Registry records as short text for people: one line per event, metrics and metadata inline, sizes in units.
 * `--json` prints the records themselves; these are only for terminals and CI logs.
 */
import type { RegistryEvent } from '../../../registry/history.js';
import type { AliasState, ModelVersion } from '../../../registry/types.js';
import type { CliIO } from '../../io.js';
import { renderTable, type TableColumn } from '../../render/table.js';

const EVENT_COLUMNS: readonly TableColumn[] = [
  { key: 'at', title: 'TIME' },
  { key: 'event', title: 'EVENT' },
  { key: 'by', title: 'BY' },
];

/** `auc=0.91 f1=0.84`, or `-` when there are none. */
export function describePairs(values: Readonly<Record<string, string | number>>): string {
  const pairs = Object.entries(values).map(([key, value]) => `${key}=${value}`);
  return pairs.length === 0 ? '-' : pairs.join(' ');
}

/** `onnx`, `sklearn 1.2-1`, or `-`. */
export function describeFramework(version: ModelVersion): string {
  return [version.framework, version.frameworkVersion].filter((part) => part !== undefined).join(' ') || '-';
}

/** `12.3 kB`: decimal units, as S3 and most file browsers show sizes. */
export function describeBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** `2026-01-01 12:00:00Z`: an ISO time without its milliseconds, easier to read in a column. */
export function describeTime(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

/** The aliases among `aliases` that point at `version`, by name. */
export function aliasesOf(aliases: readonly AliasState[], version: string): string[] {
  return aliases.filter((state) => state.version === version).map((state) => state.alias);
}

/** `registered version 3`, `production → 3 (promoted from staging, was 2)`, `production → 2 (rollback, was 3)`. */
export function describeEvent(event: RegistryEvent): string {
  if (event.kind === 'registered') return `registered version ${event.version}`;
  const why =
    event.reason === 'promote'
      ? `promoted from ${event.from ?? '?'}`
      : event.reason === 'rollback'
        ? 'rollback'
        : 'set';
  const was = event.previous === undefined ? '' : `, was ${event.previous}`;
  return `${event.alias} → ${event.version} (${why}${was})`;
}

/** Whether `event` concerns `version`: its registration, or an alias moving to or away from it. */
export function concerns(event: RegistryEvent, version: string): boolean {
  return event.version === version || (event.kind === 'alias' && event.previous === version);
}

/** Events as a table: time, what happened, who did it. */
export function describeEvents(events: readonly RegistryEvent[], io: Pick<CliIO, 'color'>): string {
  const rows = events.map((event) => ({ at: describeTime(event.at), event: describeEvent(event), by: event.by }));
  return renderTable(rows, EVENT_COLUMNS, io);
}
