import { createRng } from '../rng';
import { at, expectConsistent, seeds } from './check-dataset.testing';
import { countingTask } from './counting';

describe('countingTask', () => {
  it('has the source defaults: starts in 0..99, the next 5 integers', () => {
    const d = countingTask({}, createRng(1));
    expect(d.inputs.shape).toEqual([100, 1, 1]);
    expect(d.targets.shape).toEqual([100, 5, 1]);
    expect(d.typology).toBe('generator');
    expectConsistent(d);
  });

  it('targets i+1..i+k', () => {
    for (const seed of seeds) {
      const d = countingTask({ n: 10, length: 3, minValue: -5, maxValue: 5 }, createRng(seed));
      for (let i = 0; i < 10; i++) {
        const start = at(d.inputs, i, 0);
        expect(start >= -5 && start <= 5).toBe(true);
        for (let k = 0; k < 3; k++) expect(at(d.targets, i, k)).toBe(start + k + 1);
        expect(d.decode(i)).toEqual({ input: start, target: [start + 1, start + 2, start + 3], length: 3 });
      }
    }
  });

  it('rejects bad options', () => {
    expect(() => countingTask({ minValue: 5, maxValue: 4 }, createRng(1))).toThrow(/minValue must be <= maxValue/);
    expect(() => countingTask({ length: -1 }, createRng(1))).toThrow(/counting: length must be an integer >= 1/);
  });
});
