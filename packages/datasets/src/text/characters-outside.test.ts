import { Vocabulary } from '../vocabulary';
import { charactersOutside } from './characters-outside';

describe('charactersOutside', () => {
  const vocabulary = Vocabulary.fromText('abc\n');

  it('lists each unknown character once, in order of first appearance', () => {
    expect(charactersOutside(vocabulary, 'cabbage\n')).toEqual(['g', 'e']);
    expect(charactersOutside(vocabulary, 'abc')).toEqual([]);
    expect(charactersOutside(vocabulary, '')).toEqual([]);
  });

  it('counts an astral character as one character, and never reports the reserved name', () => {
    expect(charactersOutside(vocabulary, 'a😀b😀')).toEqual(['😀']);
    expect(charactersOutside(vocabulary, '<pad>')).toEqual(['<', 'p', 'd', '>']);
  });

  it('leaves the unknown count of the vocabulary alone', () => {
    const v = Vocabulary.fromText('xy');
    charactersOutside(v, 'xyz');
    expect(v.unknownCount).toBe(0);
  });

  it('says what is wrong with a text that is not a string', () => {
    expect(() => charactersOutside(vocabulary, 3 as unknown as string)).toThrow(/text must be a string/);
  });
});
