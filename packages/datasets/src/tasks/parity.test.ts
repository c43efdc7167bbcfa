import { createRng } from '../rng';
import { at, expectConsistent, seeds } from './check-dataset.testing';
import { parityTask } from './parity';

describe('parityTask', () => {
  it('has the source defaults: 100000 sequences of 50 bits, running targets', () => {
    const d = parityTask({}, createRng(1));
    expect(d.inputs.shape).toEqual([100000, 50, 1]);
    expect(d.targets.shape).toEqual([100000, 50]);
    expect(d.typology).toBe('tagger');
    expect(Array.from(d.lengths.subarray(0, 5))).toEqual([50, 50, 50, 50, 50]);
    let ones = 0;
    for (const bit of d.inputs.data) ones += bit;
    expect(Math.abs(ones / d.inputs.data.length - 0.5)).toBeLessThan(0.002);
  });

  it('running targets are the XOR of the prefix at every step', () => {
    for (const seed of seeds) {
      for (const variableLength of [false, true]) {
        const d = parityTask({ n: 20, length: 12, variableLength }, createRng(seed));
        expectConsistent(d);
        const bits: number[] = [];
        const targets: number[] = [];
        const expected: number[] = [];
        for (let i = 0; i < 20; i++) {
          let xor = 0;
          for (let t = 0; t < d.lengths[i]; t++) {
            bits.push(at(d.inputs, i, t));
            xor ^= at(d.inputs, i, t);
            expected.push(xor);
            targets.push(at(d.targets, i, t));
          }
          const { input, target, length } = d.decode(i);
          expect([length, (input as string).length]).toEqual([d.lengths[i], d.lengths[i]]);
          let prefix = 0;
          expect(target).toBe([...(input as string)].map((b) => (prefix ^= Number(b))).join(''));
        }
        expect(bits.every((b) => b === 0 || b === 1)).toBe(true);
        expect(targets).toEqual(expected);
      }
    }
  });

  it('final targets are one label: the parity of all the valid bits', () => {
    for (const seed of seeds) {
      const d = parityTask({ n: 20, length: 9, variableLength: true, targets: 'final' }, createRng(seed));
      expect(d.typology).toBe('classifier');
      expect(d.targetMask).toBeUndefined();
      expectConsistent(d);
      for (let i = 0; i < 20; i++) {
        let xor = 0;
        for (let t = 0; t < d.lengths[i]; t++) xor ^= at(d.inputs, i, t);
        expect(d.targets.data[i]).toBe(xor);
        expect(d.decode(i).target).toBe(xor);
      }
    }
  });

  it('variable lengths are uniform in [1, length]', () => {
    const d = parityTask({ n: 5000, length: 10, variableLength: true }, createRng(8));
    const counts = new Array<number>(11).fill(0);
    for (const L of d.lengths) counts[L]++;
    expect(counts[0]).toBe(0);
    for (let L = 1; L <= 10; L++) expect(Math.abs(counts[L] - 500)).toBeLessThan(90);
  });

  it('the first examples do not depend on how many are drawn', () => {
    const few = parityTask({ n: 5, length: 30, variableLength: true }, createRng(3));
    const many = parityTask({ n: 500, length: 30, variableLength: true }, createRng(3));
    for (let i = 0; i < 5; i++) expect(few.decode(i)).toEqual(many.decode(i));
  });

  it('rejects bad options', () => {
    const rng = createRng(1);
    expect(() => parityTask({ targets: 'last' as never }, rng)).toThrow(/targets must be one of "running", "final"/);
    expect(() => parityTask({ length: 0 }, rng)).toThrow(/parity: length must be an integer >= 1, got 0/);
    expect(() => parityTask({ n: 1.5 }, rng)).toThrow(/n must be an integer/);
  });
});
