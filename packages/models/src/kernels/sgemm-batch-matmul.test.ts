import * as tf from '@tensorflow/tfjs';
import type { Sgemm } from '@rnn/kernel-abi';
import { loadNativeKernels } from '@rnn/native';
import { loadWasmKernels } from '@rnn/wasm';
import {
  isSgemmBatchMatMulRegistered,
  registerSgemmBatchMatMul,
  unregisterSgemmBatchMatMul,
} from './sgemm-batch-matmul';

const addon = loadNativeKernels();
const wasm = loadWasmKernels();
const skipReason = 'unavailable' in addon ? addon.unavailable : '';
/** Every compiled SGEMM that loads here: the native addon's when built, the WebAssembly one. */
const sgemms: [string, Sgemm][] = [
  ...('sgemm' in addon ? [['native', addon.sgemm] as [string, Sgemm]] : []),
  ...('sgemm' in wasm ? [['wasm', wasm.sgemm] as [string, Sgemm]] : []),
];

/** Every element within 1e-4 relative (or 1e-5 absolute, near zero) of the stock kernel's. */
function expectClose(actual: Float32Array | Int32Array, expected: Float32Array | Int32Array, what: string): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!(Math.abs(actual[i] - expected[i]) <= 1e-5 + 1e-4 * Math.abs(expected[i]))) {
      throw new Error(`${what}[${i}] = ${actual[i]}, expected ${expected[i]}`);
    }
  }
}

describe.each(sgemms)('registerSgemmBatchMatMul on the %s SGEMM', (_, sgemm) => {
  /** Runs f once on tfjs's own kernel and once on ours, returning both results' values. */
  function bothWays<T>(
    f: () => T,
    values: (r: T) => (Float32Array | Int32Array)[],
  ): { stock: ReturnType<typeof values>; native: ReturnType<typeof values> } {
    unregisterSgemmBatchMatMul();
    const stock = values(f());
    registerSgemmBatchMatMul(sgemm);
    const native = values(f());
    return { stock, native };
  }

  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  afterEach(() => unregisterSgemmBatchMatMul());

  const shapes: { a: number[]; b: number[]; transposeA?: boolean; transposeB?: boolean }[] = [
    { a: [1, 1], b: [1, 1] },
    { a: [7, 13], b: [13, 5] },
    { a: [13, 7], b: [13, 5], transposeA: true },
    { a: [7, 13], b: [5, 13], transposeB: true },
    { a: [13, 7], b: [5, 13], transposeA: true, transposeB: true },
    { a: [32, 64], b: [64, 256] },
    { a: [3, 9, 17], b: [3, 17, 6] },
    { a: [2, 3, 9, 17], b: [2, 3, 6, 17], transposeB: true },
    { a: [1, 9, 17], b: [4, 17, 6] },
    { a: [4, 9, 17], b: [17, 6] },
    { a: [9, 17], b: [2, 2, 17, 6] },
    { a: [2, 1, 4, 3], b: [1, 3, 3, 5] }, // broadcasts both ways: tfjs's own kernel
  ];

  const cases = shapes.map((c) => ({ transposeA: false, transposeB: false, ...c }));
  it.each(cases)('matches the stock kernel: $a x $b (transposeA $transposeA, transposeB $transposeB)', (c) => {
    const a = tf.randomUniform(c.a, -1, 1, 'float32', 1);
    const b = tf.randomUniform(c.b, -1, 1, 'float32', 2);
    const { stock, native } = bothWays(
      () => tf.matMul(a, b, c.transposeA, c.transposeB),
      (r) => {
        const values = r.dataSync() as Float32Array;
        r.dispose();
        return [values];
      },
    );
    expectClose(native[0], stock[0], 'matMul');
    a.dispose();
    b.dispose();
  });

  it('falls back to tfjs for int32 operands', () => {
    const a = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3], 'int32');
    const b = tf.tensor2d([1, 0, -1, 2, 3, 1], [3, 2], 'int32');
    const { stock, native } = bothWays(
      () => tf.matMul(a, b),
      (r) => {
        const out = [r.dataSync() as Int32Array];
        expect(r.dtype).toBe('int32');
        r.dispose();
        return out;
      },
    );
    expect(Array.from(native[0])).toEqual(Array.from(stock[0]));
    tf.dispose([a, b]);
  });

  it('leaves gradients of a small model unchanged', () => {
    const x = tf.randomUniform([8, 5], -1, 1, 'float32', 3);
    const w1 = tf.variable(tf.randomUniform([5, 7], -1, 1, 'float32', 4));
    const w2 = tf.variable(tf.randomUniform([7, 3], -1, 1, 'float32', 5));
    const loss = () =>
      tf.tidy(
        () =>
          tf
            .matMul(tf.relu(tf.matMul(x, w1)), w2)
            .square()
            .mean() as tf.Scalar,
      );
    const { stock, native } = bothWays(
      () => tf.variableGrads(loss, [w1, w2]),
      ({ value, grads }) => {
        const out = [
          value.dataSync() as Float32Array,
          grads[w1.name].dataSync() as Float32Array,
          grads[w2.name].dataSync() as Float32Array,
        ];
        tf.dispose([value, ...Object.values(grads)]);
        return out;
      },
    );
    stock.forEach((s, i) => expectClose(native[i], s, `gradient ${i}`));
    tf.dispose([x, w1, w2]);
  });

  it('leaks no tensors', () => {
    registerSgemmBatchMatMul(sgemm);
    const a = tf.randomUniform([3, 6, 4]);
    const b = tf.randomUniform([4, 5]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) tf.tidy(() => tf.matMul(a, b).sum()).dispose();
    tf.tidy(() => tf.matMul(a, b.transpose(), false, true)).dispose();
    const a2 = a.reshape([18, 4]);
    tf.dispose(tf.tidy(() => tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.matMul(x, y).sum())([a2, b])));
    a2.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([a, b]);
  });

  it('unregisters back to the stock kernel, and registering twice keeps the stock one', () => {
    const original = tf.getKernel('BatchMatMul', 'cpu');
    registerSgemmBatchMatMul(sgemm);
    registerSgemmBatchMatMul(sgemm);
    expect(isSgemmBatchMatMulRegistered()).toBe(true);
    expect(tf.getKernel('BatchMatMul', 'cpu')?.kernelFunc).not.toBe(original?.kernelFunc);
    unregisterSgemmBatchMatMul();
    expect(isSgemmBatchMatMulRegistered()).toBe(false);
    expect(tf.getKernel('BatchMatMul', 'cpu')?.kernelFunc).toBe(original?.kernelFunc);
  });
});

describe('compiled SGEMM availability', () => {
  it('loads the addon or says why not, and the WebAssembly one always (Node 20 has SIMD)', () => {
    expect('sgemm' in addon || skipReason.length > 0).toBe(true);
    expect(sgemms.map(([name]) => name)).toContain('wasm');
  });
});
