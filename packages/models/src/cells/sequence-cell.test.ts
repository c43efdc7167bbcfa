import * as tf from '@tensorflow/tfjs';
import { createRng } from '@rnn/datasets';
import { useSequenceKernel } from '../kernels/kernel-registry';
import type { CellMath } from './cell-math';
import type { CellSpec } from './cell-spec';
import { kernelCellOf } from './cell-kinds';
import { SequenceCell } from './sequence-cell';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

afterEach(() => useSequenceKernel('auto'));

describe('kernelCellOf', () => {
  it('names the fused kernel of every cell the kernels implement', () => {
    const spec = { units: 2, inputSize: 1 };
    expect(kernelCellOf({ ...spec, kind: 'simple' })).toBe('elman-tanh');
    expect(kernelCellOf({ ...spec, kind: 'elman' })).toBe('elman-tanh');
    expect(kernelCellOf({ ...spec, kind: 'elman', activation: 'relu' })).toBe('elman-relu');
    expect(kernelCellOf({ ...spec, kind: 'elman', activation: 'linear' })).toBe('elman-linear');
    expect(kernelCellOf({ ...spec, kind: 'lstm' })).toBe('lstm');
    expect(kernelCellOf({ ...spec, kind: 'gru' })).toBe('gru-reset-after');
    expect(kernelCellOf({ ...spec, kind: 'gru', resetAfter: false })).toBe('gru');
  });

  it('has no kernel for a cell of its own, which then runs its own math on the reference loop', () => {
    // A cell the kernels do not know: h' = sigmoid(x·W + b + h·R). Given the tanh kernel instead,
    // its outputs would leave (0, 1) and differ from its own loop.
    const spec = { kind: 'sigmoid-elman', units: 3, inputSize: 2 } as unknown as CellSpec;
    const math: CellMath = {
      gates: 1,
      stateSize: 1,
      update: (projected, [h], recurrentKernel) => [
        tf.sigmoid(tf.add(projected, tf.matMul(h, recurrentKernel))) as tf.Tensor2D,
      ],
    };
    expect(kernelCellOf(spec)).toBeUndefined();
    const cell = new SequenceCell(spec, math, createRng(3));
    const x = tf.tensor3d(
      Array.from({ length: 2 * 5 * 2 }, (_, i) => Math.sin(i) * 3),
      [2, 5, 2],
    );
    const before = tf.memory().numTensors;
    for (const kernel of ['js', 'auto'] as const) {
      useSequenceKernel(kernel);
      const fused = cell.forward(x);
      const reference = cell.referenceForward(x);
      const outputs = Array.from(fused.outputs.dataSync());
      expect(Math.min(...outputs)).toBeGreaterThan(0);
      expect(outputs).toEqual(Array.from(reference.outputs.dataSync()));
      tf.dispose([fused.outputs, ...fused.state, reference.outputs, ...reference.state]);
    }
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    tf.dispose(cell.weights as tf.Variable[]);
  });
});
