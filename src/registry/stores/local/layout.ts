/**
 * Where the local registry keeps what, under its folder:
 *
 * ```text
 * models/<name>/versions/<version>.json   one immutable record per version
 * models/<name>/deleted/<version>.json    deleted versions, kept so their numbers are never given out again
 * models/<name>/aliases/<alias>.json      an alias and its history; <alias>.lock while it is being moved
 * models/<name>/approvals/<version>.json  { "status": "approved" }
 * artifacts/<sha256>/<fileName>           artifact copies, content-addressed
 * artifacts/.incoming/                    copies and archives being made, before they are moved into place
 * ```
 *
 * Names, versions and aliases are checked before they become paths, so none can point outside the folder.
 */
import { join } from 'node:path';

/** The paths of one local registry folder. */
export class LocalLayout {
  constructor(readonly root: string) {}

  get models(): string {
    return join(this.root, 'models');
  }
  versions(name: string): string {
    return join(this.models, name, 'versions');
  }
  version(name: string, version: string): string {
    return join(this.versions(name), `${version}.json`);
  }
  deleted(name: string, version: string): string {
    return join(this.models, name, 'deleted', `${version}.json`);
  }
  aliases(name: string): string {
    return join(this.models, name, 'aliases');
  }
  alias(name: string, alias: string): string {
    return join(this.aliases(name), `${alias}.json`);
  }
  aliasLock(name: string, alias: string): string {
    return join(this.aliases(name), `${alias}.lock`);
  }
  approval(name: string, version: string): string {
    return join(this.models, name, 'approvals', `${version}.json`);
  }
  artifact(sha256: string, fileName: string): string {
    return join(this.root, 'artifacts', sha256, fileName);
  }
  get incoming(): string {
    return join(this.root, 'artifacts', '.incoming');
  }
}

/**
 * The record names in a folder listing: `<x>.json` files, without the extension. Temp files (`.<x>.….tmp`, always
 * starting with a dot) and locks are not records.
 */
export function recordNames(files: readonly string[]): string[] {
  return files.filter((f) => f.endsWith('.json') && !f.startsWith('.')).map((f) => f.slice(0, -'.json'.length));
}
