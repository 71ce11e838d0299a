/**
 * Whether the code of an `@example` is TypeScript at all. Examples use variables they do not declare (`predictor`,
 * `rows`), so they cannot be type-checked alone; parsing them still catches the mistakes that slip into prose
 * (a fragment such as `.withAutoscaling({…})`, a `catch` without its `try`, an unclosed bracket).
 */
import { Comment } from 'typedoc';
import ts from 'typescript';

// Fenced blocks in a language TypeScript parses; `sh`, `json` and the like are left alone.
const FENCE = /```(?:ts|typescript|js|javascript|mts|mjs)[^\n]*\n([\s\S]*?)```/g;

/** The first syntax error of each TypeScript example in `comment`'s `@example` tags, as `message (example line n)`. */
export function exampleSyntaxErrors(comment: Comment): string[] {
  const errors: string[] = [];
  for (const tag of comment.getTags('@example')) {
    for (const [, code = ''] of Comment.combineDisplayParts(tag.content).matchAll(FENCE)) {
      const { diagnostics = [] } = ts.transpileModule(code, {
        reportDiagnostics: true,
        compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
      });
      const first = diagnostics[0];
      if (first === undefined) continue;
      const line =
        first.file && first.start !== undefined ? first.file.getLineAndCharacterOfPosition(first.start).line : 0;
      errors.push(`${ts.flattenDiagnosticMessageText(first.messageText, ' ')} (example line ${line + 1})`);
    }
  }
  return errors;
}
