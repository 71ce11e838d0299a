/**
 * Cursors of `Registry.list`: the last version of the page, so the next page starts after it in listing order even
 * when versions were added or deleted in between (no offsets that shift).
 */
import { InvalidArgumentError } from '../errors.js';
import { isValidVersion } from './names.js';

/** The cursor of a page that ended at `lastVersion`. Opaque to callers: base64url text. */
export function encodeCursor(lastVersion: string): string {
  return Buffer.from(JSON.stringify({ after: lastVersion }), 'utf8').toString('base64url');
}

/**
 * The version a cursor continues after.
 * @throws {@link InvalidArgumentError} (`argument: 'cursor'`) for text that no `list` call returned.
 */
export function decodeCursor(cursor: string): string {
  let after: unknown;
  try {
    after = (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown }).after;
  } catch {
    after = undefined;
  }
  if (!isValidVersion(after)) {
    throw new InvalidArgumentError(
      'cursor',
      `cursor ${JSON.stringify(cursor)} is not a cursor list() returned: pass the cursor of the previous page as it is.`,
    );
  }
  return after;
}
