import { createRng } from '../rng';
import { expectConsistent, seeds } from './check-dataset.testing';
import { copyTask } from './copy';

function row(data: Int32Array, i: number, steps: number): number[] {
  return Array.from(data.subarray(i * steps, (i + 1) * steps));
}

describe('copyTask', () => {
  it('has the source defaults: alphabet abc, lengths 3..14, ids 1..3, stop 0', () => {
    const d = copyTask({}, createRng(1));
    expect(d.size).toBe(10000);
    expect(d.inputs.shape).toEqual([10000, 15]);
    expect(d.vocabulary?.symbols).toEqual(['a', 'b', 'c']);
    expect(d.vocabulary?.reserved).toBe('<stop>');
    expect(d.typology).toBe('seq2seq');
    const symbols = Array.from(d.lengths, (L) => L - 1);
    expect(Math.min(...symbols)).toBe(3);
    expect(Math.max(...symbols)).toBe(14);
    expectConsistent(d);
  });

  it('ends every sequence with the stop symbol, counted in lengths and masks', () => {
    for (const seed of seeds) {
      const d = copyTask({ n: 20, minLength: 1, maxLength: 6 }, createRng(seed));
      const steps = d.inputs.shape[1];
      for (let i = 0; i < 20; i++) {
        const L = d.lengths[i];
        const input = row(d.inputs.data as Int32Array, i, steps);
        expect(input.slice(0, L - 1).every((id) => id >= 1 && id <= 3)).toBe(true);
        expect(input[L - 1]).toBe(0);
        expect(d.mask.data[i * steps + L - 1]).toBe(1);
        expect(d.decode(i).length).toBe(L - 1);
      }
    }
  });

  it('copies the input, or with reverse reverses it (the stop stays last)', () => {
    for (const seed of seeds) {
      for (const reverse of [false, true]) {
        const d = copyTask({ n: 20, alphabet: 'xyzw', reverse }, createRng(seed));
        const steps = d.inputs.shape[1];
        for (let i = 0; i < 20; i++) {
          const L = d.lengths[i];
          const symbols = row(d.inputs.data as Int32Array, i, steps).slice(0, L - 1);
          const target = row(d.targets.data as Int32Array, i, steps);
          expect(target.slice(0, L - 1)).toEqual(reverse ? [...symbols].reverse() : symbols);
          expect(target[L - 1]).toBe(0);
          const { input, target: decoded } = d.decode(i);
          expect(decoded).toBe(reverse ? [...(input as string)].reverse().join('') : input);
        }
        expectConsistent(d);
      }
    }
  });

  it('draws lengths uniformly over the whole range', () => {
    const d = copyTask({ n: 5000 }, createRng(4));
    const counts = new Map<number, number>();
    for (const L of d.lengths) counts.set(L - 1, (counts.get(L - 1) ?? 0) + 1);
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, k) => k + 3));
    for (const c of counts.values()) expect(Math.abs(c - 5000 / 12)).toBeLessThan(100);
  });

  it('rejects bad options', () => {
    const rng = createRng(1);
    expect(() => copyTask({ alphabet: '' }, rng)).toThrow(/copy: alphabet must be a non-empty string, got ""/);
    expect(() => copyTask({ alphabet: 'aba' }, rng)).toThrow(/distinct/);
    expect(() => copyTask({ minLength: 5, maxLength: 4 }, rng)).toThrow(
      /copy: minLength must be <= maxLength, got minLength=5, maxLength=4/,
    );
    expect(() => copyTask({ minLength: 0 }, rng)).toThrow(/minLength must be an integer >= 1, got 0/);
    expect(() => copyTask({ n: -3 }, rng)).toThrow(/n must be an integer >= 1, got -3/);
    expect(() => copyTask({ reverse: 'yes' } as never, rng)).toThrow(/reverse must be true or false/);
    expect(() => copyTask({}, undefined as never)).toThrow(/rng must be an Rng/);
  });
});
