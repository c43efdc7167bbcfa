import * as tf from '@tensorflow/tfjs';
import { createRng } from '@rnn/datasets';
import { useSequenceKernel, type SequenceKernelChoice } from '../kernels/kernel-registry';
import { loadNativeKernels, unloadNativeKernels } from '../kernels/load-native-kernels';
import { loadWasmKernels, unloadWasmKernels } from '../kernels/load-wasm-kernels';
import { cellKinds, type CellSpec } from './cell-spec';
import { createCell } from './create-cell';
import type { CellState, RecurrentCell } from './recurrent-cell';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const specs: CellSpec[] = [
  { kind: 'elman', units: 5, inputSize: 3 },
  { kind: 'elman', units: 4, inputSize: 2, activation: 'relu' },
  { kind: 'elman', units: 4, inputSize: 2, activation: 'linear' },
  { kind: 'simple', units: 6, inputSize: 3, init: 'glorot' },
  { kind: 'lstm', units: 5, inputSize: 3 },
  { kind: 'lstm', units: 7, inputSize: 1, init: 'glorot' },
  { kind: 'gru', units: 5, inputSize: 4 },
  { kind: 'gru', units: 4, inputSize: 3, init: 'glorot' },
  { kind: 'gru', units: 5, inputSize: 4, resetAfter: false },
];

/** A spec's name in test titles. */
const nameOf = (s: CellSpec) =>
  `${s.kind}${s.activation ? `/${s.activation}` : ''}/${s.init ?? 'pytorch'}${s.resetAfter === false ? '/reset-before' : ''}`;

const randomInput = (batch: number, time: number, size: number, seed: number) => {
  const rng = createRng(seed);
  return tf.tensor3d(
    Array.from({ length: batch * time * size }, () => rng.normal()),
    [batch, time, size],
  );
};

/** Steps sequence b alone for `length` steps: the definition forward() must match. */
function stepAlone(
  cell: RecurrentCell,
  x: tf.Tensor3D,
  b: number,
  length: number,
): { outputs: number[][]; state: number[][] } {
  return tf.tidy(() => {
    let state: CellState = cell.initialState(1);
    const outputs: number[][] = [];
    for (let t = 0; t < length; t++) {
      const xt = tf.slice(x, [b, t, 0], [1, 1, x.shape[2]]).reshape([1, x.shape[2]]) as tf.Tensor2D;
      const next = cell.step(xt, state);
      state = next.state;
      outputs.push(Array.from(next.output.dataSync()));
    }
    return { outputs, state: state.map((s) => Array.from(s.dataSync())) } as never;
  });
}

describe.each(specs.map((s) => [nameOf(s), s]))('%s cell', (_, spec) => {
  const cell = createCell(spec as CellSpec, createRng(1).fork('init'));
  afterAll(() => cell.dispose());

  it('has Keras-layout weights, and a recurrent bias when it resets after the recurrent product', () => {
    const gates = { elman: 1, simple: 1, lstm: 4, gru: 3 }[(spec as CellSpec).kind];
    const { kind, units, inputSize, resetAfter } = spec as CellSpec;
    expect(cell.weights.map((w) => w.shape)).toEqual([
      [inputSize, gates * units],
      [units, gates * units],
      [gates * units],
      ...(kind === 'gru' && resetAfter !== false ? [[gates * units]] : []),
    ]);
  });

  it('forward over padded sequences equals stepping each sequence alone to its length', () => {
    const x = randomInput(3, 6, (spec as CellSpec).inputSize, 2);
    const lengths = [6, 1, 4];
    const { outputs, state } = cell.forward(x, { lengths: tf.tensor1d(lengths, 'int32') });
    const out = outputs.arraySync();
    const finals = state.map((s) => s.arraySync());
    lengths.forEach((length, b) => {
      const alone = stepAlone(cell, x, b, length);
      for (let t = 0; t < 6; t++) {
        const expected = t < length ? alone.outputs[t] : new Array((spec as CellSpec).units).fill(0);
        out[b][t].forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
      }
      finals.forEach((s, k) => s[b].forEach((v, i) => expect(v).toBeCloseTo(alone.state[k][i], 5)));
    });
    tf.dispose([x, outputs, ...state]);
  });

  it('without lengths runs every step, and leaks nothing', () => {
    const x = randomInput(2, 3, (spec as CellSpec).inputSize, 3);
    const lengths = tf.tensor1d([3, 3], 'int32');
    const before = tf.memory().numTensors;
    const full = cell.forward(x);
    const masked = cell.forward(x, { lengths });
    expect(Array.from(full.outputs.dataSync())).toEqual(Array.from(masked.outputs.dataSync()));
    tf.dispose([full.outputs, ...full.state, masked.outputs, ...masked.state]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, lengths]);
  });

  it('passes finite gradients to every weight', () => {
    const x = randomInput(2, 4, (spec as CellSpec).inputSize, 4);
    const { value, grads } = tf.variableGrads(() => tf.sum(cell.forward(x).outputs) as tf.Scalar, [...cell.weights]);
    for (const w of cell.weights) {
      const g = grads[w.name];
      expect(g.shape).toEqual(w.shape);
      expect(Array.from(g.dataSync()).every(Number.isFinite)).toBe(true);
    }
    expect(tf.max(tf.abs(grads[cell.weights[1].name])).dataSync()[0]).toBeGreaterThan(0);
    tf.dispose([x, value, ...Object.values(grads)]);
  });
});

describe('createCell', () => {
  it('builds the same weights from the same seed and different ones from another', () => {
    const spec: CellSpec = { kind: 'lstm', units: 4, inputSize: 2 };
    const [a, b, c] = [1, 1, 2].map((seed) => createCell(spec, createRng(seed).fork('init')));
    expect(Array.from(a.weights[1].dataSync())).toEqual(Array.from(b.weights[1].dataSync()));
    expect(Array.from(a.weights[1].dataSync())).not.toEqual(Array.from(c.weights[1].dataSync()));
    [a, b, c].forEach((cell) => cell.dispose());
  });

  it("draws a reset-after GRU's recurrent bias like its bias, after the weights a reset-before GRU has", () => {
    const units = 4;
    const after = createCell({ kind: 'gru', units, inputSize: 3 }, createRng(6).fork('init'));
    const before = createCell({ kind: 'gru', units, inputSize: 3, resetAfter: false }, createRng(6).fork('init'));
    before.weights.forEach((w, i) => expect(Array.from(after.weights[i].dataSync())).toEqual(Array.from(w.dataSync())));
    const recurrentBias = Array.from(after.weights[3].dataSync());
    expect(recurrentBias.every((v) => Math.abs(v) <= 1 / Math.sqrt(units))).toBe(true);
    expect(new Set(recurrentBias).size).toBe(3 * units);
    const glorot = createCell({ kind: 'gru', units, inputSize: 3, init: 'glorot' }, createRng(6).fork('init'));
    expect(Array.from(glorot.weights[3].dataSync())).toEqual(new Array(3 * units).fill(0));
    [after, before, glorot].forEach((cell) => cell.dispose());
  });

  it('sets the LSTM forget-gate bias to 1 with glorot init, Keras-style', () => {
    const cell = createCell({ kind: 'lstm', units: 3, inputSize: 2, init: 'glorot' }, createRng(0));
    expect(Array.from(cell.weights[2].dataSync())).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    cell.dispose();
  });

  it('builds a 2x512 LSTM quickly (seeded init, no QR)', () => {
    const rng = createRng(0);
    const cells = [
      createCell({ kind: 'lstm', units: 512, inputSize: 64 }, rng),
      createCell({ kind: 'lstm', units: 512, inputSize: 512 }, rng),
    ];
    expect(cells[1].weights[1].shape).toEqual([512, 2048]);
    cells.forEach((cell) => cell.dispose());
  });

  it('rejects bad specs and inputs with a RangeError naming what is wrong', () => {
    const rng = createRng(0);
    expect(() => createCell({ kind: 'rnn' as never, units: 3, inputSize: 1 }, rng)).toThrow(
      'cell kind must be one of elman, simple, lstm, gru, got "rnn"',
    );
    expect(() => createCell({ kind: 'gru', units: 0, inputSize: 1 }, rng)).toThrow(
      /units must be an integer >= 1, got 0/,
    );
    expect(() => createCell({ kind: 'gru', units: 2, inputSize: 1, activation: 'relu' }, rng)).toThrow(/'elman' only/);
    expect(() => createCell({ kind: 'lstm', units: 2, inputSize: 1, resetAfter: true }, rng)).toThrow(
      new RangeError("cell resetAfter applies to kind 'gru' only, got kind 'lstm'"),
    );
    expect(() => createCell({ kind: 'gru', units: 2, inputSize: 1, resetAfter: 'yes' as never }, rng)).toThrow(
      new RangeError('cell resetAfter must be true or false, got "yes"'),
    );
    const cell = createCell({ kind: 'gru', units: 2, inputSize: 3 }, rng);
    expect(() => cell.forward(tf.zeros([2, 4, 5]) as tf.Tensor3D)).toThrow(/inputSize 3, got \[2,4,5\]/);
    expect(() =>
      cell.forward(tf.zeros([2, 4, 3]) as tf.Tensor3D, { lengths: tf.tensor1d([1, 2, 3], 'int32') }),
    ).toThrow(/lengths must have shape \[2\]/);
    expect(() => cell.step(tf.zeros([2, 3]) as tf.Tensor2D, cell.initialState(3))).toThrow(/state must be 1 tensor/);
    expect(cellKinds).toContain('simple');
    cell.dispose();
  });
});

const nativeLoads = loadNativeKernels().loaded;
unloadNativeKernels();
// Node 20 always has WebAssembly SIMD: only an explicit opt-out skips the wasm kernel.
const wasmLoads = process.env.RNN_WASM_DISABLE !== '1' && process.env.RNN_WASM_SKIP !== '1';

describe("a reset-after GRU computes torch.nn.GRU's equations", () => {
  // torch.nn.GRU's parameters of one layer, in its own layout: rows in gate order r, z, n, each row
  // one unit's weights (weight_ih [3H, I], weight_hh [3H, H], bias_ih and bias_hh [3H]).
  const H = 2;
  const I = 1;
  const weightIh = [[0.5], [-0.4], [0.3], [0.2], [-0.6], [0.7]];
  const weightHh = [
    [0.1, -0.2],
    [0.3, 0.4],
    [-0.5, 0.6],
    [0.2, 0.1],
    [0.8, -0.3],
    [-0.7, 0.2],
  ];
  const biasIh = [0.05, -0.1, 0.15, 0.2, -0.25, 0.3];
  const biasHh = [-0.3, 0.25, 0.4, -0.15, 0.35, -0.45];
  const x = [0.9];
  const h0 = [0.6, -0.8];
  const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

  /** torch.nn.GRU's documented step, element by element: r, z, n, then h' = (1 − z)·n + z·h. */
  function torchStep(): number[] {
    const ih = (row: number) => biasIh[row] + weightIh[row].reduce((s, w, i) => s + w * x[i], 0);
    const hh = (row: number) => biasHh[row] + weightHh[row].reduce((s, w, k) => s + w * h0[k], 0);
    return h0.map((h, j) => {
      const r = sigmoid(ih(j) + hh(j));
      const z = sigmoid(ih(H + j) + hh(H + j));
      const n = Math.tanh(ih(2 * H + j) + r * hh(2 * H + j));
      return (1 - z) * n + z * h;
    });
  }

  /** The same parameters in our layout: Keras gate order z, r, h, weights [in, 3H]. */
  function loadTorchWeights(cell: RecurrentCell): void {
    const torchRow = (block: number, j: number) => (block === 0 ? H + j : block === 1 ? j : 2 * H + j);
    const kernel: number[] = [];
    for (let i = 0; i < I; i++)
      for (let block = 0; block < 3; block++) for (let j = 0; j < H; j++) kernel.push(weightIh[torchRow(block, j)][i]);
    const recurrentKernel: number[] = [];
    for (let k = 0; k < H; k++)
      for (let block = 0; block < 3; block++)
        for (let j = 0; j < H; j++) recurrentKernel.push(weightHh[torchRow(block, j)][k]);
    const biases = (values: number[]) =>
      [0, 1, 2].flatMap((block) => Array.from({ length: H }, (_, j) => values[torchRow(block, j)]));
    const values = [kernel, recurrentKernel, biases(biasIh), biases(biasHh)];
    cell.weights.forEach((w, i) => w.assign(tf.tensor(values[i], w.shape)));
  }

  it('by hand: the first unit of the step', () => {
    // Unit 0, r, z and n rows 0, 2 and 4: the pre-activations worked out from the numbers above.
    const r0 = sigmoid(0.5 * 0.9 + 0.05 + (0.1 * 0.6 - 0.2 * -0.8) - 0.3); // σ(0.42)
    const z0 = sigmoid(0.3 * 0.9 + 0.15 + (-0.5 * 0.6 + 0.6 * -0.8) + 0.4); // σ(0.04)
    const n0 = Math.tanh(-0.6 * 0.9 - 0.25 + r0 * (0.8 * 0.6 - 0.3 * -0.8 + 0.35)); // tanh(−0.79 + 1.07·r)
    expect(torchStep()[0]).toBeCloseTo((1 - z0) * n0 + z0 * 0.6, 12);
    // σ(0.42) = 0.603483, σ(0.04) = 0.509999, n = tanh(−0.144273) = −0.143280:
    // h' = 0.490001 · −0.143280 + 0.509999 · 0.6 = 0.235792.
    expect(torchStep()[0]).toBeCloseTo(0.235792, 5);
  });

  const choices: SequenceKernelChoice[] = [
    'reference',
    'js',
    ...(nativeLoads ? (['native'] as const) : []),
    ...(wasmLoads ? (['wasm'] as const) : []),
  ];
  it.each(choices)('one step and a one-step sequence on the %s kernel', (choice) => {
    if (choice === 'native') loadNativeKernels();
    if (choice === 'wasm') loadWasmKernels();
    useSequenceKernel(choice);
    const cell = createCell({ kind: 'gru', units: H, inputSize: I }, createRng(0));
    loadTorchWeights(cell);
    const expected = torchStep();
    const state = [tf.tensor2d([h0])];
    const stepped = cell.step(tf.tensor2d([x]), state);
    const run = cell.forward(tf.tensor3d([[x]]), { initialState: state });
    Array.from(stepped.output.dataSync()).forEach((v, j) => expect(v).toBeCloseTo(expected[j], 6));
    Array.from(run.outputs.dataSync()).forEach((v, j) => expect(v).toBeCloseTo(expected[j], 6));
    const resetBefore = createCell({ kind: 'gru', units: H, inputSize: I, resetAfter: false }, createRng(0));
    resetBefore.weights.forEach((w, i) => w.assign(cell.weights[i]));
    const other = Array.from(resetBefore.step(tf.tensor2d([x]), state).output.dataSync());
    expect(Math.max(...other.map((v, j) => Math.abs(v - expected[j])))).toBeGreaterThan(1e-2);
    [cell, resetBefore].forEach((c) => c.dispose());
  });
  afterEach(() => {
    useSequenceKernel('auto');
    unloadNativeKernels();
    unloadWasmKernels();
  });
});
