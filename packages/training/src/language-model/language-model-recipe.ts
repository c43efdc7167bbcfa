import type { CellKind } from '@rnn/models';
import type { OptimizerName } from '../fit/create-optimizer';
import type { LearningRateSchedule } from '../fit/learning-rate-schedule';

/**
 * How a character language model reads its training text:
 * - `tbptt`: the text cut into `batchSize` contiguous streams read `length` characters at a time,
 *   the hidden state carried from one batch to the next (truncated backpropagation through time,
 *   as char-rnn trains);
 * - `windows`: `batchSize` windows of `length` characters drawn at random for every step, each read
 *   from a zero state.
 */
export type LanguageModelScheme = 'tbptt' | 'windows';

/** Every training scheme, for argument checks and help texts. */
export const languageModelSchemes: readonly LanguageModelScheme[] = ['tbptt', 'windows'];

/** The model of a character language model recipe: embedding, recurrent stack, dropout between layers. */
export interface LanguageModelShape {
  readonly cell: CellKind;
  readonly hidden: number;
  readonly layers: number;
  /** Width of the character embedding. */
  readonly embedding: number;
  /** Fraction of each lower layer's outputs dropped while training, in [0, 1). */
  readonly dropout: number;
}

/** How a character language model recipe trains. */
export interface LanguageModelTraining {
  readonly scheme: LanguageModelScheme;
  /** Passes over the training text (the learning-rate schedule spans them). */
  readonly epochs: number;
  /** Streams (tbptt) or windows (windows) per step. */
  readonly batchSize: number;
  /** Characters per stream and step: how far back gradients flow. */
  readonly length: number;
  readonly learningRate: number;
  readonly optimizer: OptimizerName;
  readonly schedule?: LearningRateSchedule;
  readonly clipNorm?: number;
  /** A wall-clock budget: training stops cleanly at the end of the step that passes it. */
  readonly minutes?: number;
}

/** What `rnn train` may change about a language model recipe. */
export interface LanguageModelOverrides {
  readonly cell?: CellKind;
  readonly hidden?: number;
  readonly layers?: number;
  readonly embedding?: number;
  readonly dropout?: number;
  readonly scheme?: LanguageModelScheme;
  readonly epochs?: number;
  readonly batchSize?: number;
  readonly length?: number;
  readonly learningRate?: number;
  readonly optimizer?: OptimizerName;
  readonly schedule?: LearningRateSchedule;
  readonly clipNorm?: number;
  readonly minutes?: number;
}

/** The target of a language model recipe: validation bits per character on the shared corpus split. */
export interface LanguageModelTarget {
  /** Reached when the validation bits per character are at most this (and below Markov, if asked). */
  readonly atMost?: number;
  /** Reached only when the model also beats the best Markov order on the same validation text. */
  readonly beatMarkov: boolean;
  readonly description: string;
}

/**
 * The character language model exercise (the sequences notebook's char-rnn) as a runnable recipe: a
 * corpus, a model shape, a training scheme and a target in bits per character on the corpus's
 * validation part, the very part the Markov baseline is scored on.
 */
export interface LanguageModelRecipe {
  readonly kind: 'language-model';
  readonly name: string;
  readonly source: string;
  readonly description: string;
  /** The default corpus: a shipped corpus name or a file path. */
  readonly corpus: string;
  readonly model: LanguageModelShape;
  readonly training: LanguageModelTraining;
  readonly target: LanguageModelTarget;
  /** The Markov orders the baseline sweeps (the best on validation is the one to beat). */
  readonly markovOrders: readonly number[];
}

/** The settings a language model run used: the recipe's, with the overrides applied. */
export interface LanguageModelSettings extends LanguageModelShape, LanguageModelTraining {}
