import type { Dataset, TaskName } from '@rnn/datasets';
import type { CellKind, GeneratorInject, ModelSpec, RecurrentModel, Seq2SeqDecoderInput } from '@rnn/models';
import type { OptimizerName } from '../fit/create-optimizer';
import type { LearningRateSchedule } from '../fit/learning-rate-schedule';

/**
 * How a recipe's target is measured on fresh data:
 * - `accuracy`: fraction of real target steps (or labels) right;
 * - `exactMatch`: fraction of whole sequences with every real step right;
 * - `mse`: mean squared error per real target step (a generator runs free, feeding back its outputs);
 * - `closedLoopMse`: a next-step predictor primed with `test.prime` true steps, then fed its own
 *   outputs for the rest of the sequence; the mean squared error of those generated steps;
 * - `worstLengthAccuracy`: accuracy at every length of `test.lengths`, `test.n` fresh sequences per
 *   length; the target holds for the worst length;
 * - `withinTolerance`: fraction of examples whose every generated value is within `test.tolerance`
 *   of its target;
 * - `completion`: fraction of the task's sentences that greedy generation from their first word
 *   reproduces whole.
 */
export type TargetMetric =
  'accuracy' | 'exactMatch' | 'mse' | 'closedLoopMse' | 'worstLengthAccuracy' | 'withinTolerance' | 'completion';

/** Every target metric, for argument checks. */
export const targetMetrics: readonly TargetMetric[] = [
  'accuracy',
  'exactMatch',
  'mse',
  'closedLoopMse',
  'worstLengthAccuracy',
  'withinTolerance',
  'completion',
];

/** The fresh data a target is measured on. */
export interface RecipeTest {
  /** How many examples (per length for `worstLengthAccuracy`). */
  readonly n: number;
  /** Task options that differ from training (e.g. longer sequences). */
  readonly options?: Readonly<Record<string, unknown>>;
  /** `closedLoopMse`: true steps read before the model runs on its own outputs. */
  readonly prime?: number;
  /** `worstLengthAccuracy`: the lengths measured, inclusive `[shortest, longest]`. */
  readonly lengths?: readonly [number, number];
  /** `withinTolerance`: how far a generated value may be from its target. */
  readonly tolerance?: number;
}

/** The measured result a recipe promises, and how it is measured. */
export interface RecipeTarget {
  readonly metric: TargetMetric;
  /** The target is reached when the metric is at least this (metrics where higher is better). */
  readonly atLeast?: number;
  /** The target is reached when the metric is at most this (errors: `mse`, `closedLoopMse`). */
  readonly atMost?: number;
  readonly test: RecipeTest;
  /** The target in words, e.g. "per-step accuracy >= 0.99 on fresh sequences of length 75". */
  readonly description: string;
  /**
   * The target in words for other task options than the recipe's (operands of other sizes, say),
   * where the words name them; `description` is this of the recipe's own options.
   */
  readonly describe?: (task: Readonly<Record<string, unknown>>) => string;
}

/** The model choices of a recipe that `rnn train` may change. */
export interface RecipeModel {
  readonly cell: CellKind;
  readonly hidden: number;
  readonly layers: number;
  /** Encoder-decoders: what the decoder reads at each step. */
  readonly decoderInput?: Seq2SeqDecoderInput;
  /** One-to-many generators: where the one input vector enters. */
  readonly inject?: GeneratorInject;
}

/** What `rnn train` may change about a recipe; everything else is the recipe's. */
export interface RecipeOverrides {
  readonly cell?: CellKind;
  readonly hidden?: number;
  readonly layers?: number;
  readonly decoderInput?: Seq2SeqDecoderInput;
  readonly inject?: GeneratorInject;
  readonly epochs?: number;
  readonly batchSize?: number;
  readonly learningRate?: number;
  readonly clipNorm?: number;
  readonly optimizer?: OptimizerName;
  /** Replaces the recipe's learning-rate schedule (`{kind: 'constant'}` turns it off). */
  readonly schedule?: LearningRateSchedule;
  /** Task options of the training data, by their API names (checked against the task's option spec). */
  readonly task?: Readonly<Record<string, unknown>>;
  /** Fresh test examples (per length where the target measures every length). */
  readonly testSize?: number;
}

/** The training settings of a recipe (after overrides). */
export interface RecipeTraining {
  readonly epochs: number;
  readonly batchSize: number;
  /** The base learning rate (`rnn train --lr` replaces it; the schedule scales it). */
  readonly learningRate: number;
  readonly optimizer: OptimizerName;
  /** How the learning rate changes over the epochs; default constant. */
  readonly schedule?: LearningRateSchedule;
  readonly clipNorm?: number;
  readonly bucket?: boolean;
}

/**
 * The source notebook's own settings for an exercise, where the recipe's tuned defaults differ:
 * `rnn train <recipe> --notebook` applies them.
 */
export interface NotebookSettings {
  readonly overrides: RecipeOverrides;
  /** One line on why the recipe's defaults differ from these. */
  readonly why: string;
}

/**
 * One exercise of the source documents, runnable with one command from one seed: the task and its
 * options, the model, the training settings, and the target it must reach on fresh data.
 */
export interface Recipe {
  readonly name: string;
  /** Where the exercise comes from, e.g. "the RNN basics notebook: the pocket calculator". */
  readonly source: string;
  readonly description: string;
  readonly task: { readonly name: TaskName; readonly options: Readonly<Record<string, unknown>> };
  readonly model: RecipeModel;
  readonly training: RecipeTraining;
  readonly target: RecipeTarget;
  /** The notebook's exact settings, when the defaults differ from them. */
  readonly notebook?: NotebookSettings;
  /** The model spec for the training data, with the (already applied) model choices. */
  buildSpec(data: Dataset, model: RecipeModel): ModelSpec;
  /** Findings reported beside the target, measured on the trained model (e.g. how far a counter extrapolates). */
  report?(model: RecurrentModel): Readonly<Record<string, unknown>>;
}
