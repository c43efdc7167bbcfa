import { formatExample } from './format-example';

describe('formatExample', () => {
  it('prints input -> target on one line', () => {
    expect(formatExample({ input: '123+4567', target: '4690', length: 8 })).toBe('123+4567 -> 4690');
    expect(formatExample({ input: 10, target: [11, 12], length: 2 })).toBe('10 -> 11 12');
    expect(
      formatExample({
        input: [
          [1, 2],
          [3, 4],
        ],
        target: 1,
        length: 2,
      }),
    ).toBe('(1, 2) (3, 4) -> 1');
    expect(formatExample({ input: 'a\nb\\', target: 'c\td', length: 3 })).toBe('a\\nb\\\\ -> c\\td');
  });
});
