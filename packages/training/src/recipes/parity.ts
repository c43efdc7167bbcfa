import type { Recipe } from './recipe';

/**
 * Parity / XOR (source 004): bits in, the parity of the prefix out at every step. Trained on length
 * 50 and tested on length 75, so it must have learned the rule, not the lengths.
 */
export const parityRecipe: Recipe = {
  name: 'parity',
  source: '004 the parity (XOR) problem: running targets, fixed length',
  description: 'running parity of 50 random bits, per-step sigmoid, tested on 75 bits',
  task: { name: 'parity', options: { n: 10000, length: 50, targets: 'running' } },
  model: { cell: 'simple', hidden: 16, layers: 1 },
  training: { epochs: 10, batchSize: 64, learningRate: 0.01, optimizer: 'adam', clipNorm: 1 },
  target: {
    metric: 'accuracy',
    atLeast: 0.99,
    test: { n: 1000, options: { length: 75 } },
    description: 'per-step accuracy >= 0.99 on 1,000 fresh sequences of length 75',
  },
  buildSpec: (_data, { cell, hidden, layers }) => ({
    architecture: 'tagger',
    input: { type: 'dense', features: 1 },
    rnn: { kind: cell, units: hidden, layers },
    outputSize: 1,
  }),
};
