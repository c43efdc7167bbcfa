import { visibleSymbol } from './visible-symbol';

describe('visibleSymbol', () => {
  it('gives whitespace and control characters a glyph or a code, and keeps every other symbol', () => {
    expect([' ', '\n', '\t', '\r', '\u0007', '\u0085'].map(visibleSymbol)).toEqual([
      '␣',
      '↵',
      '⇥',
      '␍',
      'U+0007',
      'U+0085',
    ]);
    expect(['a', 'É', '1', '<stop>', '😀', 'a b'].map(visibleSymbol)).toEqual(['a', 'É', '1', '<stop>', '😀', 'a␣b']);
  });
});
