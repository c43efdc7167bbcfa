import { splitTrainValidation } from '@rnn/datasets';
import { loadCorpus } from '@rnn/datasets/node';
import { addKBitsPerChar, defaultKValues } from './sweep';
import { trainMarkov } from './train-markov';

// The baseline's bar: the default smoothing must beat the best add-k on held-out text. A slice of
// tinyshakespeare keeps the test fast; `rnn markov sweep` runs the whole corpus.
describe('Kneser-Ney on held-out tinyshakespeare', () => {
  const { train, validation } = splitTrainValidation(loadCorpus('tinyshakespeare').slice(0, 330000));

  it.each([2, 3, 4, 5])('order %i: lower bits/char than the best add-k, and mle is Infinity', (order) => {
    const model = trainMarkov(train, { order });
    const kneserNey = model.bitsPerChar(validation);
    const addK = addKBitsPerChar(model, validation, defaultKValues);
    expect(kneserNey).toBeLessThan(Math.min(...addK));
    expect(kneserNey).toBeLessThan(3);
    expect(model.withSmoothing('mle').bitsPerChar(validation)).toBe(Infinity);
  });

  it('scores every k of the grid like a model with that k', () => {
    const model = trainMarkov(train, { order: 3 });
    const ks = [1, 0.1, 0.01];
    addKBitsPerChar(model, validation, ks).forEach((bits, i) => {
      expect(bits).toBeCloseTo(model.withSmoothing('add-k', ks[i]).bitsPerChar(validation), 10);
    });
  });
});
