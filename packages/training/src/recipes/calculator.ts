import type { Recipe } from './recipe';

/**
 * The pocket calculator (the RNN basics notebook): read five [digit, operation] steps, say whether the running
 * total ends above zero. Many-to-one: the label is read from the state after the last step.
 *
 * The model is the source's: a tanh RNN of 100 units with PyTorch's initialisation, reading the raw
 * digits 0..9, trained with Adam. With the source's training settings (1,000 sequences, 50 epochs of
 * batch 10 at 1e-3) it reaches only 0.913 on 1,000 fresh sequences (seed 42), 0.92 with
 * `init: 'glorot'`: it fits the training set (loss 0.06-0.12) but not the rule, which must be exact
 * near the boundary, where one sequence in 10 ends at a total of -1, 0 or 1. The source publishes no
 * result to compare with (its cells are exercises, scored on 100 test sequences). More data is what
 * moves it, and a cosine decay makes the end of training precise: 20,000 sequences and 10 epochs of
 * batch 32 at 3e-3 decaying to 0 reach 0.982 (seed 42) and 0.983 (seed 1); 10,000 sequences reach
 * 0.976-0.98, 5,000 reach 0.963.
 */
export const calculatorRecipe: Recipe = {
  name: 'calculator',
  source: 'the RNN basics notebook: the pocket calculator (many-to-one)',
  description: 'sign of a running sum of +/- digits, read from the last state of a SimpleRNN 100',
  task: { name: 'operands', options: { n: 20000, length: 5 } },
  model: { cell: 'simple', hidden: 100, layers: 1 },
  training: { epochs: 10, batchSize: 32, learningRate: 0.003, optimizer: 'adam', schedule: { kind: 'cosine' } },
  target: {
    metric: 'accuracy',
    atLeast: 0.97,
    test: { n: 1000 },
    description: 'test accuracy >= 0.97 on 1,000 fresh sequences',
  },
  notebook: {
    overrides: { task: { n: 1000 }, epochs: 50, batchSize: 10, learningRate: 0.001, schedule: { kind: 'constant' } },
    why: 'on 1,000 sequences the network learns them, not the rule (0.91-0.92 on fresh ones): 20,000 and a cosine decay reach 0.98',
  },
  buildSpec: (data, { cell, hidden, layers }) => ({
    architecture: 'classifier',
    input: { type: 'dense', features: data.inputs.shape[2] ?? 1 },
    rnn: { kind: cell, units: hidden, layers },
    outputSize: 1,
  }),
};
