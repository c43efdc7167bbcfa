import type * as tf from '@tensorflow/tfjs';
import { checkInteger, createRng, createTask, type Dataset } from '@rnn/datasets';
import { buildModel, type ModelSpec, type RecurrentModel } from '@rnn/models';
import type { Evaluation } from '../fit/evaluate';
import { fit, type BatchProgress, type EpochRecord, type OptimizerState } from '../fit/fit';
import { measureTarget, type MeasuredTarget } from './measure-target';
import type { Recipe, RecipeModel, RecipeOverrides, RecipeTraining } from './recipe';

/** The settings a run used: the recipe's, with the overrides applied. */
export interface RecipeSettings extends RecipeTraining, RecipeModel {
  /** The options of the training data's task, with every override applied. */
  readonly task: Readonly<Record<string, unknown>>;
  /** Fresh test examples (per length where the target measures every length). */
  readonly testSize: number;
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
  readonly target: MeasuredTarget;
  readonly reached: boolean;
  /** The recipe's findings beside its target (see {@link Recipe.report}). */
  readonly report?: Readonly<Record<string, unknown>>;
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
  /**
   * Measure the target's metric after epochs, on at most {@link monitorSize} fresh examples, into
   * each measured epoch's record as `metric` (at most about {@link monitorPoints} measurements a
   * run, and always after the last epoch). The fresh data is its own stream, so training is the
   * same with or without it. Default true.
   */
  readonly monitor?: boolean;
}

/**
 * Fresh examples the monitored metric is measured on: the stream `data/eval-0` of the run's seed,
 * apart from the training data, the final test data and `rnn eval`'s rounds (1 onwards).
 */
const monitorRound = 0;
/** At most this many examples (per length, where a target measures every length) per measurement. */
export const monitorSize = 100;
/** At most about this many measurements per run, so a long run spends its time training. */
export const monitorPoints = 50;

/** Whether the metric is measured after `epoch` of `epochs`: evenly spaced, and always after the last. */
export function monitoredEpoch(epoch: number, epochs: number): boolean {
  return epoch === epochs || epoch % Math.ceil(epochs / monitorPoints) === 0;
}

/** The recipe's settings with the overrides applied. */
export function recipeSettings(recipe: Recipe, overrides: RecipeOverrides = {}): RecipeSettings {
  const { task, testSize, ...rest } = overrides;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  // A model choice the recipe's architecture has no use for would be ignored without a word.
  if (rest.decoderInput !== undefined && recipe.model.decoderInput === undefined) {
    throw new RangeError(`decoder input applies to the encoder-decoder recipes; ${recipe.name} has no decoder`);
  }
  if (rest.inject !== undefined && recipe.model.inject === undefined) {
    throw new RangeError(`inject applies to the one-to-many recipes; ${recipe.name} is not one`);
  }
  if (testSize !== undefined) checkInteger('recipeSettings', 'test size', testSize, 1);
  return {
    ...recipe.training,
    ...recipe.model,
    ...defined,
    task: { ...recipe.task.options, ...task },
    testSize: testSize ?? recipe.target.test.n,
  } as RecipeSettings;
}

/** The recipe's training data and fresh test data, each from its own fork of the seed's `data` stream. */
export function recipeData(
  recipe: Recipe,
  seed: string | number,
  overrides: RecipeOverrides = {},
): { train: Dataset; settings: RecipeSettings } {
  const settings = recipeSettings(recipe, overrides);
  const data = createRng(seed).fork('data');
  return { train: createTask(recipe.task.name, settings.task, data.fork('train')), settings };
}

/**
 * Re-evaluates a trained model of `recipe` on test data it has never seen: drawn from the stream
 * `data/eval-<round>` of its seed, apart from both the training and the original test data.
 */
export async function evaluateRecipe(
  recipe: Recipe,
  model: RecurrentModel,
  seed: string | number,
  overrides: RecipeOverrides = {},
  round = 1,
): Promise<{ test: Evaluation; target: MeasuredTarget; reached: boolean }> {
  const settings = recipeSettings(recipe, overrides);
  const rng = createRng(seed).fork('data').fork(`eval-${round}`);
  return measureTarget(recipe, model, settings.task, rng, settings.testSize);
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
  const { train, settings } = recipeData(recipe, seed, options.overrides);
  const spec = recipe.buildSpec(train, settings);
  const rng = createRng(seed);
  const model = options.resume?.model ?? buildModel(spec, rng.fork('init'));
  const history: EpochRecord[] = [...(options.resume?.history ?? [])];
  const started = performance.now();
  // Seconds spent measuring the monitored metric: not training, so not in the result's seconds.
  let monitoring = 0;
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
      onEpochEnd: async (fitted, optimizer) => {
        let record = fitted;
        if (options.monitor !== false && monitoredEpoch(fitted.epoch, settings.epochs)) {
          const measuring = performance.now();
          const overrides = { ...options.overrides, testSize: Math.min(monitorSize, settings.testSize) };
          const { target } = await evaluateRecipe(recipe, model, seed, overrides, monitorRound);
          if (Number.isFinite(target.value)) record = { ...fitted, metric: target.value };
          monitoring += performance.now() - measuring;
        }
        history.push(record);
        await options.onEpochEnd?.(record, { model, optimizer, history });
      },
    });
  } catch (err) {
    if (!options.resume) model.dispose();
    throw err;
  }
  const seconds = (performance.now() - started - monitoring) / 1000;
  const testRng = createRng(seed).fork('data').fork('test');
  const { test, target, reached } = await measureTarget(recipe, model, settings.task, testRng, settings.testSize);
  const report = recipe.report?.(model);
  const result: RecipeResult = {
    recipe: recipe.name,
    seed,
    settings,
    spec,
    history,
    test,
    target,
    reached,
    ...(report ? { report } : {}),
    seconds,
  };
  return { result, model };
}
