/**
 * Writes ONNX model files without Python: the subset of onnx.proto (github.com/onnx/onnx, onnx/onnx.proto, proto2)
 * that a small inference graph needs, declared here with the spec's field numbers and encoded by protobufjs.
 */
import protobuf from 'protobufjs';

/** ONNX `TensorProto.DataType` values of the element types these scripts use. */
export const ElemType = { FLOAT: 1, INT32: 6, INT64: 7, DOUBLE: 11 } as const;
export type ElemType = (typeof ElemType)[keyof typeof ElemType];

/** A constant tensor (an initializer): row-major values. */
export interface TensorSpec {
  readonly name: string;
  readonly dims: readonly number[];
  readonly elemType: ElemType;
  readonly values: readonly number[];
}

/** A graph input or output: a tensor with a shape whose entries are sizes or symbolic names such as `N`. */
export interface ValueSpec {
  readonly name: string;
  readonly elemType: ElemType;
  readonly shape: readonly (number | string)[];
}

export type AttributeValue = number | string | readonly number[];

export interface NodeSpec {
  readonly opType: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly name?: string;
  /** Integers are written as INT (INTS for lists), other numbers as FLOAT (FLOATS), strings as STRING. */
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
}

export interface ModelSpec {
  readonly graphName: string;
  readonly inputs: readonly ValueSpec[];
  readonly outputs: readonly ValueSpec[];
  readonly initializers: readonly TensorSpec[];
  readonly nodes: readonly NodeSpec[];
  /** Key-value pairs stored in `ModelProto.metadata_props` (class names, feature names, training accuracy …). */
  readonly metadata?: Readonly<Record<string, string>>;
  readonly docString?: string;
  /** The default-domain opset the graph is written for. @default 13 */
  readonly opset?: number;
}

// IR version 8 (ONNX 1.10+) with opset 13: read by every onnxruntime since 1.10.
const IR_VERSION = 8;
const DEFAULT_OPSET = 13;

const ONNX_SUBSET = {
  nested: {
    onnx: {
      nested: {
        AttributeProto: {
          fields: {
            name: { type: 'string', id: 1 },
            f: { type: 'float', id: 2 },
            i: { type: 'int64', id: 3 },
            s: { type: 'bytes', id: 4 },
            floats: { rule: 'repeated', type: 'float', id: 7 },
            ints: { rule: 'repeated', type: 'int64', id: 8 },
            type: { type: 'int32', id: 20 },
          },
        },
        ValueInfoProto: {
          fields: { name: { type: 'string', id: 1 }, type: { type: 'TypeProto', id: 2 } },
        },
        NodeProto: {
          fields: {
            input: { rule: 'repeated', type: 'string', id: 1 },
            output: { rule: 'repeated', type: 'string', id: 2 },
            name: { type: 'string', id: 3 },
            opType: { type: 'string', id: 4 },
            attribute: { rule: 'repeated', type: 'AttributeProto', id: 5 },
          },
        },
        ModelProto: {
          fields: {
            irVersion: { type: 'int64', id: 1 },
            producerName: { type: 'string', id: 2 },
            producerVersion: { type: 'string', id: 3 },
            docString: { type: 'string', id: 6 },
            graph: { type: 'GraphProto', id: 7 },
            opsetImport: { rule: 'repeated', type: 'OperatorSetIdProto', id: 8 },
            metadataProps: { rule: 'repeated', type: 'StringStringEntryProto', id: 14 },
          },
        },
        StringStringEntryProto: {
          fields: { key: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } },
        },
        GraphProto: {
          fields: {
            node: { rule: 'repeated', type: 'NodeProto', id: 1 },
            name: { type: 'string', id: 2 },
            initializer: { rule: 'repeated', type: 'TensorProto', id: 5 },
            input: { rule: 'repeated', type: 'ValueInfoProto', id: 11 },
            output: { rule: 'repeated', type: 'ValueInfoProto', id: 12 },
          },
        },
        TensorProto: {
          fields: {
            dims: { rule: 'repeated', type: 'int64', id: 1 },
            dataType: { type: 'int32', id: 2 },
            name: { type: 'string', id: 8 },
            rawData: { type: 'bytes', id: 9 },
          },
        },
        TensorShapeProto: {
          fields: { dim: { rule: 'repeated', type: 'Dimension', id: 1 } },
          nested: {
            Dimension: {
              oneofs: { value: { oneof: ['dimValue', 'dimParam'] } },
              fields: { dimValue: { type: 'int64', id: 1 }, dimParam: { type: 'string', id: 2 } },
            },
          },
        },
        TypeProto: {
          oneofs: { value: { oneof: ['tensorType'] } },
          fields: { tensorType: { type: 'Tensor', id: 1 } },
          nested: {
            Tensor: {
              fields: { elemType: { type: 'int32', id: 1 }, shape: { type: 'TensorShapeProto', id: 2 } },
            },
          },
        },
        OperatorSetIdProto: {
          fields: { domain: { type: 'string', id: 1 }, version: { type: 'int64', id: 2 } },
        },
      },
    },
  },
};

// AttributeProto.AttributeType values.
const ATTR_FLOAT = 1;
const ATTR_INT = 2;
const ATTR_STRING = 3;
const ATTR_FLOATS = 6;
const ATTR_INTS = 7;

let modelType: protobuf.Type | undefined;
function modelProto(): protobuf.Type {
  modelType ??= protobuf.Root.fromJSON(ONNX_SUBSET).lookupType('onnx.ModelProto');
  return modelType;
}

/** Encodes a model as the bytes of an `.onnx` file. */
export function encodeModel(spec: ModelSpec): Uint8Array {
  const message = {
    irVersion: IR_VERSION,
    producerName: 'modelship',
    producerVersion: '0',
    docString: spec.docString ?? '',
    opsetImport: [{ domain: '', version: spec.opset ?? DEFAULT_OPSET }],
    metadataProps: Object.entries(spec.metadata ?? {}).map(([key, value]) => ({ key, value })),
    graph: {
      name: spec.graphName,
      node: spec.nodes.map((node, i) => ({
        name: node.name ?? `${node.opType.toLowerCase()}_${i}`,
        opType: node.opType,
        input: [...node.inputs],
        output: [...node.outputs],
        attribute: Object.entries(node.attributes ?? {}).map(([name, value]) => attribute(name, value)),
      })),
      initializer: spec.initializers.map(tensor),
      input: spec.inputs.map(valueInfo),
      output: spec.outputs.map(valueInfo),
    },
  };
  const type = modelProto();
  const problem = type.verify(message);
  if (problem !== null) throw new Error(`Invalid ONNX model ${spec.graphName}: ${problem}`);
  return type.encode(type.fromObject(message)).finish();
}

function attribute(name: string, value: AttributeValue) {
  if (typeof value === 'string') return { name, type: ATTR_STRING, s: new TextEncoder().encode(value) };
  if (typeof value === 'number') {
    return Number.isInteger(value) ? { name, type: ATTR_INT, i: value } : { name, type: ATTR_FLOAT, f: value };
  }
  return value.every(Number.isInteger)
    ? { name, type: ATTR_INTS, ints: [...value] }
    : { name, type: ATTR_FLOATS, floats: [...value] };
}

function valueInfo(value: ValueSpec) {
  return {
    name: value.name,
    type: {
      tensorType: {
        elemType: value.elemType,
        shape: { dim: value.shape.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  };
}

// Initializers go in raw_data: little-endian bytes, the compact form ONNX writers use.
function tensor(spec: TensorSpec) {
  const count = spec.dims.reduce((a, b) => a * b, 1);
  if (count !== spec.values.length) {
    throw new Error(
      `Tensor ${spec.name}: dims [${spec.dims.join(', ')}] need ${count} values, got ${spec.values.length}`,
    );
  }
  let raw: Uint8Array;
  switch (spec.elemType) {
    case ElemType.FLOAT:
      raw = bytesOf(new Float32Array(spec.values));
      break;
    case ElemType.DOUBLE:
      raw = bytesOf(new Float64Array(spec.values));
      break;
    case ElemType.INT32:
      raw = bytesOf(new Int32Array(spec.values));
      break;
    case ElemType.INT64:
      raw = bytesOf(BigInt64Array.from(spec.values, (v) => BigInt(v)));
      break;
  }
  return { name: spec.name, dims: [...spec.dims], dataType: spec.elemType, rawData: raw };
}

function bytesOf(array: Float32Array | Float64Array | Int32Array | BigInt64Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/** Decodes `.onnx` bytes back into a plain object (the subset above; for tests and inspection). */
export function decodeModel(bytes: Uint8Array): Record<string, unknown> {
  const type = modelProto();
  return type.toObject(type.decode(bytes), { longs: Number, bytes: String }) as Record<string, unknown>;
}
