import { createRng } from '../rng';
import { additionTask } from './addition';
import { expectConsistent, seeds } from './check-dataset.testing';

describe('additionTask', () => {
  it('has the source defaults: 20000 examples, operands of 3 to 4 digits, stop 0', () => {
    const d = additionTask({}, createRng(1));
    expect(d.size).toBe(20000);
    expect(d.inputs.shape).toEqual([20000, 10]); // "dddd+dddd" + stop
    expect(d.targets.shape).toEqual([20000, 6]); // "ddddd" + stop
    expect(d.vocabulary?.symbols.join('')).toBe(' +0123456789');
    expect(d.typology).toBe('seq2seq');
    expectConsistent(d);
  });

  it('targets the sum of the parsed operands, drawn in [10^(minDigits-1), 10^maxDigits - 1]', () => {
    for (const seed of seeds) {
      const d = additionTask({ n: 30, minDigits: 1, maxDigits: 3 }, createRng(seed));
      for (let i = 0; i < 30; i++) {
        const { input, target, length } = d.decode(i);
        const [x, y] = (input as string).split('+').map(Number);
        expect(Number(target)).toBe(x + y);
        expect(target).toBe(String(x + y));
        for (const v of [x, y]) expect(v >= 1 && v <= 999).toBe(true);
        expect(length).toBe((input as string).length);
        expect(d.lengths[i]).toBe(length + 1);
        expect(d.targetLengths?.[i]).toBe((target as string).length + 1);
      }
      expectConsistent(d);
    }
  });

  it('reverses the input text with reverse, and pads to a fixed width with spaces', () => {
    for (const seed of seeds.slice(0, 10)) {
      const plain = additionTask({ n: 10 }, createRng(seed));
      const reversed = additionTask({ n: 10, reverse: true }, createRng(seed));
      const fixed = additionTask({ n: 10, reverse: true, fixedWidth: true }, createRng(seed));
      for (let i = 0; i < 10; i++) {
        const q = plain.decode(i).input as string;
        expect(reversed.decode(i).input).toBe([...q].reverse().join(''));
        expect(reversed.decode(i).target).toBe(plain.decode(i).target);
        expect(fixed.decode(i).input).toBe([...q.padEnd(9, ' ')].reverse().join(''));
        expect(fixed.decode(i).target).toBe((plain.decode(i).target as string).padEnd(5, ' '));
        expect(fixed.lengths[i]).toBe(10);
        expect(fixed.targetLengths?.[i]).toBe(6);
      }
    }
  });

  it('writes the sum least-significant digit first with reverseAnswer, and decodes it in reading order', () => {
    for (const seed of seeds.slice(0, 10)) {
      const plain = additionTask({ n: 10 }, createRng(seed));
      const lsbFirst = additionTask({ n: 10, reverseAnswer: true }, createRng(seed));
      const width = plain.targets.shape[1];
      for (let i = 0; i < 10; i++) {
        const used = (plain.targetLengths?.[i] ?? 0) - 1;
        const row = (d: typeof plain) => Array.from(d.targets.data.subarray(i * width, (i + 1) * width));
        const digits = row(plain).slice(0, used);
        expect(row(lsbFirst)).toEqual([...digits.reverse(), ...row(plain).slice(used)]);
        expect(lsbFirst.decode(i)).toEqual(plain.decode(i));
      }
      expect(Array.from(lsbFirst.inputs.data)).toEqual(Array.from(plain.inputs.data));
    }
  });

  it('right-aligns each operand in maxDigits columns with alignOperands', () => {
    for (const seed of seeds.slice(0, 10)) {
      const plain = additionTask({ n: 10, minDigits: 1, maxDigits: 3 }, createRng(seed));
      const aligned = additionTask({ n: 10, minDigits: 1, maxDigits: 3, alignOperands: true }, createRng(seed));
      for (let i = 0; i < 10; i++) {
        const [x, y] = (plain.decode(i).input as string).split('+');
        expect(aligned.decode(i).input).toBe(`${x.padStart(3, ' ')}+${y.padStart(3, ' ')}`);
        expect(aligned.decode(i).target).toBe(plain.decode(i).target);
        expect(aligned.lengths[i]).toBe(8);
      }
    }
  });

  it('rejects bad options', () => {
    const rng = createRng(1);
    expect(() => additionTask({ minDigits: 2.5 }, rng)).toThrow(
      /addition: minDigits must be an integer in \[1, 15\], got 2.5/,
    );
    expect(() => additionTask({ minDigits: 5, maxDigits: 4 }, rng)).toThrow(/minDigits must be <= maxDigits/);
    expect(() => additionTask({ maxDigits: 16 }, rng)).toThrow(/maxDigits must be an integer in \[1, 15\]/);
    expect(() => additionTask({ n: -1 }, rng)).toThrow(/n must be an integer >= 1/);
  });
});
