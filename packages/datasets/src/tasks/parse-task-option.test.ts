import { createRng } from '../rng';
import { parseTaskOption } from './parse-task-option';
import { createTask } from './registry';

describe('parseTaskOption', () => {
  it.each([
    ['parity', 'length=1..50', { length: 50, variableLength: true }],
    ['parity', 'length=30', { length: 30, variableLength: false }],
    ['parity', 'targets=final', { targets: 'final' }],
    ['parity', 'variable-length=true', { variableLength: true }],
    ['copy', 'length=3..14', { minLength: 3, maxLength: 14 }],
    ['copy', 'alphabet=abcd', { alphabet: 'abcd' }],
    ['addition', 'digits=1..2', { minDigits: 1, maxDigits: 2 }],
    ['addition', 'reverse=yes', { reverse: true }],
    ['operands', 'n=1000', { n: 1000 }],
    ['waves', 'frequencies=1,2.5', { frequencies: [1, 2.5] }],
    ['sentences', 'sentences=ab c|de f', { sentences: ['ab c', 'de f'] }],
  ])('%s %s', (task, text, expected) => {
    expect(parseTaskOption(task, text)).toEqual(expected);
  });

  it('gives options the task generator accepts', () => {
    const options = { ...parseTaskOption('parity', 'length=1..9'), ...parseTaskOption('parity', 'targets=final') };
    const data = createTask('parity', { ...options, n: 50 }, createRng(1));
    expect(data.typology).toBe('classifier');
    expect(Math.max(...data.lengths)).toBeLessThanOrEqual(9);
    expect(new Set(data.lengths).size).toBeGreaterThan(1);
  });

  it.each([
    ['parity', 'length', /must be name=value/],
    ['parity', '=3', /must be name=value/],
    ['parity', 'depth=3', /the parity task has no option "depth"; it takes n, length, variableLength, targets/],
    ['parity', 'n=many', /the parity task's n must be an integer/],
    ['parity', 'length=2..50', /a range must start at 1/],
    ['addition', 'reverse=maybe', /must be true or false/],
    ['copy', 'text=x', /has no option "text"/],
    ['nope', 'n=1', /task must be one of/],
  ])('%s %s is a one-line RangeError', (task, text, message) => {
    expect(() => parseTaskOption(task, text)).toThrow(message);
  });
});
