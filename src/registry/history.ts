/**
 * A model's history as one timeline: versions registered and alias moves, oldest first. Built from the records the
 * store already keeps (each version's `createdAt`, each alias's history), so there is no separate log to keep in step.
 */
import type { AliasChange, AliasState, ModelVersion } from './types.js';
import { compareVersions } from './version-order.js';

/**
 * A version was registered.
 *
 * @example
 * ```ts
 * const registrations = (await registry.history('churn')).filter(
 *   (e): e is VersionRegisteredEvent => e.kind === 'registered',
 * );
 * ```
 */
export interface VersionRegisteredEvent {
  /** Tells the events apart. */
  readonly kind: 'registered';
  /** The model's name. */
  readonly name: string;
  /** The version registered. */
  readonly version: string;
  /** When, ISO 8601 UTC. */
  readonly at: string;
  /** Who registered it. */
  readonly by: string;
}

/**
 * An alias moved (was set, promoted to, or rolled back).
 *
 * @example
 * ```ts
 * const moves = (await registry.history('churn')).filter((e): e is AliasMovedEvent => e.kind === 'alias');
 * for (const move of moves) console.log(`${move.alias}: ${move.previous ?? '(new)'} → ${move.version}`);
 * ```
 */
export interface AliasMovedEvent extends AliasChange {
  /** Tells the events apart. */
  readonly kind: 'alias';
  /** The model's name. */
  readonly name: string;
  /** The alias that moved. */
  readonly alias: string;
  /** Where the alias pointed before; absent when it was created by this move. */
  readonly previous?: string;
}

/**
 * One entry of a model's timeline, as `Registry.history()` returns it: a version registered, or an alias moved.
 *
 * @example
 * ```ts
 * for (const event of await registry.history('churn')) {
 *   if (event.kind === 'registered') console.log(`${event.at} ${event.by} registered ${event.version}`);
 *   else console.log(`${event.at} ${event.by} moved ${event.alias} to ${event.version} (${event.reason})`);
 * }
 * ```
 */
export type RegistryEvent = VersionRegisteredEvent | AliasMovedEvent;

/**
 * The timeline of `versions` and `aliases`, sorted by time. Events at the same instant keep a fixed order: versions
 * (in version order) before alias moves, and each alias's moves in the order they were made.
 */
export function mergeHistory(versions: readonly ModelVersion[], aliases: readonly AliasState[]): RegistryEvent[] {
  const registered: RegistryEvent[] = [...versions]
    .sort((a, b) => compareVersions(a.version, b.version))
    .map((v) => ({ kind: 'registered', name: v.name, version: v.version, at: v.createdAt, by: v.createdBy }));
  const moves: RegistryEvent[] = [...aliases]
    .sort((a, b) => (a.alias < b.alias ? -1 : a.alias > b.alias ? 1 : 0))
    .flatMap((state) =>
      state.history.map((change, index) => {
        const previous = state.history[index - 1]?.version;
        return {
          ...change,
          kind: 'alias' as const,
          name: state.name,
          alias: state.alias,
          ...(previous === undefined ? {} : { previous }),
        };
      }),
    );
  // Array.prototype.sort is stable, so equal times keep the order above.
  return [...registered, ...moves].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
