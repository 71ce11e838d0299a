import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Application, type ProjectReflection } from 'typedoc';
import { beforeAll, describe, expect, it } from 'vitest';
import { findApiDocOffenders, formatOffender } from '../../scripts/api-docs/find-offenders.js';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'api-docs');

// The options `npm run docs:check` gives typedoc (internals excluded, sources kept for file:line), on a fixture with
// one symbol of each kind the rule covers.
async function convertFixture(): Promise<ProjectReflection> {
  const app = await Application.bootstrap(
    {
      entryPoints: [join(FIXTURE, 'api.ts'), join(FIXTURE, 'second.ts')],
      tsconfig: join(FIXTURE, 'tsconfig.json'),
      basePath: FIXTURE,
      excludeInternal: true,
      disableGit: true,
      sourceLinkTemplate: '{path}#L{line}',
      emit: 'none',
      logLevel: 'Error',
    },
    [],
  ); // no readers: the repository's own typedoc.json must not leak into the fixture's options
  const project = await app.convert();
  if (project === undefined) throw new Error('typedoc could not convert the fixture');
  return project;
}

describe('check-api-docs: which public symbols lack documentation', () => {
  let lines: string[];

  beforeAll(async () => {
    lines = findApiDocOffenders(await convertFixture()).map(formatOffender);
  }, 60_000);

  it('prints each offender as file:line Symbol — missing …, once, in file and line order', () => {
    expect(lines).toEqual([
      'api.ts:14 noExample — missing @example',
      'api.ts:16 bare — missing comment',
      'api.ts:39 Options.undocumented — missing comment',
      'api.ts:54 Event.step — missing comment',
      'api.ts:56 Event.type — missing comment',
      'api.ts:70 Thing.undocumented — missing comment',
      'api.ts:72 Thing.count — missing comment',
      'api.ts:105 brokenExample — @example does not parse: Declaration or statement expected. (example line 1)',
    ]);
  });

  it('accepts a documented top-level symbol with an @example, and documented members', () => {
    const reported = lines.join('\n');
    expect(reported).not.toMatch(/ good /);
    expect(reported).not.toMatch(/ Kind /);
    expect(reported).not.toMatch(/Options\.documented|Thing\.documented/);
  });

  it('parses the TypeScript examples only: a fragment is reported, a shell example is not', () => {
    const examples = lines.filter((line) => line.includes('@example does not parse'));
    expect(examples).toEqual([expect.stringMatching(/^api\.ts:105 brokenExample — /)]);
  });

  it('leaves out what Error declares, what is marked @internal, and inline parameter types', () => {
    expect(lines.join('\n')).not.toMatch(/message|stack|name|hidden|size/);
  });
});
