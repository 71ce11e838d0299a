/**
 * `npm run docs:check`: the API reference is complete. One typedoc conversion (options from typedoc.json) serves two
 * checks, so CI pays for one TypeScript program, not two:
 *
 * 1. typedoc's own validation (notExported, invalidLink, notDocumented) with warnings treated as errors;
 * 2. every public top-level symbol has an `@example`, and every public member a comment (scripts/api-docs).
 *
 *   npx tsx scripts/check-api-docs.ts
 *
 * Prints each offender as `file:line Symbol — missing @example` (or `— missing comment`) and exits 1 when there is
 * any, or when typedoc warned. Offline: it reads only the sources.
 */
import { Application, TSConfigReader, TypeDocReader } from 'typedoc';
import { findApiDocOffenders, formatOffender } from './api-docs/find-offenders.js';

const app = await Application.bootstrapWithPlugins({ emit: 'none' }, [new TypeDocReader(), new TSConfigReader()]);
// typedoc.json leaves source links out of the published pages (no public repository URL yet), but offenders need
// their file and line: keep the sources here, without asking git for a remote to link to.
app.options.setValue('basePath', process.cwd());
app.options.setValue('disableSources', false);
app.options.setValue('disableGit', true);
app.options.setValue('sourceLinkTemplate', '{path}#L{line}');

const project = await app.convert();
if (project === undefined) {
  console.error('check-api-docs: typedoc could not convert the project (see the errors above)');
  process.exit(1);
}
app.validate(project);
const typedocFailed = app.logger.hasErrors() || app.logger.hasWarnings();

const offenders = findApiDocOffenders(project);
for (const offender of offenders) console.error(formatOffender(offender));

if (offenders.length > 0) {
  console.error(`check-api-docs: ${offenders.length} public symbol(s) need documentation`);
}
if (typedocFailed) console.error('check-api-docs: typedoc reported warnings or errors (above)');
if (offenders.length > 0 || typedocFailed) process.exit(1);
console.log('check-api-docs: every public symbol is documented, with an example where it is top-level');
