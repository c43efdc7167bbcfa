import { jsBinaryCrossEntropy } from './js-binary-cross-entropy';

describe('jsBinaryCrossEntropy', () => {
  it('sums the masked losses and writes σ(z) − y scaled by the mask, 0 where masked, finite at ±90', () => {
    const logits = Float32Array.of(0, 2, -3, 90, -90, 1.5);
    const targets = Float32Array.of(1, 0, 0, 1, 1, 0.5);
    const mask = Float32Array.of(1, 0.5, 1, 1, 1, 0);
    const grad = new Float32Array(6).fill(NaN);
    const total = jsBinaryCrossEntropy(6, logits, targets, mask, grad);
    const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
    const loss = (z: number, y: number) => -(y * Math.log(sigmoid(z)) + (1 - y) * Math.log(1 - sigmoid(z)));
    // z = -90 with y = 1 costs 90 nats (log σ(-90) underflows in the naive form, not here).
    const expected = loss(0, 1) + 0.5 * loss(2, 0) + loss(-3, 0) + 0 + 90;
    expect(total).toBeCloseTo(expected, 5);
    const want = [sigmoid(0) - 1, 0.5 * sigmoid(2), sigmoid(-3), 0, -1, 0];
    want.forEach((g, i) => expect(grad[i]).toBeCloseTo(g, 6));
    expect(Object.is(grad[5], 0)).toBe(true);
  });

  it('refuses an array shorter than n, naming it', () => {
    const four = new Float32Array(4);
    expect(() => jsBinaryCrossEntropy(4, four, four, four, new Float32Array(3))).toThrow(
      'binaryCrossEntropy: grad has 3 values, needs 4',
    );
  });
});
