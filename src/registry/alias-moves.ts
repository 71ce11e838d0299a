/**
 * How an alias moves: every move appends to its history, and a rollback walks that history backwards. The history
 * is read as a stack: a `set` or `promote` pushes a version, a `rollback` pops one, so rolling back twice after
 * `1 → 2 → 3` goes to 2 and then to 1, not back and forth between 2 and 3.
 */
import type { AliasChange, AliasState } from './types.js';

/** The state of alias `alias` of `name` after `change`, keeping the history before it. */
export function movedAlias(
  current: AliasState | undefined,
  name: string,
  alias: string,
  change: AliasChange,
): AliasState {
  return { name, alias, version: change.version, history: [...(current?.history ?? []), change] };
}

/** The versions an alias can roll back through, oldest first; the last is where it points now. */
export function rollbackStack(history: readonly AliasChange[]): string[] {
  const stack: string[] = [];
  for (const change of history) {
    if (change.reason === 'rollback') {
      stack.pop();
      // A history written by other tools may not have rolled back to the version below: trust what it recorded.
      if (stack.at(-1) !== change.version) stack.push(change.version);
    } else if (stack.at(-1) !== change.version) {
      stack.push(change.version);
    }
  }
  return stack;
}

/**
 * The version a rollback of `state` returns to: the one the alias pointed to before its last move that was not
 * itself rolled back. `undefined` when there is none (the alias was only ever set once, or was rolled back to its
 * first version).
 */
export function rollbackTarget(state: AliasState): string | undefined {
  const stack = rollbackStack(state.history);
  return stack.length < 2 ? undefined : stack[stack.length - 2];
}
