import {
  checkBoolean,
  checkChoice,
  checkInteger,
  checkIntegerList,
  checkNumber,
  checkNumberList,
  checkOptionNames,
  checkOrdered,
  checkString,
  show,
} from './index';

describe('the argument validator', () => {
  it('returns a value that passes, typed', () => {
    expect(checkInteger('f', 'n', 3, 1)).toBe(3);
    expect(checkNumber('f', 'rate', 0.5, { min: 0, max: 1 })).toBe(0.5);
    expect(checkBoolean('f', 'flag', false)).toBe(false);
    expect(checkChoice('f', 'cell', 'gru', ['lstm', 'gru'] as const)).toBe('gru');
    expect(checkString('f', 'text', '', true)).toBe('');
    expect(checkIntegerList('f', 'orders', [0, 2], 0)).toEqual([0, 2]);
    expect(checkNumberList('f', 'k', [0.5, 1], { min: 0, minExclusive: true })).toEqual([0.5, 1]);
    expect(() => checkOptionNames('f', { epochs: 1 }, ['epochs'])).not.toThrow();
    expect(() => checkOrdered('f', 'lo', 1, 'hi', 1)).not.toThrow();
  });

  it.each<[string, () => unknown, string]>([
    [
      'an integer below its least',
      () => checkInteger('fit', 'epochs', 0, 1),
      'fit: epochs must be an integer >= 1, got 0',
    ],
    ['a fraction for an integer', () => checkInteger('f', 'n', 1.5, 1), 'f: n must be an integer >= 1, got 1.5'],
    ['a string for an integer', () => checkInteger('f', 'n', '3', 1), 'f: n must be an integer >= 1, got "3"'],
    ['an index past its end', () => checkInteger('f', 'id', 5, 0, 4), 'f: id must be an integer in [0, 4], got 5'],
    [
      'an integer above its most',
      () => checkInteger('f', 'lo', 9, -Infinity, 5),
      'f: lo must be an integer <= 5, got 9',
    ],
    [
      'NaN for an unbounded integer',
      () => checkInteger('f', 'lo', NaN, -Infinity),
      'f: lo must be an integer, got NaN',
    ],
    [
      'zero for a positive number',
      () => checkNumber('f', 'rate', 0, { min: 0, minExclusive: true }),
      'f: rate must be a finite number > 0, got 0',
    ],
    ['a negative number', () => checkNumber('f', 't', -1, { min: 0 }), 'f: t must be a finite number >= 0, got -1'],
    [
      'a number past an open end',
      () => checkNumber('f', 'p', 1, { min: 0, max: 1, maxExclusive: true }),
      'f: p must be a finite number in [0, 1), got 1',
    ],
    ['Infinity for a number', () => checkNumber('f', 'x', Infinity), 'f: x must be a finite number, got Infinity'],
    [
      'an element of a list',
      () => checkIntegerList('f', 'orders', [1, -1], 0),
      'f: orders[1] must be an integer >= 0, got -1',
    ],
    [
      'an empty list',
      () => checkIntegerList('f', 'orders', [], 0),
      'f: orders must be a non-empty list of integers >= 0, got []',
    ],
    ['a string for a boolean', () => checkBoolean('f', 'flag', 'false'), 'f: flag must be true or false, got "false"'],
    [
      'an unknown choice',
      () => checkChoice('f', 'cell', 'rnn', ['lstm', 'gru']),
      'f: cell must be one of "lstm", "gru", got "rnn"',
    ],
    [
      'an unknown option',
      () => checkOptionNames('f', { epoch: 1 }, ['epochs']),
      'f: unknown option "epoch"; its options are: epochs',
    ],
    ['a pair out of order', () => checkOrdered('f', 'lo', 3, 'hi', 2), 'f: lo must be <= hi, got lo=3, hi=2'],
  ])('refuses %s with one line in one form', (_, check, message) => {
    expect(check).toThrow(RangeError);
    expect(check).toThrow(new RangeError(message));
  });

  it('shows values so that their kind is plain', () => {
    expect(show('3')).toBe('"3"');
    expect(show(3)).toBe('3');
    expect(show([1, 'a'])).toBe('[1, "a"]');
    expect(show({})).toBe('object');
  });
});
