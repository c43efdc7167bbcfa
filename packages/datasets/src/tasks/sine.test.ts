import { createRng } from '../rng';
import { at, expectConsistent, seeds } from './check-dataset.testing';
import { sineTask } from './sine';

describe('sineTask', () => {
  it('has the source defaults: 1000 samples of 100 points, next-step pairs of 99', () => {
    const d = sineTask({}, createRng(1));
    expect(d.inputs.shape).toEqual([1000, 99, 1]);
    expect(d.targets.shape).toEqual([1000, 99, 1]);
    expect(d.options).toMatchObject({ steps: 100, sampleInterval: 0.1, frequencies: [1], weights: [1], noise: 0 });
    expect(d.typology).toBe('tagger');
    expectConsistent(d);
  });

  it('warmup leaves the first predictions of each sample out of the target mask, and only those', () => {
    const d = sineTask({ n: 2, steps: 6, warmup: 2 }, createRng(1));
    expect(Array.from(d.targetMask?.data ?? [])).toEqual([0, 0, 1, 1, 1, 0, 0, 1, 1, 1]);
    expect(Array.from(d.mask.data)).toEqual(new Array(10).fill(1));
    expect(() => sineTask({ steps: 6, warmup: 5 }, createRng(1))).toThrow(/warmup must be < steps - 1 = 5, got 5/);
  });

  it('targets are the inputs shifted by exactly one step', () => {
    for (const seed of seeds) {
      const d = sineTask({ n: 3, steps: 20, frequencies: [1, 3], noise: 0.1 }, createRng(seed));
      const shifted = [0, 1, 2].flatMap((i) => Array.from({ length: 18 }, (_, t) => at(d.inputs, i, t + 1)));
      const targets = [0, 1, 2].flatMap((i) => Array.from({ length: 18 }, (_, t) => at(d.targets, i, t)));
      expect(targets).toEqual(shifted);
    }
  });

  it('is a weighted sum of sines: one frequency of weight 1 gives sin(2 pi f t dt + phase)', () => {
    const d = sineTask({ n: 5, steps: 30, frequencies: [2], sampleInterval: 0.05 }, createRng(9));
    for (let i = 0; i < 5; i++) {
      const phase = Math.asin(at(d.inputs, i, 0));
      // The phase is fixed by x_0 up to the branch of asin; one of the two branches fits every point.
      const fits = [phase, Math.PI - phase].some((p) =>
        Array.from({ length: 29 }, (_, t) => t).every(
          (t) => Math.abs(at(d.inputs, i, t) - Math.sin(2 * Math.PI * 2 * t * 0.05 + p)) < 1e-5,
        ),
      );
      expect(fits).toBe(true);
    }
  });

  it('keeps values within the sum of absolute weights without noise', () => {
    const d = sineTask({ n: 50, frequencies: [1, 5], weights: [0.7, 0.3] }, createRng(2));
    expect(d.inputs.data.every((x) => Math.abs(x) <= 1 + 1e-6)).toBe(true);
  });

  it('repeats a seed and differs across seeds', () => {
    expect(sineTask({ n: 4 }, createRng(5)).inputs.data).toEqual(sineTask({ n: 4 }, createRng(5)).inputs.data);
    expect(sineTask({ n: 4 }, createRng(5)).inputs.data).not.toEqual(sineTask({ n: 4 }, createRng(6)).inputs.data);
  });

  it('rejects bad options', () => {
    const rng = createRng(1);
    expect(() => sineTask({ n: -1 }, rng)).toThrow(/sine: n must be an integer >= 1, got -1/);
    expect(() => sineTask({ steps: 1 }, rng)).toThrow(/steps/);
    expect(() => sineTask({ sampleInterval: 0 }, rng)).toThrow(/sampleInterval must be a finite number > 0, got 0/);
    expect(() => sineTask({ frequencies: [] }, rng)).toThrow(/frequencies must be a non-empty list/);
    expect(() => sineTask({ frequencies: [1, 2], weights: [1] }, rng)).toThrow(/one entry per frequency/);
    expect(() => sineTask({ noise: -0.1 }, rng)).toThrow(/noise/);
  });
});
