/**
 * The parts of the Smithy JSON AST (https://smithy.io/2.0/spec/json-ast.html) the contract checker reads.
 * Only what validation needs is typed; everything else in a model file is ignored.
 */

/** Trait id → trait value, e.g. `{ 'smithy.api#length': { min: 1, max: 63 } }`. */
export type Traits = Readonly<Record<string, unknown>>;

/** A reference to a shape, as used by list members, map keys/values and structure members. */
export interface MemberRef {
  readonly target: string;
  readonly traits?: Traits;
}

export type ShapeType =
  | 'blob'
  | 'boolean'
  | 'string'
  | 'byte'
  | 'short'
  | 'integer'
  | 'long'
  | 'float'
  | 'double'
  | 'bigInteger'
  | 'bigDecimal'
  | 'timestamp'
  | 'document'
  | 'enum'
  | 'intEnum'
  | 'list'
  | 'set'
  | 'map'
  | 'structure'
  | 'union'
  | 'operation'
  | 'resource'
  | 'service';

export interface Shape {
  readonly type: ShapeType;
  readonly traits?: Traits;
  /** Structure, union, enum and intEnum members. */
  readonly members?: Readonly<Record<string, MemberRef>>;
  /** List/set element. */
  readonly member?: MemberRef;
  /** Map key and value. */
  readonly key?: MemberRef;
  readonly value?: MemberRef;
  /** Operation input/output. */
  readonly input?: { readonly target: string };
  readonly output?: { readonly target: string };
  /** Service and resource bindings. */
  readonly operations?: readonly { readonly target: string }[];
  readonly resources?: readonly { readonly target: string }[];
}

/** A whole model file: `{ smithy: '2.0', shapes: { [shapeId]: Shape } }`. */
export interface SmithyModel {
  readonly smithy: string;
  readonly shapes: Readonly<Record<string, Shape>>;
}

/** The `smithy.api#length` / `smithy.api#range` trait value. Both bounds are inclusive and optional. */
export interface Bounds {
  readonly min?: number;
  readonly max?: number;
}

/** One entry of the Smithy 1.0 style `smithy.api#enum` trait. */
export interface EnumDefinition {
  readonly value: string;
  readonly name?: string;
}

export const TRAIT = {
  required: 'smithy.api#required',
  default: 'smithy.api#default',
  idempotencyToken: 'smithy.api#idempotencyToken',
  length: 'smithy.api#length',
  range: 'smithy.api#range',
  pattern: 'smithy.api#pattern',
  enum: 'smithy.api#enum',
  enumValue: 'smithy.api#enumValue',
  sparse: 'smithy.api#sparse',
  uniqueItems: 'smithy.api#uniqueItems',
  streaming: 'smithy.api#streaming',
  awsService: 'aws.api#service',
} as const;

/** Shapes of the Smithy prelude a member may target without the model defining them. */
export const PRELUDE: Readonly<Record<string, Shape>> = {
  'smithy.api#Unit': { type: 'structure', members: {} },
  'smithy.api#String': { type: 'string' },
  'smithy.api#Blob': { type: 'blob' },
  'smithy.api#Boolean': { type: 'boolean' },
  'smithy.api#PrimitiveBoolean': { type: 'boolean' },
  'smithy.api#Byte': { type: 'byte' },
  'smithy.api#PrimitiveByte': { type: 'byte' },
  'smithy.api#Short': { type: 'short' },
  'smithy.api#PrimitiveShort': { type: 'short' },
  'smithy.api#Integer': { type: 'integer' },
  'smithy.api#PrimitiveInteger': { type: 'integer' },
  'smithy.api#Long': { type: 'long' },
  'smithy.api#PrimitiveLong': { type: 'long' },
  'smithy.api#Float': { type: 'float' },
  'smithy.api#PrimitiveFloat': { type: 'float' },
  'smithy.api#Double': { type: 'double' },
  'smithy.api#PrimitiveDouble': { type: 'double' },
  'smithy.api#BigInteger': { type: 'bigInteger' },
  'smithy.api#BigDecimal': { type: 'bigDecimal' },
  'smithy.api#Timestamp': { type: 'timestamp' },
  'smithy.api#Document': { type: 'document' },
};

/** The part of a shape id after `#`: `com.amazonaws.sagemaker#EndpointName` → `EndpointName`. */
export function localName(shapeId: string): string {
  const hash = shapeId.indexOf('#');
  return hash === -1 ? shapeId : shapeId.slice(hash + 1);
}
