import * as tf from '@tensorflow/tfjs';
import { dropout } from './dropout';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('dropout', () => {
  const x = tf.randomNormal([40, 50], 0, 1, 'float32', 3);

  it('zeroes about `rate` of the elements and scales the rest, the same mask for the same seed', () => {
    const [a, b, c] = [dropout(x, 0.25, 7), dropout(x, 0.25, 7), dropout(x, 0.25, 8)];
    const values = a.dataSync();
    const source = x.dataSync();
    const zeroed = values.filter((v) => v === 0).length / values.length;
    expect(zeroed).toBeGreaterThan(0.2);
    expect(zeroed).toBeLessThan(0.3);
    values.forEach((v, i) => {
      if (v !== 0) expect(v).toBeCloseTo(source[i] / 0.75, 5);
    });
    expect(Array.from(b.dataSync())).toEqual(Array.from(values));
    expect(Array.from(c.dataSync())).not.toEqual(Array.from(values));
    tf.dispose([a, b, c]);
  });

  it('passes gradients through the kept elements only, scaled alike', () => {
    const v = tf.variable(x.clone());
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(dropout(v, 0.5, 11), 3)) as tf.Scalar, [v]);
    const g = Object.values(grads)[0].dataSync();
    const kept = dropout(tf.onesLike(x), 0.5, 11).dataSync();
    g.forEach((v, i) => expect(v).toBeCloseTo(kept[i] * 3, 5));
    tf.dispose([value, v, ...Object.values(grads)]);
  });

  it('leaves a zero rate alone and checks its arguments', () => {
    expect(dropout(x, 0, 1)).toBe(x);
    expect(() => dropout(x, 1, 1)).toThrow('dropout: rate must be a finite number in [0, 1), got 1');
    expect(() => dropout(x, 0.5, -1)).toThrow('dropout: seed must be an integer in [0, 4294967295], got -1');
  });
});
