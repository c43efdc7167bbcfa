import { transposeRowMajor } from './transpose-row-major';

describe('transposeRowMajor', () => {
  it('swaps rows and columns', () => {
    expect(Array.from(transposeRowMajor([1, 2, 3, 4, 5, 6], 2, 3))).toEqual([1, 4, 2, 5, 3, 6]);
    expect(Array.from(transposeRowMajor(transposeRowMajor([1, 2, 3, 4, 5, 6], 2, 3), 3, 2))).toEqual([
      1, 2, 3, 4, 5, 6,
    ]);
    expect(transposeRowMajor([], 0, 4)).toHaveLength(0);
  });

  it('refuses a shape that does not fit the values', () => {
    expect(() => transposeRowMajor([1, 2, 3], 2, 2)).toThrow(/values must hold rows x columns = 4/);
    expect(() => transposeRowMajor([], -1, 0)).toThrow(/rows must be an integer >= 0/);
  });
});
