import { createRng } from '../rng';
import { copyTask } from '../tasks/copy';
import { iterateBatches } from './iterate-batches';

describe('iterateBatches', () => {
  it('yields one epoch of trimmed batches, shuffled or bucketed', () => {
    const d = copyTask({ n: 100 }, createRng(1));
    const fractions: number[] = [];
    for (const bucket of [false, true]) {
      const seen: number[] = [];
      let padded = 0;
      let steps = 0;
      for (const b of iterateBatches(d, { batchSize: 16, rng: createRng(2), bucket })) {
        seen.push(...b.indices);
        expect(b.inputs.shape[1]).toBe(Math.max(...b.lengths));
        steps += b.mask.data.length;
        padded += b.mask.data.filter((m) => m === 0).length;
      }
      expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
      fractions.push(padded / steps);
    }
    expect(fractions[1]).toBeLessThan(fractions[0] / 3);
  });

  it('checks its options when called, not when first iterated', () => {
    const d = copyTask({ n: 10 }, createRng(1));
    expect(() => iterateBatches(d, { batchSize: 0 })).toThrow(/batchSize/);
    expect(() => iterateBatches(d, { batchSize: 2, shuffle: true } as never)).toThrow(/unknown option "shuffle"/);
  });
});
