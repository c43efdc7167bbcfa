import { createRng } from '../rng';
import { at, expectConsistent, seeds } from './check-dataset.testing';
import { operandsTask } from './operands';

function evaluate(expression: string): number {
  // "+1-2+3": signed single digits; Function is avoided on purpose, the grammar is tiny.
  return [...expression.matchAll(/([+-])(\d)/g)].reduce((s, m) => s + (m[1] === '+' ? 1 : -1) * Number(m[2]), 0);
}

describe('operandsTask', () => {
  it('has the source defaults: sequences of 5 [digit, op] steps, labels 0/1', () => {
    const d = operandsTask({}, createRng(1));
    expect(d.inputs.shape).toEqual([1000, 5, 2]);
    expect(d.targets.shape).toEqual([1000]);
    expect(d.typology).toBe('classifier');
    expect(d.classes).toBe(2);
    expectConsistent(d);
  });

  it('labels 1 exactly when the evaluated expression is > 0', () => {
    for (const seed of seeds) {
      const d = operandsTask({ n: 50, length: 4 }, createRng(seed));
      const actual: number[][] = [];
      const expected: number[][] = [];
      for (let i = 0; i < 50; i++) {
        let total = 0;
        let valid = true;
        for (let t = 0; t < 4; t++) {
          const digit = at(d.inputs, i, t, 0);
          const op = at(d.inputs, i, t, 1);
          valid &&= Number.isInteger(digit) && digit >= 0 && digit <= 9 && (op === 0 || op === 1);
          total += op === 1 ? digit : -digit;
        }
        const { input, target } = d.decode(i);
        actual.push([Number(valid), evaluate(input as string), target as number]);
        expected.push([1, total, total > 0 ? 1 : 0]);
      }
      expect(actual).toEqual(expected);
    }
  });

  it('rejects bad options', () => {
    expect(() => operandsTask({ n: 0 }, createRng(1))).toThrow(/operands: n must be an integer >= 1, got 0/);
    expect(() => operandsTask({ length: 2.5 }, createRng(1))).toThrow(/length/);
    expect(() => operandsTask({ digits: 3 } as never, createRng(1))).toThrow(/unknown option "digits"/);
  });
});
