import type { Recipe } from './recipe';

/**
 * The pocket calculator (source 000): read five [digit, operation] steps, say whether the running
 * total ends above zero. Many-to-one: the label is read from the state after the last step.
 */
export const calculatorRecipe: Recipe = {
  name: 'calculator',
  source: '000 RNN basics: the pocket calculator (many-to-one)',
  description: 'sign of a running sum of +/- digits, read from the last state of a SimpleRNN 100',
  task: { name: 'operands', options: { n: 1000, length: 5 } },
  model: { cell: 'simple', hidden: 100, layers: 1 },
  training: { epochs: 50, batchSize: 10, learningRate: 0.001, optimizer: 'adam' },
  target: {
    metric: 'accuracy',
    atLeast: 0.97,
    test: { n: 1000 },
    description: 'test accuracy >= 0.97 on 1,000 fresh sequences',
  },
  buildSpec: (data, { cell, hidden, layers }) => ({
    architecture: 'classifier',
    input: { type: 'dense', features: data.inputs.shape[2] ?? 1 },
    rnn: { kind: cell, units: hidden, layers },
    outputSize: 1,
  }),
};
