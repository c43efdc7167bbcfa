import * as tf from '@tensorflow/tfjs';
import { createRng } from '@rnn/datasets';
import { SequenceModel } from '../architectures/sequence-model';
import { useSequenceKernel } from '../kernels/kernel-registry';
import type { CellMath } from './cell-math';
import { cellKindDefinition, kernelCellOf, knownCellKinds, registerCellKind } from './cell-kinds';
import type { CellKind, CellSpec } from './cell-spec';
import { validateCellSpec } from './validate-cell-spec';
import { createCell } from './create-cell';
import type { SequenceCell } from './sequence-cell';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

afterEach(() => useSequenceKernel('auto'));

/**
 * The minimal gated unit (Zhou et al. 2016), a cell of our own: one forget gate f and a candidate,
 * f = σ(x W_f + h U_f + b_f), ĥ = tanh(x W_h + (f·h) U_h + b_h), h' = (1 − f)·h + f·ĥ.
 */
const mguMath: CellMath = {
  gates: 2,
  stateSize: 1,
  update: (projected, [h], recurrentKernel) => {
    const units = h.shape[1];
    const [xf, xh] = tf.split(projected, 2, 1) as tf.Tensor2D[];
    const uF = tf.slice(recurrentKernel, [0, 0], [units, units]);
    const uH = tf.slice(recurrentKernel, [0, units], [units, units]);
    const f = tf.sigmoid(tf.add(xf, tf.matMul(h, uF)));
    const candidate = tf.tanh(tf.add(xh, tf.matMul(tf.mul(f, h), uH)));
    return [tf.add(tf.mul(tf.sub(1, f), h), tf.mul(f, candidate)) as tf.Tensor2D];
  },
};
registerCellKind('mgu', { math: () => mguMath });
const mgu = 'mgu' as CellKind;

describe('a cell kind of its own', () => {
  it('is built by createCell, runs its own math on every kernel choice, and steps as it runs', () => {
    const spec: CellSpec = { kind: mgu, units: 4, inputSize: 3 };
    expect(knownCellKinds()).toEqual(['elman', 'simple', 'lstm', 'gru', 'mgu']);
    expect(kernelCellOf(spec)).toBeUndefined();
    const cell = createCell(spec, createRng(5).fork('init')) as SequenceCell;
    expect(cell.weights.map((w) => w.shape)).toEqual([[3, 8], [4, 8], [8]]);
    const x = tf.tensor3d(
      Array.from({ length: 2 * 6 * 3 }, (_, i) => Math.cos(i * 0.7)),
      [2, 6, 3],
    );
    const lengths = tf.tensor1d([6, 3], 'int32');
    const reference = cell.referenceForward(x, { lengths });
    const before = tf.memory().numTensors;
    for (const choice of ['js', 'reference', 'auto'] as const) {
      useSequenceKernel(choice);
      const run = cell.forward(x, { lengths });
      expect(Array.from(run.outputs.dataSync())).toEqual(Array.from(reference.outputs.dataSync()));
      tf.dispose([run.outputs, ...run.state]);
    }
    expect(tf.memory().numTensors).toBe(before);
    // Stepping the first sequence one input at a time gives the same outputs.
    let state = cell.initialState(1);
    const rows = reference.outputs.arraySync() as number[][][];
    for (let t = 0; t < 6; t++) {
      const step = cell.step(tf.slice(x, [0, t, 0], [1, 1, 3]).reshape([1, 3]) as tf.Tensor2D, state);
      const got = step.output.dataSync();
      rows[0][t].forEach((v, u) => expect(got[u]).toBeCloseTo(v, 5));
      state = step.state;
    }
    tf.dispose([x, lengths, reference.outputs, ...reference.state]);
    cell.dispose();
  });

  it('stacks in a model that trains on it', () => {
    const model = new SequenceModel(
      { architecture: 'tagger', input: { type: 'onehot', vocabSize: 3 }, rnn: { kind: mgu, units: 5 }, outputSize: 2 },
      createRng(7).fork('init'),
    );
    const ids = tf.tensor2d([[1, 2, 0, 1]], undefined, 'int32');
    const loss = () => tf.mean(tf.square(model.forward(ids).logits)) as tf.Scalar;
    const first = loss().dataSync()[0];
    const optimizer = tf.train.adam(0.05);
    for (let i = 0; i < 20; i++) optimizer.minimize(loss, false, [...model.weights]);
    expect(loss().dataSync()[0]).toBeLessThan(first / 2);
    optimizer.dispose();
    ids.dispose();
    model.dispose();
  });

  it('is refused in one line when it would replace a built-in kind or has no math', () => {
    expect(() => registerCellKind('lstm', { math: () => mguMath })).toThrow(
      'cell kind "lstm" is built in and cannot be replaced',
    );
    expect(() => registerCellKind('broken', {} as never)).toThrow(
      'cell kind "broken": its definition must have a math(spec) function',
    );
    expect(() => cellKindDefinition('rnn')).toThrow(
      'cell kind must be one of elman, simple, lstm, gru, mgu, got "rnn"',
    );
    expect(() => validateCellSpec({ kind: 'rnn' as CellKind, units: 1, inputSize: 1 })).toThrow(
      'cell kind must be one of elman, simple, lstm, gru, mgu, got "rnn"',
    );
  });
});
