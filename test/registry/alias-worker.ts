/**
 * A child process of the concurrency tests: moves alias `production` of `churn` `count` times, alternating between
 * versions 1 and 2, each move a read-compare-write through the store that retries on CONFLICT (what a careful
 * caller does). Prints how many conflicts it met. Run as `node --import tsx alias-worker.ts <dir> <count> <tag>`.
 */
import { ConflictError } from '../../src/errors.js';
import { movedAlias } from '../../src/registry/alias-moves.js';
import { LocalRegistryStore } from '../../src/registry/stores/local/local-store.js';

const [dir, countText, tag] = process.argv.slice(2);
const store = new LocalRegistryStore(dir ?? '');
let conflicts = 0;
for (let i = 0; i < Number(countText); i++) {
  for (;;) {
    const current = await store.getAlias('churn', 'production');
    const version = current?.value.version === '1' ? '2' : '1';
    const change = { version, reason: 'set' as const, at: new Date().toISOString(), by: `${tag}-${i}` };
    try {
      await store.putAlias(movedAlias(current?.value, 'churn', 'production', change), current?.revision);
      break;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      conflicts++;
    }
  }
}
process.stdout.write(JSON.stringify({ conflicts }));
