import type * as tf from '@tensorflow/tfjs';
import { createRng, createTask, type Dataset, type Rng } from '@rnn/datasets';
import { buildModel, type CellKind, type ModelSpec, type RecurrentModel } from '@rnn/models';
import { evaluate, type Evaluation } from '../fit/evaluate';
import { fit, type BatchProgress, type EpochRecord, type OptimizerState } from '../fit/fit';
import type { Recipe, RecipeOverrides, RecipeTraining } from './recipe';

/** The settings a run used: the recipe's, with the overrides applied. */
export interface RecipeSettings extends RecipeTraining {
  readonly cell: CellKind;
  readonly hidden: number;
  readonly layers: number;
}

/** What a recipe run reports: its settings, history, test metrics and whether it reached its target. */
export interface RecipeResult {
  readonly recipe: string;
  readonly seed: string;
  readonly settings: RecipeSettings;
  readonly spec: ModelSpec;
  readonly history: readonly EpochRecord[];
  /** Loss, accuracy and exact match on fresh test data. */
  readonly test: Evaluation;
  readonly target: {
    readonly metric: string;
    readonly atLeast: number;
    readonly value: number;
    readonly description: string;
  };
  readonly reached: boolean;
  /** Seconds spent training in this process (a resumed run counts only its own part). */
  readonly seconds: number;
}

/** Where a resumed run picks up. */
export interface ResumePoint {
  readonly model: RecurrentModel;
  readonly optimizerState: OptimizerState;
  /** The last completed epoch. */
  readonly epoch: number;
  readonly history: readonly EpochRecord[];
}

/** Options of {@link trainRecipe}. */
export interface TrainRecipeOptions {
  /** The one seed behind data, initialisation, shuffling and dropout. Default `42`. */
  readonly seed?: string | number;
  readonly overrides?: RecipeOverrides;
  readonly onBatchEnd?: (progress: BatchProgress) => void;
  /** Called after every epoch with the model and optimizer, e.g. to save a checkpoint. */
  readonly onEpochEnd?: (
    record: EpochRecord,
    state: { model: RecurrentModel; optimizer: tf.Optimizer; history: readonly EpochRecord[] },
  ) => void | Promise<void>;
  /** Continue an interrupted run (same seed and overrides) instead of starting afresh. */
  readonly resume?: ResumePoint;
}

/** The recipe's settings with the overrides applied and checked. */
export function recipeSettings(recipe: Recipe, overrides: RecipeOverrides = {}): RecipeSettings {
  return {
    ...recipe.training,
    cell: overrides.cell ?? recipe.model.cell,
    hidden: overrides.hidden ?? recipe.model.hidden,
    layers: overrides.layers ?? recipe.model.layers,
    ...(overrides.epochs !== undefined ? { epochs: overrides.epochs } : {}),
    ...(overrides.batchSize !== undefined ? { batchSize: overrides.batchSize } : {}),
    ...(overrides.learningRate !== undefined ? { learningRate: overrides.learningRate } : {}),
    ...(overrides.clipNorm !== undefined ? { clipNorm: overrides.clipNorm } : {}),
  };
}

/** The recipe's training data and fresh test data, each from its own fork of the seed's `data` stream. */
export function recipeData(recipe: Recipe, seed: string | number): { train: Dataset; test: Dataset } {
  const data = createRng(seed).fork('data');
  const { name, options } = recipe.task;
  return { train: createTask(name, options, data.fork('train')), test: recipeTestData(recipe, data.fork('test')) };
}

function recipeTestData(recipe: Recipe, rng: Rng): Dataset {
  const { name, options } = recipe.task;
  return createTask(name, { ...options, ...recipe.target.test.options, n: recipe.target.test.n }, rng);
}

/** The target's metric and whether it is reached, from an evaluation. */
function measureTarget(recipe: Recipe, measured: Evaluation): RecipeResult['target'] & { reached: boolean } {
  const value = (recipe.target.metric === 'accuracy' ? measured.accuracy : measured.exactMatch) ?? Number.NaN;
  const { metric, atLeast, description } = recipe.target;
  return { metric, atLeast, value, description, reached: value >= atLeast };
}

/**
 * Re-evaluates a trained model of `recipe` on test data it has never seen: drawn from the stream
 * `data/eval-<round>` of its seed, apart from both the training and the original test data.
 */
export function evaluateRecipe(
  recipe: Recipe,
  model: RecurrentModel,
  seed: string | number,
  round = 1,
): { test: Evaluation; target: RecipeResult['target']; reached: boolean } {
  const test = evaluate(model, recipeTestData(recipe, createRng(seed).fork('data').fork(`eval-${round}`)));
  const { reached, ...target } = measureTarget(recipe, test);
  return { test, target, reached };
}

/**
 * Runs one recipe end to end from one seed: generates its data, builds its model, trains it and
 * measures its target on fresh data. Returns the result and the trained model (the caller disposes it).
 */
export async function trainRecipe(
  recipe: Recipe,
  options: TrainRecipeOptions = {},
): Promise<{ result: RecipeResult; model: RecurrentModel }> {
  const seed = String(options.seed ?? 42);
  const settings = recipeSettings(recipe, options.overrides);
  const { train, test } = recipeData(recipe, seed);
  const spec = recipe.buildSpec(train, settings);
  const rng = createRng(seed);
  const model = options.resume?.model ?? buildModel(spec, rng.fork('init'));
  const history: EpochRecord[] = [...(options.resume?.history ?? [])];
  const started = performance.now();
  try {
    await fit(model, train, {
      epochs: settings.epochs,
      batchSize: settings.batchSize,
      learningRate: settings.learningRate,
      optimizer: settings.optimizer,
      ...(settings.schedule !== undefined ? { schedule: settings.schedule } : {}),
      ...(settings.clipNorm !== undefined ? { clipNorm: settings.clipNorm } : {}),
      ...(settings.bucket !== undefined ? { bucket: settings.bucket } : {}),
      rng: rng.fork('train'),
      ...(options.resume
        ? {
            initialEpoch: options.resume.epoch + 1,
            optimizerState: options.resume.optimizerState,
            previousHistory: options.resume.history,
          }
        : {}),
      ...(options.onBatchEnd ? { onBatchEnd: options.onBatchEnd } : {}),
      onEpochEnd: async (record, optimizer) => {
        history.push(record);
        await options.onEpochEnd?.(record, { model, optimizer, history });
      },
    });
  } catch (err) {
    if (!options.resume) model.dispose();
    throw err;
  }
  const seconds = (performance.now() - started) / 1000;
  const measured = evaluate(model, test);
  const { reached, ...target } = measureTarget(recipe, measured);
  const result: RecipeResult = {
    recipe: recipe.name,
    seed,
    settings,
    spec,
    history,
    test: measured,
    target,
    reached,
    seconds,
  };
  return { result, model };
}
