import { createRng } from '../rng';
import { copyTask } from '../tasks/copy';
import { batchIndices } from './batch-indices';
import { bucketByLength } from './bucket-by-length';
import { paddingFraction } from './padding-fraction';

describe('batchIndices', () => {
  it('covers every example once, shuffled by the rng', () => {
    const batches = batchIndices(10, { batchSize: 4, rng: createRng(1) });
    expect(batches.map((b) => b.length)).toEqual([4, 4, 2]);
    expect(batches.flatMap((b) => [...b]).sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect(batches).toEqual(batchIndices(10, { batchSize: 4, rng: createRng(1) }));
    expect(batchIndices(10, { batchSize: 4, dropLast: true })).toHaveLength(2);
    expect(Array.from(batchIndices(3, { batchSize: 5 })[0])).toEqual([0, 1, 2]);
    expect(() => batchIndices(10, { batchSize: 0 })).toThrow('batchIndices: batchSize must be an integer >= 1, got 0');
  });
});

describe('paddingFraction', () => {
  it('counts padded steps over all steps of the padded batches', () => {
    // batch [0, 1]: longest 4, real 4 + 2 -> 2 padded of 8; batch [2]: 3 of 3
    expect(paddingFraction([4, 2, 3], [[0, 1], [2]])).toBeCloseTo(2 / 11);
    expect(paddingFraction([5, 5], [[0, 1]])).toBe(0);
  });
});

describe('bucketByLength', () => {
  it('groups similar lengths: far less padding than random batches', () => {
    const d = copyTask({ n: 2000 }, createRng(1));
    const random = paddingFraction(d.lengths, batchIndices(d.size, { batchSize: 32, rng: createRng(2) }));
    const buckets = bucketByLength(d.lengths, { batchSize: 32, rng: createRng(2) });
    expect(random).toBeGreaterThan(0.25);
    expect(buckets.paddedFraction).toBeLessThan(0.02);
    expect(buckets.paddedFraction).toBe(paddingFraction(d.lengths, buckets.batches));
    // Every example exactly once.
    expect(buckets.batches.flatMap((b) => [...b]).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 2000 }, (_, i) => i),
    );
    // Within a batch, lengths differ by at most one bucket step.
    for (const b of buckets.batches) {
      const ls = [...b].map((i) => d.lengths[i]);
      expect(Math.max(...ls) - Math.min(...ls)).toBeLessThanOrEqual(1);
    }
  });

  it('is seeded: the same rng gives the same batches, another rng another order', () => {
    const lengths = Int32Array.from({ length: 100 }, (_, i) => 1 + (i % 7));
    const a = bucketByLength(lengths, { batchSize: 8, rng: createRng(1) });
    expect(a.batches).toEqual(bucketByLength(lengths, { batchSize: 8, rng: createRng(1) }).batches);
    expect(a.batches).not.toEqual(bucketByLength(lengths, { batchSize: 8, rng: createRng(2) }).batches);
    const ordered = bucketByLength(lengths, { batchSize: 8 }).batches;
    const firsts = ordered.map((b) => lengths[b[0]]);
    expect(firsts).toEqual([...firsts].sort((x, y) => x - y));
  });

  it('rejects bad options', () => {
    expect(() => bucketByLength([1, 2], { batchSize: -1 })).toThrow(/batchSize must be an integer >= 1/);
    expect(() => bucketByLength([1, -2], { batchSize: 1 })).toThrow(/lengths\[1\] must be an integer >= 0/);
  });
});
