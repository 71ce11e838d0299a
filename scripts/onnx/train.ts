/**
 * Trains a one-hidden-layer classifier (inputs → ReLU → softmax) with full-batch gradient descent, in plain
 * TypeScript and deterministically (seeded), so the example model is the same on every machine.
 */

export interface TrainOptions {
  /** Width of the hidden layer. @default 8 */
  readonly hidden?: number;
  /** Passes over the data. @default 600 */
  readonly epochs?: number;
  /** Step size. @default 0.2 */
  readonly learningRate?: number;
  /** Momentum of the gradient steps. @default 0.9 */
  readonly momentum?: number;
  /** L2 penalty on the weights; keeps the probabilities from collapsing to 0 and 1. @default 0.003 */
  readonly weightDecay?: number;
  /** Seed of the weight initialisation. @default 42 */
  readonly seed?: number;
}

/**
 * A trained network, already folded to act on raw (unstandardised) features: `softmax(relu(x·w1 + b1)·w2 + b2)`.
 * Matrices are row-major: `w1` is [features, hidden], `w2` is [hidden, classes].
 */
export interface TrainedClassifier {
  readonly features: number;
  readonly hidden: number;
  readonly classes: number;
  readonly w1: number[];
  readonly b1: number[];
  readonly w2: number[];
  readonly b2: number[];
  /** Share of the training rows the network classifies right. */
  readonly accuracy: number;
}

/** mulberry32: a tiny seeded PRNG; good enough for weight initialisation. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Trains on rows `x` (all of one length) with labels `y` in `0 … classes-1`. */
export function trainClassifier(x: readonly (readonly number[])[], y: readonly number[], options: TrainOptions = {}) {
  const { hidden = 8, epochs = 600, learningRate = 0.2, momentum = 0.9, weightDecay = 0.003, seed = 42 } = options;
  const n = x.length;
  const f = x[0]?.length ?? 0;
  const k = Math.max(...y) + 1;
  if (n === 0 || y.length !== n) throw new Error('trainClassifier needs as many labels as rows, and at least one row');

  // Standardise each feature so one learning rate suits all; the scaling is folded into w1/b1 at the end.
  const mean = Array.from({ length: f }, (_, j) => x.reduce((s, row) => s + row[j]!, 0) / n);
  const std = Array.from({ length: f }, (_, j) =>
    Math.sqrt(x.reduce((s, row) => s + (row[j]! - mean[j]!) ** 2, 0) / n || 1),
  );
  const z = x.map((row) => row.map((v, j) => (v - mean[j]!) / std[j]!));

  const rand = random(seed);
  const init = (count: number, fanIn: number) =>
    Array.from({ length: count }, () => (rand() * 2 - 1) * Math.sqrt(6 / fanIn)); // He-uniform
  const params = {
    w1: init(f * hidden, f),
    b1: new Array(hidden).fill(0),
    w2: init(hidden * k, hidden),
    b2: new Array(k).fill(0),
  };
  const velocity = {
    w1: params.w1.map(() => 0),
    b1: params.b1.map(() => 0),
    w2: params.w2.map(() => 0),
    b2: params.b2.map(() => 0),
  };

  for (let epoch = 0; epoch < epochs; epoch++) {
    const grad = {
      w1: params.w1.map(() => 0),
      b1: params.b1.map(() => 0),
      w2: params.w2.map(() => 0),
      b2: params.b2.map(() => 0),
    };
    for (let r = 0; r < n; r++) {
      const { h, p } = forward(params, z[r]!, hidden, k);
      // Cross-entropy through softmax: dLogits = p - onehot(y).
      const dOut = p.map((v, c) => (v - (c === y[r] ? 1 : 0)) / n);
      const dHidden = new Array<number>(hidden).fill(0);
      for (let c = 0; c < k; c++) {
        grad.b2[c] = grad.b2[c]! + dOut[c]!;
        for (let u = 0; u < hidden; u++) {
          grad.w2[u * k + c] = grad.w2[u * k + c]! + h[u]! * dOut[c]!;
          dHidden[u] = dHidden[u]! + params.w2[u * k + c]! * dOut[c]!;
        }
      }
      for (let u = 0; u < hidden; u++) {
        if (h[u]! <= 0) continue; // ReLU passes no gradient where it was off
        grad.b1[u] = grad.b1[u]! + dHidden[u]!;
        for (let j = 0; j < f; j++) grad.w1[j * hidden + u] = grad.w1[j * hidden + u]! + z[r]![j]! * dHidden[u]!;
      }
    }
    for (const key of ['w1', 'b1', 'w2', 'b2'] as const) {
      const p = params[key];
      const v = velocity[key];
      const g = grad[key];
      const decay = key.startsWith('w') ? weightDecay : 0;
      for (let i = 0; i < p.length; i++) {
        v[i] = momentum * v[i]! - learningRate * (g[i]! + decay * p[i]!);
        p[i] = p[i]! + v[i]!;
      }
    }
  }

  const correct = z.filter((row, r) => argmax(forward(params, row, hidden, k).p) === y[r]).length;

  // Fold standardisation into layer one: ((x - mean) / std)·w1 + b1 = x·(w1 / std) + (b1 - (mean / std)·w1).
  const w1 = params.w1.map((w, i) => w / std[Math.floor(i / hidden)]!);
  const b1 = params.b1.map((b, u) => b - mean.reduce((s, m, j) => s + (m / std[j]!) * params.w1[j * hidden + u]!, 0));
  return {
    features: f,
    hidden,
    classes: k,
    w1,
    b1,
    w2: params.w2,
    b2: params.b2,
    accuracy: correct / n,
  } satisfies TrainedClassifier;
}

function forward(
  params: { w1: number[]; b1: number[]; w2: number[]; b2: number[] },
  row: readonly number[],
  hidden: number,
  k: number,
): { h: number[]; p: number[] } {
  const h = params.b1.map((b, u) =>
    Math.max(
      0,
      row.reduce((s, v, j) => s + v * params.w1[j * hidden + u]!, b),
    ),
  );
  const logits = params.b2.map((b, c) => h.reduce((s, v, u) => s + v * params.w2[u * k + c]!, b));
  const max = Math.max(...logits);
  const e = logits.map((l) => Math.exp(l - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return { h, p: e.map((v) => v / sum) };
}

export function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}
