import { sweepOrders } from './sweep';
import { trainMarkov } from './train-markov';

const train = 'the quick brown fox jumps over the lazy dog. the dog sleeps. the fox runs over the hill. '.repeat(3);
const validation = 'the lazy fox sleeps over the brown dog. the quick dog runs.';

describe('sweepOrders', () => {
  it('scores each order under each smoothing like separately trained models', () => {
    const rows = sweepOrders(train, validation, { orders: [0, 2, 4], kValues: [1, 0.1] });
    expect(rows.map((r) => r.order)).toEqual([0, 2, 4]);
    for (const row of rows) {
      const model = trainMarkov(train, { order: row.order });
      expect(row.kneserNey).toBeCloseTo(model.bitsPerChar(validation), 12);
      expect(row.mle).toBe(model.withSmoothing('mle').bitsPerChar(validation));
      const best = Math.min(...[1, 0.1].map((k) => model.withSmoothing('add-k', k).bitsPerChar(validation)));
      expect(row.addK.bitsPerChar).toBeCloseTo(best, 12);
      expect([1, 0.1]).toContain(row.addK.k);
      expect(row.positions).toBe(validation.length - row.order);
    }
  });

  it('rejects bad orders and k values', () => {
    expect(() => sweepOrders(train, validation, { orders: [] })).toThrow(/orders must be a non-empty list/);
    expect(() => sweepOrders(train, validation, { orders: [1, -2] })).toThrow(RangeError);
    expect(() => sweepOrders(train, validation, { orders: [1], kValues: [0] })).toThrow(
      'sweepOrders: kValues[0] must be a finite number > 0, got 0',
    );
  });
});
