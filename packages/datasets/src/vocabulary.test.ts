import { Vocabulary } from './vocabulary';

describe('Vocabulary', () => {
  it('from text: sorted distinct characters with ids from 1, id 0 reserved', () => {
    const v = Vocabulary.fromText('hello world');
    expect(v.symbols).toEqual([' ', 'd', 'e', 'h', 'l', 'o', 'r', 'w']);
    expect(v.size).toBe(9);
    expect(v.idOf(' ')).toBe(1);
    expect(v.symbolOf(0)).toBe('<pad>');
  });

  it('sorts by code point, astral characters included', () => {
    const v = Vocabulary.fromText('b😀a\u00e9');
    expect(v.symbols).toEqual(['a', 'b', '\u00e9', '😀']);
    expect(Array.from(v.encode('😀a'))).toEqual([4, 1]);
    expect(v.decode(v.encode('ab😀\u00e9'))).toBe('ab😀\u00e9');
  });

  it('from symbols keeps their order; encode/decode round trip', () => {
    const v = Vocabulary.fromSymbols(['c', 'a', 'b'], { reserved: '<stop>' });
    expect(Array.from(v.encode('abc'))).toEqual([2, 3, 1]);
    expect(v.decode([2, 3, 1, 0, 0])).toBe('abc');
    expect(v.decode([2, 0], { keepReserved: true })).toBe('a<stop>');
    expect(v.decodeSymbols([1, 2])).toEqual(['c', 'a']);
  });

  it('maps unknown symbols to id 0 and counts them', () => {
    const v = Vocabulary.fromText('abc');
    expect(Array.from(v.encode('abxcy'))).toEqual([1, 2, 0, 3, 0]);
    expect(v.unknownCount).toBe(2);
    expect(Array.from(v.encode(['a', 'zz']))).toEqual([1, 0]);
    expect(v.unknownCount).toBe(3);
    expect(v.has('x')).toBe(false);
    expect(v.idOf('x')).toBe(0);
  });

  it('encodes multi-character symbols from a list, and refuses to split a string for them', () => {
    const v = Vocabulary.fromSymbols(['<go>', 'ab', 'c']);
    expect(Array.from(v.encode(['<go>', 'c', 'ab']))).toEqual([1, 3, 2]);
    expect(() => v.encode('abc')).toThrow(/multi-character/);
  });

  it('round-trips through JSON', () => {
    const v = Vocabulary.fromText('the quick brown fox', { reserved: '<stop>' });
    const back = Vocabulary.fromJSON(JSON.parse(JSON.stringify(v)));
    expect(back.symbols).toEqual(v.symbols);
    expect(back.reserved).toBe('<stop>');
    expect(Array.from(back.encode('fox'))).toEqual(Array.from(v.encode('fox')));
  });

  it('rejects bad input with RangeErrors', () => {
    expect(() => Vocabulary.fromText('')).toThrow(RangeError);
    expect(() => Vocabulary.fromSymbols([])).toThrow(/at least one symbol/);
    expect(() => Vocabulary.fromSymbols(['a', 'a'])).toThrow(/distinct/);
    expect(() => Vocabulary.fromSymbols(['a', ''])).toThrow(/non-empty/);
    expect(() => Vocabulary.fromSymbols(['<pad>'])).toThrow(/reserved/);
    expect(() => Vocabulary.fromJSON({ symbols: ['a'] })).toThrow(/rnn-vocabulary/);
    expect(() => Vocabulary.fromText('ab').symbolOf(3)).toThrow(/\[0, 2\]/);
    expect(() => Vocabulary.fromText('ab').decode([5])).toThrow(RangeError);
  });
});
