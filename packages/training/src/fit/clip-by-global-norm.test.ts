import * as tf from '@tensorflow/tfjs';
import { clipByGlobalNorm } from './clip-by-global-norm';

describe('clipByGlobalNorm', () => {
  it('scales all gradients together to the maximum norm and keeps small ones as they are', () => {
    const grads = { a: tf.tensor1d([3, 0]), b: tf.tensor1d([0, 4]) }; // global norm 5
    const clipped = clipByGlobalNorm(grads, 1);
    expect(clipped.norm.dataSync()[0]).toBeCloseTo(5, 6);
    expect(Array.from(clipped.grads.a.dataSync())).toEqual([expect.closeTo(0.6, 6), 0]);
    expect(Array.from(clipped.grads.b.dataSync())).toEqual([0, expect.closeTo(0.8, 6)]);
    const kept = clipByGlobalNorm(grads, 10);
    expect(Array.from(kept.grads.b.dataSync())).toEqual([0, 4]);
    expect(() => clipByGlobalNorm(grads, 0)).toThrow('clip norm must be > 0, got 0');
  });
});
