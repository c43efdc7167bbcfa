import { corpusCuts, splitCorpus, splitCorpusIds } from './split-corpus';

describe('splitCorpus', () => {
  it('cuts train, validation and test in text order, 90/5/5 by default', () => {
    const text = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN'; // 40 characters
    expect(splitCorpus(text)).toEqual({
      train: text.slice(0, 36),
      validation: text.slice(36, 38),
      test: text.slice(38),
    });
    expect(corpusCuts(1115394)).toEqual([1115394 - 2 * 55769, 1115394 - 55769]);
  });

  it('keeps every character exactly once, whatever the fractions', () => {
    const text = 'to be or not to be, that is the question';
    for (const [v, t] of [
      [0, 0],
      [0.3, 0.2],
      [0, 0.5],
      [0.45, 0.45],
    ]) {
      const s = splitCorpus(text, { validationFraction: v, testFraction: t });
      expect(s.train + s.validation + s.test).toBe(text);
      expect(s.test.length).toBe(Math.floor(text.length * t));
    }
  });

  it('counts code points, so the text cut matches the ids cut', () => {
    const text = '😀a😀b😀c😀d😀e'.repeat(4); // astral characters take two UTF-16 units
    const s = splitCorpus(text, { validationFraction: 0.25, testFraction: 0.25 });
    expect(Array.from(s.test)).toHaveLength(10);
    const ids = Int32Array.from(Array.from(text), (c) => c.codePointAt(0) as number);
    const p = splitCorpusIds(ids, { validationFraction: 0.25, testFraction: 0.25 });
    expect(String.fromCodePoint(...p.validation)).toBe(s.validation);
    expect(p.train.buffer).toBe(ids.buffer); // views, not copies
  });

  it('names the option and what is allowed', () => {
    expect(() => splitCorpus('abc', { testFraction: 1 })).toThrow(
      'splitCorpus: testFraction must be a finite number in [0, 1), got 1',
    );
    expect(() => splitCorpus('abc', { validationFraction: 0.6, testFraction: 0.4 })).toThrow(
      /validationFraction \+ testFraction must be < 1/,
    );
    expect(() => splitCorpus('abc', { fraction: 0.1 } as never)).toThrow(/unknown option/);
  });
});
