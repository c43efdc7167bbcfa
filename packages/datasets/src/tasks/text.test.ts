import { createRng } from '../rng';
import { expectConsistent, seeds } from './check-dataset.testing';
import { prepareText, textTask } from './text';

const corpus = 'the quick brown fox jumps over the lazy dog. '.repeat(20);

describe('prepareText', () => {
  it('builds the vocabulary of sorted characters, id 0 reserved, and splits contiguously', () => {
    const p = prepareText(corpus, { length: 10 });
    expect(p.vocabulary.symbols.join('')).toBe(' .abcdefghijklmnopqrstuvwxyz');
    expect(p.vocabulary.reserved).toBe('<pad>');
    expect(p.ids.length).toBe(corpus.length);
    expect(p.train.ids.length + p.validation.ids.length).toBe(corpus.length);
    expect(p.validation.ids.length).toBe(Math.floor(corpus.length * 0.1));
    // Both parts are views of the one encoded text.
    expect(p.train.ids.buffer).toBe(p.ids.buffer);
    expect(p.validation.ids.buffer).toBe(p.ids.buffer);
    expect(p.validation.ids.byteOffset).toBe(p.train.ids.length * 4);
  });

  it('windows are views, and targets are the inputs shifted by exactly one', () => {
    const p = prepareText(corpus, { length: 7, stride: 3 });
    for (const w of [p.train, p.validation]) {
      for (let k = 0; k < w.count; k++) {
        expect(w.input(k).buffer).toBe(p.ids.buffer);
        expect(Array.from(w.target(k).subarray(0, 6))).toEqual(Array.from(w.input(k).subarray(1)));
        expect(w.target(k)[6]).toBe(w.ids[k * 3 + 7]);
      }
    }
  });
});

describe('textTask', () => {
  it('samples windows of the chosen split with the source defaults', () => {
    const d = textTask(corpus, { n: 50, length: 20 }, createRng(1));
    expect(d.inputs.shape).toEqual([50, 20]);
    expect(d.typology).toBe('lm');
    expect(d.options).toMatchObject({ stride: 1, validationFraction: 0.1, split: 'train' });
    expectConsistent(d);
  });

  it('every example is a real window of its split, shifted by one', () => {
    const train = corpus.slice(0, corpus.length - Math.floor(corpus.length * 0.1));
    const validation = corpus.slice(train.length);
    for (const seed of seeds) {
      for (const split of ['train', 'validation'] as const) {
        const d = textTask(corpus, { n: 10, length: 15, split }, createRng(seed));
        const part = split === 'train' ? train : validation;
        for (let i = 0; i < 10; i++) {
          const { input, target } = d.decode(i);
          const at = part.indexOf(`${input as string}${(target as string).slice(-1)}`);
          expect(at).toBeGreaterThanOrEqual(0);
          expect(target).toBe((input as string).slice(1) + (target as string).slice(-1));
        }
      }
    }
  });

  it('repeats a seed and differs across seeds', () => {
    const a = textTask(corpus, { n: 20, length: 10 }, createRng(7));
    const b = textTask(corpus, { n: 20, length: 10 }, createRng(7));
    const c = textTask(corpus, { n: 20, length: 10 }, createRng(8));
    expect(a.inputs.data).toEqual(b.inputs.data);
    expect(a.inputs.data).not.toEqual(c.inputs.data);
  });

  it('rejects bad options and texts too short for a window', () => {
    const rng = createRng(1);
    expect(() => textTask('', {}, rng)).toThrow(/text must be a non-empty string/);
    expect(() => textTask('abc', { length: 5 }, rng)).toThrow(/fewer than length \+ 1/);
    expect(() => textTask(corpus, { validationFraction: 1 }, rng)).toThrow(
      /validationFraction must be a finite number in \[0, 1\)/,
    );
    expect(() => textTask(corpus, { split: 'test' as never }, rng)).toThrow(
      /split must be one of "train", "validation"/,
    );
    expect(() => textTask(corpus, { validationFraction: 0, split: 'validation' }, rng)).toThrow(
      /validation part has 0/,
    );
  });
});
