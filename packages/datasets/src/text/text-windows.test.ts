import { createRng } from '../rng';
import { textWindows } from './text-windows';

const ids = Int32Array.from({ length: 30 }, (_, i) => i + 1);

describe('textWindows', () => {
  it('counts every start with length + 1 characters, stepping by stride', () => {
    expect(textWindows(ids, { length: 5 }).count).toBe(25);
    expect(textWindows(ids, { length: 5, stride: 5 }).count).toBe(5);
    expect(textWindows(ids, { length: 29 }).count).toBe(1);
    expect(textWindows(ids, { length: 30 }).count).toBe(0);
  });

  it('gives views shifted by exactly one', () => {
    const w = textWindows(ids, { length: 4, stride: 3 });
    for (let k = 0; k < w.count; k++) {
      expect(Array.from(w.input(k))).toEqual([1, 2, 3, 4].map((j) => 3 * k + j));
      expect(Array.from(w.target(k))).toEqual([2, 3, 4, 5].map((j) => 3 * k + j));
      expect(w.input(k).buffer).toBe(ids.buffer);
    }
  });

  it('samples and shuffles window indices from a seed, and batches them as copies', () => {
    const w = textWindows(ids, { length: 4 });
    const sample = w.sample(100, createRng(1));
    expect(sample.every((k) => k >= 0 && k < w.count)).toBe(true);
    expect(sample).toEqual(w.sample(100, createRng(1)));
    const epoch = w.shuffled(createRng(2));
    expect([...epoch].sort((a, b) => a - b)).toEqual(Array.from({ length: w.count }, (_, k) => k));
    const batch = w.batch([0, 10]);
    expect(batch.inputs.shape).toEqual([2, 4]);
    expect(Array.from(batch.inputs.data)).toEqual([1, 2, 3, 4, 11, 12, 13, 14]);
    expect(Array.from(batch.targets.data)).toEqual([2, 3, 4, 5, 12, 13, 14, 15]);
    expect(Array.from(batch.mask.data).every((m) => m === 1)).toBe(true);
  });

  it('rejects bad arguments', () => {
    expect(() => textWindows(ids, { length: 0 })).toThrow('textWindows: length must be an integer >= 1, got 0');
    expect(() => textWindows(ids, { stride: 1.5 })).toThrow(/stride/);
    expect(() => textWindows(ids, { length: 4 }).input(99)).toThrow(/window index must be an integer in \[0, 25\]/);
    expect(() => textWindows(ids, { length: 40 }).sample(1, createRng(1))).toThrow(/no window fits/);
  });
});
