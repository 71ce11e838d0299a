/**
 * The ids of the log events already given to the reader's caller, so a follow that looks back over a few seconds
 * (to catch events that reached CloudWatch late) never gives one twice; ids older than the look-back are dropped,
 * so a follow of days keeps a bounded set.
 */

export class SeenEvents {
  readonly #ids = new Map<string, number>();
  #newest = Number.NEGATIVE_INFINITY;

  /** The newest timestamp seen, in epoch milliseconds; -Infinity before the first event. */
  get newest(): number {
    return this.#newest;
  }

  /** Records the event `id` logged at `timestamp`; false when it was recorded before (give it no second time). */
  add(id: string, timestamp: number): boolean {
    if (this.#ids.has(id)) return false;
    this.#ids.set(id, timestamp);
    this.#newest = Math.max(this.#newest, timestamp);
    return true;
  }

  /** Drops the ids of events older than `time`: no later read reaches back that far. */
  forgetBefore(time: number): void {
    for (const [id, timestamp] of this.#ids) if (timestamp < time) this.#ids.delete(id);
  }
}
