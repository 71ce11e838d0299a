/**
 * The ONNX graphs modelship writes for its example, its tests and its benchmarks: a trained classifier, tiny
 * arithmetic models whose answers a test can work out by hand, and an untrained dense network of a chosen size.
 */
import { ElemType, type ModelSpec, type NodeSpec, type TensorSpec } from './proto.js';
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

export interface DenseModelOptions {
  /** Width of `float_input`. @default 64 */
  readonly features?: number;
  /** Width of each hidden layer, in order. @default [1024, 1024] */
  readonly hidden?: readonly number[];
  /** Number of classes. @default 10 */
  readonly classes?: number;
  /** Picks the weights; the same seed gives the same bytes on every machine. @default 1 */
  readonly seed?: number;
}

/**
 * An untrained dense network with the classifier's inputs and outputs: `float_input` float [N, features] →
 * (MatMul/Add/Relu) per hidden layer → MatMul/Add → `probabilities` float [N, classes] (Softmax) and `label` int64
 * [N] (ArgMax). The weights are a fixed function of the seed (uniform, scaled by 1/√fan-in so that activations stay
 * near 1): a model whose run costs what a real network's does, for benchmarks, not for its answers.
 */
export function denseModel(options: DenseModelOptions = {}): ModelSpec {
  const { features = 64, hidden = [1024, 1024], classes = 10, seed = 1 } = options;
  const widths = [features, ...hidden, classes];
  const initializers: TensorSpec[] = [];
  const nodes: NodeSpec[] = [];
  let input = 'float_input';
  for (let layer = 0; layer < widths.length - 1; layer++) {
    const [fanIn, fanOut] = [widths[layer]!, widths[layer + 1]!];
    const last = layer === widths.length - 2;
    const scale = Math.sqrt(3 / fanIn);
    const weights = Array.from({ length: fanIn * fanOut }, (_, i) => scale * uniform(seed, layer, i));
    initializers.push(
      { name: `w${layer}`, dims: [fanIn, fanOut], elemType: ElemType.FLOAT, values: weights },
      { name: `b${layer}`, dims: [fanOut], elemType: ElemType.FLOAT, values: new Array<number>(fanOut).fill(0.01) },
    );
    const output = last ? 'logits' : `hidden${layer}`;
    nodes.push(
      { opType: 'MatMul', inputs: [input, `w${layer}`], outputs: [`${output}_mm`] },
      { opType: 'Add', inputs: [`${output}_mm`, `b${layer}`], outputs: [last ? output : `${output}_pre`] },
    );
    if (!last) nodes.push({ opType: 'Relu', inputs: [`${output}_pre`], outputs: [output] });
    input = output;
  }
  nodes.push(
    { opType: 'Softmax', inputs: ['logits'], outputs: ['probabilities'], attributes: { axis: -1 } },
    { opType: 'ArgMax', inputs: ['probabilities'], outputs: ['label'], attributes: { axis: 1, keepdims: 0 } },
  );
  return {
    graphName: `dense_${widths.join('x')}`,
    inputs: [{ name: 'float_input', elemType: ElemType.FLOAT, shape: ['N', features] }],
    outputs: [
      { name: 'probabilities', elemType: ElemType.FLOAT, shape: ['N', classes] },
      { name: 'label', elemType: ElemType.INT64, shape: ['N'] },
    ],
    initializers,
    nodes,
  };
}

/** A number in [-1, 1) that depends only on its arguments: an integer hash (lowbias32) of the three. */
function uniform(seed: number, layer: number, index: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(layer + 1, 0xc2b2ae35) ^ index;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 31 - 1;
}
