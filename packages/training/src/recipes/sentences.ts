import type { Recipe } from './recipe';

/**
 * Sentence completion (the sentence-completion notebook): a character model of three short
 * sentences, trained on all three at once, must write each back from its first word. It is a
 * memorisation exercise by design: the point is the plumbing of a character model (one-hot input,
 * next-character targets, one step per character when writing).
 */
export const sentencesRecipe: Recipe = {
  name: 'sentences',
  source: 'the sentence-completion notebook: a SimpleRNN character model of three sentences',
  description: 'next-character model of "hey how are you", "good i am fine", "have a nice day", SimpleRNN 12',
  task: { name: 'sentences', options: {} },
  model: { cell: 'simple', hidden: 12, layers: 1 },
  training: { epochs: 100, batchSize: 3, learningRate: 0.01, optimizer: 'adam' },
  target: {
    metric: 'completion',
    atLeast: 1,
    test: { n: 3 },
    description: "greedy completion from each sentence's first word reproduces the sentence (3 of 3)",
  },
  buildSpec: (data, { cell, hidden, layers }) => {
    const vocabSize = data.vocabulary?.size ?? 0;
    return {
      architecture: 'lm',
      input: { type: 'onehot', vocabSize },
      rnn: { kind: cell, units: hidden, layers },
      outputSize: vocabSize,
    };
  },
};
