/**
 * The pure rules: names, versions, aliases, references, the listing order, rollback stacks, content comparison and
 * cursors.
 */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { rollbackStack, rollbackTarget } from '../../src/registry/alias-moves.js';
import { sameVersionContent } from '../../src/registry/content.js';
import { checkAlias, checkModelName, checkVersion } from '../../src/registry/names.js';
import { nextVersionNumber } from '../../src/registry/numbering.js';
import { decodeCursor, encodeCursor } from '../../src/registry/page-cursor.js';
import { formatModelRef, parseModelRef } from '../../src/registry/ref.js';
import type { AliasChange, ModelVersion } from '../../src/registry/types.js';
import { compareVersions, sortVersions } from '../../src/registry/version-order.js';

describe('names, versions and aliases', () => {
  it.each(['churn', 'a', 'Churn-Model-2', 'a--b', 'x'.repeat(63)])('accepts the name %s', (name) => {
    expect(() => checkModelName(name)).not.toThrow();
  });
  it.each(['', '-churn', 'churn-', 'churn_v2', 'churn.v2', 'x'.repeat(64), 'a/b', '../x', 'é'])(
    'refuses the name %j',
    (name) => {
      expect(() => checkModelName(name)).toThrow(InvalidArgumentError);
    },
  );
  it.each(['0', '1', '42', '123456789012345', '1.0.0', '2.0.0-rc.1', '1.0.0+build.5', '1.0.0-alpha.beta'])(
    'accepts the version %s',
    (version) => {
      expect(() => checkVersion(version)).not.toThrow();
    },
  );
  it.each(['', '01', 'v1.0.0', '1.0', '1.0.0.0', '1234567890123456', 'latest', '-1', '1.0.0-', '01.0.0', ' 1'])(
    'refuses the version %j',
    (version) => {
      expect(() => checkVersion(version)).toThrow(InvalidArgumentError);
    },
  );
  it('suggests a fix for v-prefixed and zero-padded versions', () => {
    expect(() => checkVersion('v1.4.0')).toThrow(/Drop the "v": "1.4.0"/);
    expect(() => checkVersion('007')).toThrow(/"7"/);
  });
  it.each(['production', 'staging', 'canary-2', 'A'])('accepts the alias %s', (alias) => {
    expect(() => checkAlias(alias)).not.toThrow();
  });
  it.each(['3', '1.0.0', '2fast', '', '-prod', 'prod-', 'prod_1', 'x'.repeat(64)])('refuses the alias %j', (alias) => {
    expect(() => checkAlias(alias)).toThrow(InvalidArgumentError);
  });
});

describe('parseModelRef', () => {
  it('tells aliases (a letter first) from versions (a digit first)', () => {
    expect(parseModelRef('churn@production')).toEqual({ name: 'churn', alias: 'production' });
    expect(parseModelRef('churn@3')).toEqual({ name: 'churn', version: '3' });
    expect(parseModelRef('churn@1.4.0-rc.1')).toEqual({ name: 'churn', version: '1.4.0-rc.1' });
    expect(parseModelRef('churn')).toEqual({ name: 'churn' });
  });
  it.each(['', '@production', 'churn@', 'churn@@x', 'churn@prod@x', 'bad_name@1', 'churn@1.0', 'churn@01'])(
    'refuses %j, naming the ref argument',
    (ref) => {
      expect(() => parseModelRef(ref)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', argument: 'ref' }));
    },
  );
  it('formats back', () => {
    for (const ref of ['churn@production', 'churn@3', 'churn']) expect(formatModelRef(parseModelRef(ref))).toBe(ref);
  });
});

describe('version order', () => {
  it('sorts numbers numerically, before semantic versions', () => {
    expect(sortVersions(['10', '2', '1.0.0', '1'])).toEqual(['1', '2', '10', '1.0.0']);
  });
  it('sorts semantic versions by semver precedence (the example of semver.org §11)', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.2.0',
      '1.10.0',
      '2.0.0',
      '10.0.0',
    ];
    const shuffled = [...ordered].reverse().sort((a, b) => (a.length % 3) - (b.length % 3));
    expect(sortVersions(shuffled)).toEqual(ordered);
  });
  it('orders versions equal in precedence by their text, so the order is total', () => {
    expect(sortVersions(['1.0.0+b', '1.0.0+a'])).toEqual(['1.0.0+a', '1.0.0+b']);
    expect(compareVersions('1.0.0', '1.0.0')).toBe(0);
  });
  it('numbers the next version after the highest number, ignoring semvers', () => {
    expect(nextVersionNumber([])).toBe(1);
    expect(nextVersionNumber(['1', '9', '3', '12.0.0'])).toBe(10);
  });
});

describe('rollback stacks', () => {
  const change = (version: string, reason: AliasChange['reason']): AliasChange => ({
    version,
    reason,
    at: '2026-01-01T00:00:00.000Z',
    by: 'x',
  });
  const state = (...history: AliasChange[]) => ({
    name: 'churn',
    alias: 'production',
    version: history.at(-1)?.version ?? '',
    history,
  });

  it('walks back through moves, skipping what was rolled back', () => {
    const moves = [change('1', 'set'), change('2', 'promote'), change('3', 'promote')];
    expect(rollbackTarget(state(...moves))).toBe('2');
    expect(rollbackTarget(state(...moves, change('2', 'rollback')))).toBe('1');
    expect(rollbackTarget(state(...moves, change('2', 'rollback'), change('1', 'rollback')))).toBeUndefined();
    expect(rollbackStack([...moves, change('2', 'rollback'), change('4', 'promote')])).toEqual(['1', '2', '4']);
  });
  it('has nothing to roll back to after one move, or after moves to the same version', () => {
    expect(rollbackTarget(state(change('1', 'set')))).toBeUndefined();
    expect(rollbackTarget(state(change('1', 'set'), change('1', 'promote')))).toBeUndefined();
  });
});

describe('content and cursors', () => {
  const base: ModelVersion = {
    name: 'churn',
    version: '1',
    metadata: { a: '1', b: '2' },
    metrics: {},
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: 'a@host',
  };
  it('compares everything but the time and author, in any key order', () => {
    expect(sameVersionContent(base, { ...base, createdAt: 'later', createdBy: 'b@host' })).toBe(true);
    expect(sameVersionContent(base, { ...base, metadata: { b: '2', a: '1' } })).toBe(true);
    expect(sameVersionContent(base, { ...base, metadata: { a: '1' } })).toBe(false);
    expect(sameVersionContent(base, { ...base, description: undefined })).toBe(true);
  });
  it('round-trips cursors and refuses made-up ones', () => {
    expect(decodeCursor(encodeCursor('1.0.0-rc.1'))).toBe('1.0.0-rc.1');
    expect(() => decodeCursor('nonsense')).toThrow(expect.objectContaining({ argument: 'cursor' }));
    expect(() => decodeCursor(Buffer.from('{"after":"../x"}').toString('base64url'))).toThrow(InvalidArgumentError);
  });
});
