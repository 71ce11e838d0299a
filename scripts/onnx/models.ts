/**
 * The ONNX graphs modelship writes for its example and its tests: a trained classifier, and tiny arithmetic models
 * whose answers a test can work out by hand.
 */
import { ElemType, type ModelSpec } from './proto.js';
import type { TrainedClassifier } from './train.js';

export interface ClassifierModelOptions {
  /** Class names, in label order; stored in the model's metadata. */
  readonly classNames: readonly string[];
  /** Feature names, in column order; stored in the model's metadata. */
  readonly featureNames: readonly string[];
  readonly graphName?: string;
  readonly docString?: string;
  /** More metadata to store. */
  readonly metadata?: Readonly<Record<string, string>>;
}

/**
 * `float_input` float [N, features] → `probabilities` float [N, classes] and `label` int64 [N] (the arg-max),
 * the input and output names skl2onnx uses, so the model looks like one a user would export from scikit-learn.
 */
export function classifierModel(net: TrainedClassifier, options: ClassifierModelOptions): ModelSpec {
  const { features: f, hidden: h, classes: k } = net;
  return {
    graphName: options.graphName ?? 'classifier',
    docString: options.docString,
    inputs: [{ name: 'float_input', elemType: ElemType.FLOAT, shape: ['N', f] }],
    outputs: [
      { name: 'probabilities', elemType: ElemType.FLOAT, shape: ['N', k] },
      { name: 'label', elemType: ElemType.INT64, shape: ['N'] },
    ],
    initializers: [
      { name: 'w1', dims: [f, h], elemType: ElemType.FLOAT, values: net.w1 },
      { name: 'b1', dims: [h], elemType: ElemType.FLOAT, values: net.b1 },
      { name: 'w2', dims: [h, k], elemType: ElemType.FLOAT, values: net.w2 },
      { name: 'b2', dims: [k], elemType: ElemType.FLOAT, values: net.b2 },
    ],
    nodes: [
      { opType: 'MatMul', inputs: ['float_input', 'w1'], outputs: ['hidden_mm'] },
      { opType: 'Add', inputs: ['hidden_mm', 'b1'], outputs: ['hidden_pre'] },
      { opType: 'Relu', inputs: ['hidden_pre'], outputs: ['hidden'] },
      { opType: 'MatMul', inputs: ['hidden', 'w2'], outputs: ['logits_mm'] },
      { opType: 'Add', inputs: ['logits_mm', 'b2'], outputs: ['logits'] },
      { opType: 'Softmax', inputs: ['logits'], outputs: ['probabilities'], attributes: { axis: -1 } },
      { opType: 'ArgMax', inputs: ['probabilities'], outputs: ['label'], attributes: { axis: 1, keepdims: 0 } },
    ],
    metadata: {
      class_names: options.classNames.join(','),
      feature_names: options.featureNames.join(','),
      ...options.metadata,
    },
  };
}

/**
 * `x` float [N, width] → `y = x + 1`. A number for `batch` fixes the first dimension; a name for `width` makes the
 * second dynamic too.
 */
export function addOneModel(options: { width?: number | string; batch?: number | string } = {}): ModelSpec {
  const width = options.width ?? 3;
  const batch = options.batch ?? 'N';
  return {
    graphName: 'add_one',
    inputs: [{ name: 'x', elemType: ElemType.FLOAT, shape: [batch, width] }],
    outputs: [{ name: 'y', elemType: ElemType.FLOAT, shape: [batch, width] }],
    initializers: [{ name: 'one', dims: [], elemType: ElemType.FLOAT, values: [1] }],
    nodes: [{ opType: 'Add', inputs: ['x', 'one'], outputs: ['y'] }],
  };
}

/** Two named inputs `a` and `b`, float [N, 2] → `sum = a + b` and `product = a * b`. */
export function pairModel(): ModelSpec {
  const value = (name: string) => ({ name, elemType: ElemType.FLOAT, shape: ['N', 2] });
  return {
    graphName: 'pair',
    inputs: [value('a'), value('b')],
    outputs: [value('sum'), value('product')],
    initializers: [],
    nodes: [
      { opType: 'Add', inputs: ['a', 'b'], outputs: ['sum'] },
      { opType: 'Mul', inputs: ['a', 'b'], outputs: ['product'] },
    ],
  };
}

/**
 * `ids` int64 [N] → `vectors` float [N, 2]: row `i` of a 5×2 table (`[i, 10 * i]`). An id outside 0–4 makes
 * onnxruntime fail at run time, after any shape check would have passed.
 */
export function lookupModel(): ModelSpec {
  const table = [0, 1, 2, 3, 4].flatMap((i) => [i, 10 * i]);
  return {
    graphName: 'lookup',
    inputs: [{ name: 'ids', elemType: ElemType.INT64, shape: ['N'] }],
    outputs: [{ name: 'vectors', elemType: ElemType.FLOAT, shape: ['N', 2] }],
    initializers: [{ name: 'table', dims: [5, 2], elemType: ElemType.FLOAT, values: table }],
    nodes: [{ opType: 'Gather', inputs: ['table', 'ids'], outputs: ['vectors'], attributes: { axis: 0 } }],
  };
}
