import { findRecipe } from './registry';
import { monitoredEpoch, trainRecipe } from './train-recipe';

describe('monitoredEpoch', () => {
  it('measures every epoch of a short run, about 50 times over a long one, and always the last', () => {
    expect(Array.from({ length: 10 }, (_, i) => monitoredEpoch(i + 1, 10)).every(Boolean)).toBe(true);
    const long = Array.from({ length: 1000 }, (_, i) => i + 1).filter((e) => monitoredEpoch(e, 1000));
    expect(long).toHaveLength(50);
    expect(long.at(-1)).toBe(1000);
    expect(
      Array.from({ length: 101 }, (_, i) => i + 1)
        .filter((e) => monitoredEpoch(e, 101))
        .at(-1),
    ).toBe(101);
  });
});

describe('trainRecipe monitor', () => {
  it("records the target's metric after every epoch of a short run, and trains the same without it", async () => {
    const recipe = findRecipe('parity');
    const overrides = { epochs: 2, task: { n: 256 }, testSize: 50 };
    const watched = await trainRecipe(recipe, { overrides });
    const unwatched = await trainRecipe(recipe, { overrides, monitor: false });
    try {
      expect(watched.result.history.map((h) => h.loss)).toEqual(unwatched.result.history.map((h) => h.loss));
      expect(unwatched.result.history.every((h) => h.metric === undefined)).toBe(true);
      const metrics = watched.result.history.map((h) => h.metric);
      expect(metrics).toHaveLength(2);
      for (const m of metrics) expect(m).toBeGreaterThanOrEqual(0);
      for (const m of metrics) expect(m).toBeLessThanOrEqual(1);
      expect(watched.result.target.value).toBe(unwatched.result.target.value);
    } finally {
      watched.model.dispose();
      unwatched.model.dispose();
    }
  });
});
