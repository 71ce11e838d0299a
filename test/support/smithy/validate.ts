/**
 * Walks a request input against an operation's input shape and collects every way it breaks the model.
 */
import { localName, type Shape, TRAIT, type Traits } from './ast.js';
import { checkEnum, checkLength, checkPattern, checkRange, stringLength } from './constraints.js';
import { describeShape, describeValue, formatList } from './describe.js';
import type { ServiceModel } from './models.js';
import { blobByteLength, isDocument, isNumeric, isRecord, isStream, numberProblem } from './scalars.js';

/** One way a request breaks its model. */
export interface Violation {
  /** Where, e.g. `ProductionVariants[0].InstanceType`; `(input)` for the input object itself. */
  readonly path: string;
  /** What was wrong and what is allowed. */
  readonly message: string;
}

/** Which members outside the model to tolerate (see allow-list.ts). */
export interface Tolerated {
  /** Abstract member paths (`List[].Member`) that may appear although not modelled. */
  readonly paths: ReadonlySet<string>;
  /** Top-level member names that may appear although not modelled. */
  readonly topLevel: ReadonlySet<string>;
}

interface Walk {
  readonly model: ServiceModel;
  readonly tolerated: Tolerated;
  readonly out: Violation[];
}

/** A location: the concrete path for messages and the abstract one (`[]`, `{}`) for the allow-list. */
interface Where {
  readonly path: string;
  readonly abstract: string;
}

const ROOT: Where = { path: '', abstract: '' };

// Deep enough for any AWS input; stops runaway recursion on a cyclic input object.
const MAX_DEPTH = 64;

/**
 * The violations of `input` against the input shape of operation `operation`.
 *
 * @throws Error when the model has no such operation.
 */
export function validateOperationInput(
  model: ServiceModel,
  operation: string,
  input: unknown,
  tolerated: Tolerated = { paths: new Set(), topLevel: new Set() },
): Violation[] {
  const opId = model.operations.get(operation);
  if (!opId) {
    throw new Error(
      `The ${model.sdkId} model (${model.file}) has no operation "${operation}". ` +
        `Known operations include: ${formatList([...model.operations.keys()].sort())}.`,
    );
  }
  const target = model.shape(opId)?.input?.target ?? 'smithy.api#Unit';
  const walk: Walk = { model, tolerated, out: [] };
  // `new XCommand()` without input sends `{}`.
  visit(walk, input ?? {}, target, {}, ROOT, 0);
  return walk.out;
}

function at(where: Where): string {
  return where.path === '' ? '(input)' : where.path;
}

function member(where: Where, name: string): Where {
  return {
    path: where.path === '' ? name : `${where.path}.${name}`,
    abstract: where.abstract === '' ? name : `${where.abstract}.${name}`,
  };
}

function report(walk: Walk, where: Where, message: string): void {
  walk.out.push({ path: at(where), message });
}

function wrongType(walk: Walk, where: Where, target: string, traits: Traits, value: unknown, why?: string): void {
  const expected = describeShape(walk.model, target, traits);
  report(walk, where, `expected ${expected}, got ${describeValue(value)}${why ? ` (${why})` : ''}`);
}

function visit(walk: Walk, value: unknown, target: string, memberTraits: Traits, where: Where, depth: number): void {
  const shape = walk.model.shape(target);
  if (!shape) {
    report(walk, where, `the model refers to shape ${target}, which it does not define`);
    return;
  }
  if (depth > MAX_DEPTH) {
    report(walk, where, `nested more than ${MAX_DEPTH} levels deep (is the input cyclic?)`);
    return;
  }
  const traits: Traits = { ...shape.traits, ...memberTraits };
  switch (shape.type) {
    case 'structure':
      visitStructure(walk, value, target, shape, where, depth);
      return;
    case 'union':
      visitUnion(walk, value, target, shape, traits, where, depth);
      return;
    case 'list':
    case 'set':
      visitList(walk, value, target, shape, traits, where, depth);
      return;
    case 'map':
      visitMap(walk, value, target, shape, traits, where, depth);
      return;
    default:
      visitScalar(walk, value, target, shape, traits, where);
      return;
  }
}

function visitStructure(walk: Walk, value: unknown, target: string, shape: Shape, where: Where, depth: number): void {
  if (!isRecord(value)) {
    wrongType(walk, where, target, {}, value);
    return;
  }
  const members = shape.members ?? {};
  for (const [name, ref] of Object.entries(members)) {
    const v = value[name];
    const mt = ref.traits ?? {};
    if (v === undefined) {
      // The SDK fills idempotency tokens itself, and a default (other than null, "no default") stands in for
      // an absent member.
      const defaulted = mt[TRAIT.default] !== undefined && mt[TRAIT.default] !== null;
      if (TRAIT.required in mt && !(TRAIT.idempotencyToken in mt) && !defaulted) {
        report(
          walk,
          member(where, name),
          `required member of ${localName(target)} is missing; expected ${describeShape(walk.model, ref.target, mt)}`,
        );
      }
      continue;
    }
    visit(walk, v, ref.target, mt, member(where, name), depth + 1);
  }
  reportUnknown(walk, value, target, members, where);
}

function reportUnknown(
  walk: Walk,
  value: Record<string, unknown>,
  target: string,
  members: Readonly<Record<string, unknown>>,
  where: Where,
): void {
  for (const [name, v] of Object.entries(value)) {
    // An undefined member is never serialized, so it cannot be wrong.
    if (name in members || v === undefined) continue;
    const inner = member(where, name);
    if (walk.tolerated.paths.has(inner.abstract)) continue;
    if (where.path === '' && walk.tolerated.topLevel.has(name)) continue;
    const known = Object.keys(members);
    const near = known.find((k) => k.toLowerCase() === name.toLowerCase());
    report(
      walk,
      inner,
      `unknown member: ${localName(target)} has no member ${JSON.stringify(name)}${near ? ` (did you mean ${near}?)` : ''}; ` +
        `allowed members: ${known.length ? formatList(known) : 'none'}`,
    );
  }
}

function visitUnion(
  walk: Walk,
  value: unknown,
  target: string,
  shape: Shape,
  traits: Traits,
  where: Where,
  depth: number,
): void {
  // An input event stream (a streaming union) is sent as an async iterable of events.
  if (TRAIT.streaming in traits) {
    if (!isStream(value)) wrongType(walk, where, target, traits, value, 'an event stream is an async iterable');
    return;
  }
  if (!isRecord(value)) {
    wrongType(walk, where, target, traits, value);
    return;
  }
  const members = shape.members ?? {};
  const set = Object.keys(value).filter((k) => value[k] !== undefined && k in members);
  if (set.length !== 1) {
    report(
      walk,
      where,
      `union ${localName(target)} must have exactly one member set, got ${set.length}` +
        `${set.length ? ` (${set.join(', ')})` : ''}; members: ${formatList(Object.keys(members))}`,
    );
  }
  for (const name of set) {
    const ref = members[name]!;
    visit(walk, value[name], ref.target, ref.traits ?? {}, member(where, name), depth + 1);
  }
  reportUnknown(walk, value, target, members, where);
}

function visitList(
  walk: Walk,
  value: unknown,
  target: string,
  shape: Shape,
  traits: Traits,
  where: Where,
  depth: number,
): void {
  if (!Array.isArray(value)) {
    wrongType(walk, where, target, traits, value);
    return;
  }
  const length = checkLength(value.length, 'items', traits);
  if (length) report(walk, where, length);
  if (TRAIT.uniqueItems in traits || shape.type === 'set') {
    const seen = new Set(value.map((item) => JSON.stringify(item)));
    if (seen.size !== value.length) report(walk, where, `items of ${localName(target)} must be unique`);
  }
  const ref = shape.member;
  if (!ref) return;
  value.forEach((item, i) => {
    const inner = { path: `${at(where)}[${i}]`, abstract: `${where.abstract}[]` };
    if (item === null || item === undefined) {
      if (!(TRAIT.sparse in traits)) {
        report(walk, inner, `${localName(target)} is not sparse, so items cannot be ${item}`);
      }
      return;
    }
    visit(walk, item, ref.target, ref.traits ?? {}, inner, depth + 1);
  });
}

function visitMap(
  walk: Walk,
  value: unknown,
  target: string,
  shape: Shape,
  traits: Traits,
  where: Where,
  depth: number,
): void {
  if (!isRecord(value)) {
    wrongType(walk, where, target, traits, value);
    return;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  const length = checkLength(entries.length, 'entries', traits);
  if (length) report(walk, where, length);
  for (const [k, v] of entries) {
    const inner = { path: `${at(where)}[${JSON.stringify(k)}]`, abstract: `${where.abstract}{}` };
    if (shape.key) {
      // Keys are strings; report them at the entry with a "key" marker.
      const keyWhere = { path: `${inner.path} (key)`, abstract: inner.abstract };
      visit(walk, k, shape.key.target, shape.key.traits ?? {}, keyWhere, depth + 1);
    }
    if (v === null) {
      if (!(TRAIT.sparse in traits))
        report(walk, inner, `${localName(target)} is not sparse, so values cannot be null`);
      continue;
    }
    if (shape.value) visit(walk, v, shape.value.target, shape.value.traits ?? {}, inner, depth + 1);
  }
}

function visitScalar(walk: Walk, value: unknown, target: string, shape: Shape, traits: Traits, where: Where): void {
  const problems: (string | undefined)[] = [];
  switch (shape.type) {
    case 'string':
    case 'enum':
      if (typeof value !== 'string') {
        wrongType(walk, where, target, traits, value);
        return;
      }
      problems.push(
        checkEnum(value, shape, traits, target),
        checkLength(stringLength(value), 'characters', traits),
        checkPattern(value, traits, target),
      );
      break;
    case 'intEnum': {
      const why = numberProblem(shape.type, value);
      if (why) {
        wrongType(walk, where, target, traits, value, why);
        return;
      }
      problems.push(checkEnum(value as number, shape, traits, target));
      break;
    }
    case 'boolean':
      if (typeof value !== 'boolean') {
        wrongType(walk, where, target, traits, value);
        return;
      }
      break;
    case 'timestamp':
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
        wrongType(walk, where, target, traits, value);
        return;
      }
      break;
    case 'blob': {
      const bytes = blobByteLength(value);
      if (bytes === null) {
        wrongType(walk, where, target, traits, value);
        return;
      }
      if (bytes !== undefined) problems.push(checkLength(bytes, 'bytes', traits));
      break;
    }
    case 'document':
      if (!isDocument(value)) {
        wrongType(walk, where, target, traits, value);
        return;
      }
      break;
    default: {
      if (!isNumeric(shape.type)) {
        report(walk, where, `cannot validate a member of shape type ${shape.type} (${target})`);
        return;
      }
      const why = numberProblem(shape.type, value);
      if (why) {
        wrongType(walk, where, target, traits, value, why);
        return;
      }
      problems.push(checkRange(value as number | bigint, traits));
    }
  }
  for (const problem of problems) if (problem) report(walk, where, problem);
}
