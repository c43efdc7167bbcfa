import { splitCorpus } from '@rnn/datasets';
import { markovBaseline } from './markov-baseline';
import { trainMarkov } from './train-markov';

describe('markovBaseline', () => {
  const text = 'the cat sat on the mat. the dog sat on the log. a cat and a dog. '.repeat(30);
  const split = splitCorpus(text);

  it('chooses the order on validation and scores that order once on test', () => {
    const baseline = markovBaseline(split, [0, 1, 2, 3, 4]);
    expect(baseline.orders.map((o) => o.order)).toEqual([0, 1, 2, 3, 4]);
    const best = Math.min(...baseline.orders.map((o) => o.validationBitsPerChar));
    expect(baseline.validationBitsPerChar).toBe(best);
    const model = trainMarkov(split.train, { order: baseline.order });
    expect(baseline.testBitsPerChar).toBeCloseTo(model.bitsPerChar(split.test), 10);
    // A repetitive text: longer contexts beat the unigram model by far.
    expect(baseline.order).toBeGreaterThan(1);
    expect(baseline.validationBitsPerChar).toBeLessThan(baseline.orders[0].validationBitsPerChar - 1);
  });

  it('says what is wrong with the orders or a part too short', () => {
    expect(() => markovBaseline(split, [])).toThrow(/non-empty list of integers >= 0/);
    expect(() => markovBaseline(split, [1.5])).toThrow('markovBaseline: orders[0] must be an integer >= 0, got 1.5');
    expect(() => markovBaseline({ ...split, test: 'ab' }, [1, 2, 3])).toThrow(
      'markovBaseline: the test text must be longer than the highest order 3; use a longer corpus',
    );
  });
});
