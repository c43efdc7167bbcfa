import * as tf from '@tensorflow/tfjs';
import { createRng } from '@rnn/datasets';
import { loadNativeKernels, unloadNativeKernels } from './load-native-kernels';
import { affine } from './affine';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => unloadNativeKernels());

const normal = (shape: number[], seed: number) => {
  const rng = createRng(seed);
  return tf.tensor(
    Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()),
    shape,
  );
};

function closeTo(actual: tf.Tensor, expected: tf.Tensor): number {
  const a = actual.dataSync();
  const e = expected.dataSync();
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - e[i]) / Math.max(1, Math.abs(e[i])));
  return worst;
}

describe.each([
  ['portable loops', () => unloadNativeKernels()],
  ['native SGEMM when built', () => loadNativeKernels()],
])('affine on %s', (_, setup) => {
  beforeAll(() => setup());

  it.each([
    [1, 1, 1],
    [7, 3, 5],
    [33, 17, 65],
  ])('equals x·W + b with the same gradients: rows %i, in %i, out %i', (rows, inner, outer) => {
    tf.tidy(() => {
      const x = normal([rows, inner], 1) as tf.Tensor2D;
      const w = normal([inner, outer], 2) as tf.Tensor2D;
      const b = normal([outer], 3) as tf.Tensor1D;
      const weight = normal([rows, outer], 4);
      const loss =
        (f: (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor) =>
        (xs: tf.Tensor, ws: tf.Tensor, bs: tf.Tensor) =>
          tf.sum(tf.mul(f(xs as tf.Tensor2D, ws as tf.Tensor2D, bs as tf.Tensor1D), weight)) as tf.Scalar;
      const ours = tf.grads(loss(affine))([x, w, b]);
      const reference = tf.grads(loss((xs, ws, bs) => tf.add(tf.matMul(xs, ws), bs)))([x, w, b]);
      expect(closeTo(affine(x, w, b), tf.add(tf.matMul(x, w), b))).toBeLessThan(1e-5);
      ours.forEach((g, i) => expect(closeTo(g, reference[i])).toBeLessThan(1e-5));
    });
  });
});

it('rejects operands that do not fit, naming their shapes', () => {
  tf.tidy(() => {
    expect(() => affine(tf.zeros([2, 3]), tf.zeros([4, 5]), tf.zeros([5]))).toThrow(
      'affine: x [2,3], kernel [4,5] and bias [5] do not fit together',
    );
  });
});

it('leaks no tensors through forward and backward', () => {
  const x = normal([5, 3], 1) as tf.Tensor2D;
  const w = tf.variable(normal([3, 2], 2));
  const b = tf.variable(normal([2], 3));
  const step = () => {
    const { value, grads } = tf.variableGrads(() => tf.sum(affine(x, w as tf.Tensor2D, b as tf.Tensor1D)) as tf.Scalar);
    tf.dispose([value, grads]);
  };
  step();
  const before = tf.memory().numTensors;
  step();
  step();
  expect(tf.memory().numTensors).toBe(before);
  tf.dispose([x, w, b]);
});

it('reads a float32 input that tfjs stores as integers (a cast from int32 shares its data)', () => {
  loadNativeKernels();
  tf.tidy(() => {
    const x = tf.cast(tf.tensor2d([[1, 0, 2]], undefined, 'int32'), 'float32') as tf.Tensor2D;
    const w = normal([3, 2], 2) as tf.Tensor2D;
    const b = normal([2], 3) as tf.Tensor1D;
    const ours = tf.grad((ws: tf.Tensor) => tf.sum(affine(x, ws as tf.Tensor2D, b)))(w);
    const reference = tf.grad((ws: tf.Tensor) => tf.sum(tf.add(tf.matMul(x, ws), b)))(w);
    expect(closeTo(ours, reference)).toBeLessThan(1e-6);
  });
});
