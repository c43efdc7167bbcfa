import type { Dataset, TaskName } from '@rnn/datasets';
import type { CellKind, ModelSpec } from '@rnn/models';
import type { OptimizerName } from '../fit/create-optimizer';
import type { LearningRateSchedule } from '../fit/learning-rate-schedule';

/** The measured result a recipe promises, and how it is measured. */
export interface RecipeTarget {
  /** `accuracy`: fraction of real target steps right; `exactMatch`: fraction of whole sequences right. */
  readonly metric: 'accuracy' | 'exactMatch';
  /** The recipe reaches its target when the metric is at least this. */
  readonly atLeast: number;
  /** Fresh test data: how many examples, and task options that differ from training (e.g. longer sequences). */
  readonly test: { readonly n: number; readonly options?: Readonly<Record<string, unknown>> };
  /** The target in words, e.g. "per-step accuracy >= 0.99 on fresh sequences of length 75". */
  readonly description: string;
}

/** What `rnn train` may change about a recipe; everything else is the recipe's. */
export interface RecipeOverrides {
  readonly cell?: CellKind;
  readonly hidden?: number;
  readonly layers?: number;
  readonly epochs?: number;
  readonly batchSize?: number;
  readonly learningRate?: number;
  readonly clipNorm?: number;
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
 * One exercise of the source documents, runnable with one command from one seed: the task and its
 * options, the model, the training settings, and the target it must reach on fresh data.
 */
export interface Recipe {
  readonly name: string;
  /** Where the exercise comes from, e.g. "000 RNN basics: the pocket calculator". */
  readonly source: string;
  readonly description: string;
  readonly task: { readonly name: TaskName; readonly options: Readonly<Record<string, unknown>> };
  readonly model: { readonly cell: CellKind; readonly hidden: number; readonly layers: number };
  readonly training: RecipeTraining;
  readonly target: RecipeTarget;
  /** The model spec for the training data, with the (already applied) cell/hidden/layers choice. */
  buildSpec(data: Dataset, model: { cell: CellKind; hidden: number; layers: number }): ModelSpec;
}
