/**
 * Finds the public symbols of a typedoc project whose documentation falls short of the house rule: every top-level
 * export (class, function, interface, type alias, variable, enum) has a comment with an `@example` block, every
 * member a user can reach on it (properties, methods, accessors of classes, interfaces and object types) has a
 * comment, and every TypeScript example parses. Pure over the converted project, so the rule is tested on small
 * fixtures rather than on all of src/.
 */
import {
  type Comment,
  type DeclarationReflection,
  type ProjectReflection,
  type Reflection,
  ReflectionKind,
  type SignatureReflection,
} from 'typedoc';
import { exampleSyntaxErrors } from './example-syntax.js';

/** One symbol that needs more documentation, where it is declared and what it lacks. */
export interface ApiDocOffender {
  /** The declaring file, relative to the project's base path (as typedoc reports it). */
  readonly file: string;
  /** The 1-based line of the declaration. */
  readonly line: number;
  /** The symbol as a reader finds it: `Predictor`, `Predictor.predict`, `DeployEvent.step`. */
  readonly symbol: string;
  /** What is wrong: `missing comment`, `missing @example`, or `@example does not parse: …`. */
  readonly problem: string;
}

const TOP_LEVEL_KINDS =
  ReflectionKind.Class |
  ReflectionKind.Function |
  ReflectionKind.Interface |
  ReflectionKind.TypeAlias |
  ReflectionKind.Variable |
  ReflectionKind.Enum;

const MEMBER_KINDS =
  ReflectionKind.Property | ReflectionKind.Method | ReflectionKind.Accessor | ReflectionKind.EnumMember;

// Where a top-level symbol lives: in a module of a multi-entry project, or the project itself for a single entry.
const CONTAINER_KINDS = ReflectionKind.Project | ReflectionKind.Module | ReflectionKind.Namespace;

/**
 * Every offender in `project`, once each (a symbol exported from several entry points counts once), sorted by file
 * and line so the output reads like a compiler's.
 */
export function findApiDocOffenders(project: ProjectReflection): ApiDocOffender[] {
  const found = new Map<string, ApiDocOffender>();
  const add = (reflection: DeclarationReflection, symbol: string, problem: string) => {
    const source = reflection.sources?.[0];
    const offender = { file: source?.fileName ?? '(unknown file)', line: source?.line ?? 0, symbol, problem };
    found.set(`${offender.file}:${offender.line}:${symbol}:${problem}`, offender);
  };
  const checkExamples = (reflection: DeclarationReflection, symbol: string, comments: readonly Comment[]) => {
    for (const error of comments.flatMap(exampleSyntaxErrors))
      add(reflection, symbol, `@example does not parse: ${error}`);
  };

  for (const reflection of project.getReflectionsByKind(TOP_LEVEL_KINDS)) {
    if (!(reflection.parent?.kindOf(CONTAINER_KINDS) ?? false)) continue;
    const declaration = reflection as DeclarationReflection;
    const comments = commentsOf(declaration);
    if (comments.length === 0) add(declaration, declaration.name, 'missing comment');
    else if (!comments.some((comment) => comment.getTag('@example') !== undefined)) {
      add(declaration, declaration.name, 'missing @example');
    }
    checkExamples(declaration, declaration.name, comments);
  }

  for (const reflection of project.getReflectionsByKind(MEMBER_KINDS)) {
    const member = reflection as DeclarationReflection;
    // An inherited member is documented (or not) where it is declared, and reported there.
    if (member.inheritedFrom !== undefined || isFromDependency(member) || isInParameter(member)) continue;
    const comments = commentsOf(member);
    if (comments.length === 0) add(member, memberPath(member), 'missing comment');
    checkExamples(member, memberPath(member), comments);
  }

  return [...found.values()].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/** `file:line Symbol — missing @example`, the line printed for each offender. */
export function formatOffender(offender: ApiDocOffender): string {
  return `${offender.file}:${offender.line} ${offender.symbol} — ${offender.problem}`;
}

// A function's or method's comment sits on its signatures; an accessor's on its get/set signature.
function commentsOf(reflection: DeclarationReflection): Comment[] {
  const signatures: (SignatureReflection | undefined)[] = [
    ...(reflection.signatures ?? []),
    reflection.getSignature,
    reflection.setSignature,
  ];
  return [reflection.comment, ...signatures.map((signature) => signature?.comment)].filter(
    (comment): comment is Comment => comment !== undefined && hasContent(comment),
  );
}

function hasContent(comment: Comment): boolean {
  return comment.summary.some((part) => part.text.trim() !== '') || comment.blockTags.length > 0;
}

// Members that TypeScript's lib or another package declares (Error#message on an error class): not ours to document.
function isFromDependency(reflection: DeclarationReflection): boolean {
  return reflection.sources?.[0]?.fileName.includes('node_modules/') ?? false;
}

// A property of an inline parameter type (`new NotFoundError(message, { resource })`) is documented by the function's
// `@param`, as typedoc's own notDocumented rule has it.
function isInParameter(member: Reflection): boolean {
  for (let current = member.parent; current !== undefined; current = current.parent) {
    if (current.kindOf(ReflectionKind.Parameter)) return true;
  }
  return false;
}

// `Owner.member`, without typedoc's `__type` of object types: `DeployEvent.step`, `NotFoundError.resource.kind`.
function memberPath(member: Reflection): string {
  const names: string[] = [];
  for (let current: Reflection | undefined = member; current !== undefined; current = current.parent) {
    if (current.kindOf(CONTAINER_KINDS)) break;
    if (current.name !== '__type') names.unshift(current.name);
  }
  return names.join('.');
}
