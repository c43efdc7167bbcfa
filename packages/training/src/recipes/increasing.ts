import type { Recipe } from './recipe';

/**
 * "Increasing sum" (the RNN-from-scratch notebook): steps of two numbers; is the per-step sum
 * strictly increasing? Many-to-one: a sigmoid reads the state at each sequence's last valid step.
 * The model is the notebook's: an Elman layer of 5 tanh units and one sigmoid output. The notebook
 * fits its six hand-written sequences and says itself that it cannot generalise from them; the
 * recipe draws fresh training sequences of 2-6 steps instead, half of them increasing, and tests on
 * sequences it never saw.
 */
export const increasingRecipe: Recipe = {
  name: 'increasing',
  source: 'the RNN-from-scratch notebook: increasing sum (many-to-one, Elman tanh 5 + sigmoid)',
  description: "is the sum of each step's two numbers strictly increasing? Elman tanh 5, sigmoid on the last state",
  task: { name: 'increasing', options: { n: 5000, minLength: 2, maxLength: 6 } },
  model: { cell: 'elman', hidden: 5, layers: 1 },
  training: { epochs: 20, batchSize: 32, learningRate: 0.01, optimizer: 'adam', schedule: { kind: 'cosine' } },
  target: {
    metric: 'accuracy',
    atLeast: 0.95,
    test: { n: 1000 },
    description: 'accuracy >= 0.95 on 1,000 fresh sequences of 2-6 steps',
  },
  notebook: {
    overrides: {
      task: { n: 6 },
      epochs: 101,
      batchSize: 6,
      optimizer: 'sgd',
      learningRate: 0.3,
      schedule: { kind: 'constant' },
    },
    why: 'six sequences can be fitted but not generalised from, as the notebook says; 5,000 fresh ones can',
  },
  buildSpec: (_data, { cell, hidden, layers }) => ({
    architecture: 'classifier',
    input: { type: 'dense', features: 2 },
    rnn: { kind: cell, units: hidden, layers, ...(cell === 'elman' ? { activation: 'tanh' } : {}) },
    outputSize: 1,
  }),
};
