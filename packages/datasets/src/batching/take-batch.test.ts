import { createRng } from '../rng';
import { additionTask } from '../tasks/addition';
import { copyTask } from '../tasks/copy';
import { parityTask } from '../tasks/parity';
import { takeBatch } from './take-batch';

describe('takeBatch', () => {
  it('gathers examples and trims padding to the batch longest', () => {
    const d = copyTask({ n: 50 }, createRng(1));
    const indices = [3, 7, 11];
    const b = takeBatch(d, indices);
    const longest = Math.max(...indices.map((i) => d.lengths[i]));
    expect(b.inputs.shape).toEqual([3, longest]);
    expect(b.mask.shape).toEqual([3, longest]);
    expect(Array.from(b.lengths)).toEqual(indices.map((i) => d.lengths[i]));
    const steps = d.inputs.shape[1];
    indices.forEach((i, k) => {
      expect(Array.from(b.inputs.data.subarray(k * longest, (k + 1) * longest))).toEqual(
        Array.from(d.inputs.data.subarray(i * steps, i * steps + longest)),
      );
      expect(Array.from(b.targets.data.subarray(k * longest, (k + 1) * longest))).toEqual(
        Array.from(d.targets.data.subarray(i * steps, i * steps + longest)),
      );
      for (let t = 0; t < longest; t++) expect(b.mask.data[k * longest + t]).toBe(t < d.lengths[i] ? 1 : 0);
    });
  });

  it('trims inputs and targets separately for seq2seq data', () => {
    const d = additionTask({ n: 20, minDigits: 1, maxDigits: 3 }, createRng(2));
    const b = takeBatch(d, [0, 1, 2, 3]);
    const longestTarget = Math.max(...[0, 1, 2, 3].map((i) => d.targetLengths?.[i] as number));
    expect(b.targets.shape).toEqual([4, longestTarget]);
    expect(b.targetMask?.shape).toEqual([4, longestTarget]);
  });

  it('gathers per-example labels and feature axes', () => {
    const d = parityTask({ n: 10, length: 6, variableLength: true, targets: 'final' }, createRng(3));
    const b = takeBatch(d, [9, 0]);
    expect(b.targets.shape).toEqual([2]);
    expect(Array.from(b.targets.data)).toEqual([d.targets.data[9], d.targets.data[0]]);
    expect(b.inputs.shape).toEqual([2, Math.max(d.lengths[9], d.lengths[0]), 1]);
    expect(b.targetMask).toBeUndefined();
  });

  it('rejects bad indices', () => {
    const d = copyTask({ n: 5 }, createRng(1));
    expect(() => takeBatch(d, [])).toThrow(/at least one/);
    expect(() => takeBatch(d, [5])).toThrow('takeBatch: indices[0] must be an integer in [0, 4], got 5');
  });
});
