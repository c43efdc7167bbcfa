import * as tf from '@tensorflow/tfjs';
import { createRng } from '@rnn/datasets';
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
];

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

describe.each(specs.map((s) => [`${s.kind}${s.activation ? `/${s.activation}` : ''}/${s.init ?? 'pytorch'}`, s]))(
  '%s cell',
  (_, spec) => {
    const cell = createCell(spec as CellSpec, createRng(1).fork('init'));
    afterAll(() => cell.dispose());

    it('has Keras-layout weights', () => {
      const gates = { elman: 1, simple: 1, lstm: 4, gru: 3 }[(spec as CellSpec).kind];
      const { units, inputSize } = spec as CellSpec;
      expect(cell.weights.map((w) => w.shape)).toEqual([
        [inputSize, gates * units],
        [units, gates * units],
        [gates * units],
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
  },
);

describe('createCell', () => {
  it('builds the same weights from the same seed and different ones from another', () => {
    const spec: CellSpec = { kind: 'lstm', units: 4, inputSize: 2 };
    const [a, b, c] = [1, 1, 2].map((seed) => createCell(spec, createRng(seed).fork('init')));
    expect(Array.from(a.weights[1].dataSync())).toEqual(Array.from(b.weights[1].dataSync()));
    expect(Array.from(a.weights[1].dataSync())).not.toEqual(Array.from(c.weights[1].dataSync()));
    [a, b, c].forEach((cell) => cell.dispose());
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
