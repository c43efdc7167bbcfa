import { jsSumRowsByIndex } from './js-sum-rows-by-index';

describe('jsSumRowsByIndex', () => {
  it('adds each row into the row its id names, on top of what the table held', () => {
    const ids = Int32Array.of(2, 0, 2, 1, 2);
    const values = Float32Array.from({ length: 10 }, (_, i) => i + 1); // rows [1 2] [3 4] [5 6] [7 8] [9 10]
    const out = Float32Array.of(100, 100, 0, 0, 0.5, 0.5, 9, 9);
    jsSumRowsByIndex(ids, values, 5, 2, out);
    expect(Array.from(out)).toEqual([103, 104, 7, 8, 15.5, 18.5, 9, 9]);
  });
});
