import { createRng } from '../rng';
import { at, expectConsistent, seeds } from './check-dataset.testing';
import { wavesTask } from './waves';

describe('wavesTask', () => {
  it('has the source defaults: frequencies 1, 5, 10 one-hot in, 50-point waves out', () => {
    const d = wavesTask({}, createRng(1));
    expect(d.inputs.shape).toEqual([1000, 1, 3]);
    expect(d.targets.shape).toEqual([1000, 50, 1]);
    expect(d.typology).toBe('generator');
    expectConsistent(d);
  });

  it('targets sin(2 pi f linspace(0, 1, length)) for the frequency of the one-hot input', () => {
    for (const seed of seeds) {
      const d = wavesTask({ n: 10, length: 11 }, createRng(seed));
      for (let i = 0; i < 10; i++) {
        const hot = [0, 1, 2].filter((k) => at(d.inputs, i, 0, k) === 1);
        expect(hot).toHaveLength(1);
        const f = [1, 5, 10][hot[0]];
        expect(d.decode(i).input).toBe(f);
        for (let k = 0; k < 11; k++) expect(at(d.targets, i, k)).toBeCloseTo(Math.sin(2 * Math.PI * f * (k / 10)), 6);
      }
    }
  });

  it('draws every frequency', () => {
    const d = wavesTask({ n: 300 }, createRng(3));
    expect(new Set(Array.from({ length: 300 }, (_, i) => d.decode(i).input))).toEqual(new Set([1, 5, 10]));
  });

  it('rejects bad options', () => {
    const rng = createRng(1);
    expect(() => wavesTask({ frequencies: [1, 1] }, rng)).toThrow(/distinct/);
    expect(() => wavesTask({ frequencies: [] }, rng)).toThrow(/frequencies/);
    expect(() => wavesTask({ length: 0 }, rng)).toThrow(/length must be an integer >= 1/);
  });
});
