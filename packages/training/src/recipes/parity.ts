import type { Dataset } from '@rnn/datasets';
import type { ModelSpec } from '@rnn/models';
import type { Recipe, RecipeModel } from './recipe';

/** Per-step targets make a tagger; one final label makes a classifier reading the last valid step. */
function paritySpec(data: Dataset, { cell, hidden, layers }: RecipeModel): ModelSpec {
  return {
    architecture: data.typology === 'classifier' ? 'classifier' : 'tagger',
    input: { type: 'dense', features: 1 },
    rnn: { kind: cell, units: hidden, layers },
    outputSize: 1,
  };
}

/** The parity notebook's own training: SGD at 1 on 100,000 sequences, batch 8, 5 epochs, 4 units. */
const notebookParity = {
  task: { n: 100000 },
  hidden: 4,
  optimizer: 'sgd',
  learningRate: 1,
  batchSize: 8,
  epochs: 5,
  schedule: { kind: 'constant' },
} as const;

/**
 * Parity / XOR (the parity notebook): bits in, the parity of the prefix out at every step. Trained on
 * length 50 and tested on length 75, so it must have learned the rule, not the lengths.
 */
export const parityRecipe: Recipe = {
  name: 'parity',
  source: 'the parity notebook: running targets, fixed length',
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
  notebook: {
    overrides: notebookParity,
    why: 'Adam with clipping on 10,000 sequences gets there in seconds; plain SGD at 1 needs the 100,000',
  },
  buildSpec: paritySpec,
};

/**
 * The parity notebook's first assignment: the same running targets, but every sequence has its own
 * length, drawn uniformly in 1..50. Batches are padded, the mask keeps the padding out of the loss,
 * and length bucketing keeps the padding small. Measured at every length 1..75 separately, so a
 * model that only works near the lengths it saw most cannot pass.
 */
export const parityVariableRecipe: Recipe = {
  name: 'parity-variable',
  source: 'the parity notebook, assignment 1: running targets, lengths 1-50 (masks, bucketing)',
  description: 'running parity of 1-50 random bits in padded, masked, length-bucketed batches; SimpleRNN 16',
  task: { name: 'parity', options: { n: 20000, length: 50, variableLength: true, targets: 'running' } },
  model: { cell: 'simple', hidden: 16, layers: 1 },
  training: { epochs: 10, batchSize: 64, learningRate: 0.01, optimizer: 'adam', clipNorm: 1, bucket: true },
  target: {
    metric: 'worstLengthAccuracy',
    atLeast: 0.99,
    test: { n: 100, lengths: [1, 75] },
    description: 'per-step accuracy >= 0.99 at every length 1-75 (100 fresh sequences per length)',
  },
  notebook: {
    overrides: { ...notebookParity, task: { n: 100000, variableLength: true } },
    why: 'Adam with clipping on 20,000 sequences gets there in seconds; plain SGD at 1 needs the 100,000',
  },
  buildSpec: paritySpec,
};

/**
 * The OpenAI warm-up exercise the parity notebook starts from: one label per sequence, the parity
 * of all its bits, read by an LSTM at each sequence's last valid step. With lengths 1..50 the short
 * sequences teach the rule that the long ones then need; length bucketing with shuffled buckets
 * keeps batches short. Measured at every length 1..75.
 */
export const parityFinalRecipe: Recipe = {
  name: 'parity-final',
  source: 'the parity notebook (OpenAI request for research): final parity only, lengths 1-50, LSTM',
  description: 'parity of 1-50 random bits as one label, LSTM reading the last valid step',
  task: { name: 'parity', options: { n: 50000, length: 50, variableLength: true, targets: 'final' } },
  model: { cell: 'lstm', hidden: 32, layers: 1 },
  training: {
    epochs: 10,
    batchSize: 64,
    learningRate: 0.01,
    optimizer: 'adam',
    schedule: { kind: 'cosine' },
    clipNorm: 1,
    bucket: true,
  },
  target: {
    metric: 'worstLengthAccuracy',
    atLeast: 0.99,
    test: { n: 100, lengths: [1, 75] },
    description: 'final-bit accuracy >= 0.99 at every length 1-75 (100 fresh sequences per length)',
  },
  buildSpec: paritySpec,
};
