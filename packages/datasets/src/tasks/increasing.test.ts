import { createRng } from '../rng';
import { at, expectConsistent, seeds } from './check-dataset.testing';
import { increasingTask, isIncreasing } from './increasing';

describe('increasingTask', () => {
  it('matches the source examples of the label', () => {
    expect(
      isIncreasing([
        [1, 3],
        [4, 2],
        [5, 7],
        [-2, 15],
      ]),
    ).toBe(true);
    expect(
      isIncreasing([
        [4, 2],
        [1, 3],
      ]),
    ).toBe(false);
    expect(
      isIncreasing([
        [5, 7],
        [2, 4],
        [7, 7],
      ]),
    ).toBe(false);
    expect(
      isIncreasing([
        [-1, 0],
        [2, 1],
      ]),
    ).toBe(true);
    expect(
      isIncreasing([
        [0, -1],
        [1, 2],
        [2, 0],
      ]),
    ).toBe(false);
    expect(
      isIncreasing([
        [1, 0],
        [0, 1],
      ]),
    ).toBe(false); // equal sums are not an increase
  });

  it('labels 1 exactly when the per-step sum strictly increases, with lengths 2..6', () => {
    for (const seed of seeds) {
      for (const balanced of [true, false]) {
        const d = increasingTask({ n: 40, balanced }, createRng(seed));
        expectConsistent(d);
        const labels: number[] = [];
        const expected: number[] = [];
        const decoded: unknown[] = [];
        const drawn: unknown[] = [];
        for (let i = 0; i < 40; i++) {
          const L = d.lengths[i];
          const pairs = Array.from(
            { length: L },
            (_, t) => [at(d.inputs, i, t, 0), at(d.inputs, i, t, 1)] as [number, number],
          );
          expect(L >= 2 && L <= 6 && pairs.flat().every((v) => v >= -10 && v <= 10)).toBe(true);
          labels.push(d.targets.data[i]);
          expected.push(isIncreasing(pairs) ? 1 : 0);
          decoded.push(d.decode(i).input);
          drawn.push(pairs);
        }
        expect(labels).toEqual(expected);
        expect(decoded).toEqual(drawn);
      }
    }
  });

  it('balances the labels by default', () => {
    const d = increasingTask({ n: 4000 }, createRng(2));
    const ones = Array.from(d.targets.data).reduce((s, y) => s + y, 0);
    expect(Math.abs(ones / 4000 - 0.5)).toBeLessThan(0.03);
  });

  it('rejects bad options', () => {
    const rng = createRng(1);
    expect(() => increasingTask({ minLength: 4, maxLength: 3 }, rng)).toThrow(/minLength must be <= maxLength/);
    expect(() => increasingTask({ minValue: 3, maxValue: 2 }, rng)).toThrow(/minValue must be <= maxValue/);
    expect(() => increasingTask({ minLength: 1 }, rng)).toThrow(/minLength must be >= 2 when balanced/);
    expect(() => increasingTask({ minValue: 0, maxValue: 1, maxLength: 6 }, rng)).toThrow(/distinct sums/);
    expect(() => increasingTask({ minValue: 0.5 }, rng)).toThrow(/minValue must be an integer/);
  });
});
