import { baselineOrders } from '@rnn/markov';
import type { LanguageModelRecipe } from './language-model-recipe';

const source = "the sequences notebook: the character-level LSTM language model (Karpathy's char-rnn)";

/**
 * The notebook's shape, embedding 64 and LSTM 2x512, with char-rnn's means of reaching its numbers:
 * dropout between the layers, clipping and a decaying learning rate, over 7 epochs that fit the
 * 45-minute budget on two cores. It reads random windows of 100 characters from a zero state, the
 * scheme it reaches its target with; `--scheme tbptt` trains as char-rnn does, on contiguous streams
 * with the state carried, which did better at the quick recipe's size (docs/results.md).
 */
export const charlmRecipe: LanguageModelRecipe = {
  kind: 'language-model',
  name: 'charlm',
  source,
  description:
    "next character of a text, embedding 64 + LSTM 2x512 (the notebook's shape), random windows of 100 characters",
  corpus: 'tinyshakespeare',
  model: { cell: 'lstm', hidden: 512, layers: 2, embedding: 64, dropout: 0.2 },
  training: {
    scheme: 'windows',
    epochs: 7,
    batchSize: 32,
    length: 100,
    learningRate: 0.002,
    optimizer: 'adam',
    schedule: { kind: 'cosine', minFactor: 0.05 },
    clipNorm: 5,
    minutes: 45,
  },
  target: {
    atMost: 2.09,
    beatMarkov: true,
    description:
      'validation bits per character <= 2.09 (1.45 nats) and below the best Markov order, on the shared split',
  },
  markovOrders: baselineOrders,
};

/**
 * A small character model that trains in under three minutes on two cores, scored beside the Markov
 * baseline. Contiguous streams with the state carried (truncated backpropagation through time):
 * in its budget they reached a lower validation loss than random windows (docs/results.md).
 */
export const charlmQuickRecipe: LanguageModelRecipe = {
  kind: 'language-model',
  name: 'charlm-quick',
  source,
  description: 'the same exercise at a size that trains in under three minutes: embedding 32 + LSTM 1x256',
  corpus: 'tinyshakespeare',
  model: { cell: 'lstm', hidden: 256, layers: 1, embedding: 32, dropout: 0 },
  training: {
    scheme: 'tbptt',
    epochs: 3,
    batchSize: 32,
    length: 100,
    learningRate: 0.01,
    optimizer: 'adam',
    schedule: { kind: 'cosine', minFactor: 0.05 },
    clipNorm: 5,
    minutes: 2.5,
  },
  target: {
    atMost: 2.35,
    beatMarkov: false,
    description:
      'validation bits per character <= 2.35 on the shared split, reported beside the best Markov order (which three minutes do not beat)',
  },
  markovOrders: baselineOrders,
};

/** Every character language model recipe, in the order `rnn list` shows them. */
export const languageModelRecipes: readonly LanguageModelRecipe[] = [charlmQuickRecipe, charlmRecipe];
