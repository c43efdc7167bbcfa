import { oneHot } from './one-hot';

describe('oneHot', () => {
  it('adds a last axis of size depth with a 1 at each id', () => {
    const t = oneHot({ data: Int32Array.from([0, 2, 1, 2]), shape: [2, 2] }, 3);
    expect(t.shape).toEqual([2, 2, 3]);
    expect(Array.from(t.data)).toEqual([1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1]);
  });

  it('rejects ids out of range and a bad depth', () => {
    expect(() => oneHot({ data: Int32Array.from([3]), shape: [1] }, 3)).toThrow(
      'oneHot: ids.data[0] must be an integer in [0, 2], got 3',
    );
    expect(() => oneHot({ data: Int32Array.from([0]), shape: [1] }, 0)).toThrow(/depth must be an integer >= 1/);
  });
});
