import { createRng, createTask, type Dataset } from '@rnn/datasets';
import { createScratchElman, type ScratchElman, type ScratchElmanSpec } from '@rnn/models';
import type { EpochRecord } from '../fit/fit';
import { targetReached, testDataOf, type MeasuredTarget } from '../recipes/measure-target';
import type { Recipe, RecipeOverrides } from '../recipes/recipe';
import { recipeSettings, type RecipeResult } from '../recipes/train-recipe';
import { toleranceOf } from '../metrics/within-tolerance';
import { fitScratch, predictScratch } from './fit-scratch';

/** Options of {@link trainRecipeFromScratch}. */
export interface TrainFromScratchOptions {
  /** The one seed behind data, initialisation and shuffling. Default `42`. */
  readonly seed?: string | number;
  readonly overrides?: RecipeOverrides;
  /** Called after every epoch. */
  readonly onEpochEnd?: (record: EpochRecord) => void;
}

/** The scratch model a recipe's settings describe: its Elman layer and a sigmoid or linear output. */
function scratchSpecOf(recipe: Recipe, data: Dataset, settings: ReturnType<typeof recipeSettings>): ScratchElmanSpec {
  if (settings.cell !== 'elman' && settings.cell !== 'simple') {
    throw new RangeError(
      `the from-scratch engine is an Elman RNN: the cell must be elman or simple, got ${settings.cell}`,
    );
  }
  if (settings.layers !== 1)
    throw new RangeError(`the from-scratch engine has one layer, got layers ${settings.layers}`);
  const spec = recipe.buildSpec(data, settings);
  const activation = 'rnn' in spec && spec.rnn.activation === 'linear' ? 'linear' : 'tanh';
  const classifier = data.typology === 'classifier' && data.classes === 2;
  if (classifier || data.typology === 'generator') {
    const inputSize = data.inputs.shape[2] ?? 1;
    return { inputSize, units: settings.hidden, outputSize: 1, activation, output: classifier ? 'sigmoid' : 'linear' };
  }
  throw new RangeError(
    `the from-scratch engine trains two-class classifiers and one-to-many generators; ${recipe.name} is a ${data.typology}`,
  );
}

/** The test loss of a scratch model's predictions: cross-entropy of probabilities, or squared error. */
function testLoss(predicted: Float64Array, test: Dataset): number {
  const targets = test.targets.data;
  let sum = 0;
  if (test.typology === 'classifier') {
    const eps = 1e-7;
    predicted.forEach((p, i) => (sum -= Math.log(Math.min(1 - eps, Math.max(eps, targets[i] ? p : 1 - p)))));
  } else {
    predicted.forEach((v, i) => (sum += (v - targets[i]) ** 2));
  }
  return sum / predicted.length;
}

/** The recipe's target measured on a scratch model's predictions, and the plain test loss. */
function measureScratch(recipe: Recipe, model: ScratchElman, test: Dataset): { target: MeasuredTarget; loss: number } {
  const { metric, atLeast, atMost, description } = recipe.target;
  const predicted = predictScratch(model, test).data;
  let value: number;
  if (metric === 'accuracy') {
    let right = 0;
    predicted.forEach((p, i) => (right += Number((p > 0.5 ? 1 : 0) === test.targets.data[i])));
    value = right / test.size;
  } else if (metric === 'withinTolerance') {
    const tolerance = recipe.target.test.tolerance ?? 0.5;
    value = toleranceOf(predicted, test.targets.data, test.size, test.targets.shape[1], tolerance).fraction;
  } else {
    throw new RangeError(`the from-scratch engine measures accuracy and withinTolerance targets, not ${metric}`);
  }
  const target: MeasuredTarget = {
    metric,
    ...(atLeast !== undefined ? { atLeast } : {}),
    ...(atMost !== undefined ? { atMost } : {}),
    value,
    description,
  };
  return { target, loss: testLoss(predicted, test) };
}

/**
 * Runs a recipe on the plain-TypeScript Elman RNN instead of tfjs (`rnn train <recipe> --engine
 * scratch`): the same data from the same seed streams, the same epochs, batch size and learning-rate
 * schedule, Adam in plain loops, and the same target measured on the same fresh test data. For the
 * recipes whose model is one Elman layer: `increasing` and `counting`.
 */
export function trainRecipeFromScratch(recipe: Recipe, options: TrainFromScratchOptions = {}): RecipeResult {
  const seed = String(options.seed ?? 42);
  const settings = recipeSettings(recipe, options.overrides);
  if (settings.optimizer !== 'adam') {
    throw new RangeError(`the from-scratch engine trains with adam, got optimizer ${settings.optimizer}`);
  }
  const data = createRng(seed).fork('data');
  const train = createTask(recipe.task.name, settings.task, data.fork('train'));
  const spec = scratchSpecOf(recipe, train, settings);
  const rng = createRng(seed);
  const model = createScratchElman(spec, rng.fork('init'));
  const history: EpochRecord[] = [];
  const started = performance.now();
  fitScratch(model, train, {
    epochs: settings.epochs,
    batchSize: settings.batchSize,
    learningRate: settings.learningRate,
    ...(settings.schedule ? { schedule: settings.schedule } : {}),
    ...(settings.clipNorm !== undefined ? { clipNorm: settings.clipNorm } : {}),
    rng: rng.fork('train'),
    onEpochEnd: (record) => {
      const full: EpochRecord = { ...record, tokensPerSecond: 0 };
      history.push(full);
      options.onEpochEnd?.(full);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const test = testDataOf(recipe, settings.task, settings.testSize, data.fork('test').fork('set'));
  const { target, loss } = measureScratch(recipe, model, test);
  return {
    recipe: recipe.name,
    seed,
    settings,
    spec: { engine: 'scratch', ...spec } as unknown as RecipeResult['spec'],
    history,
    test: { loss, ...(recipe.target.metric === 'accuracy' ? { accuracy: target.value } : {}) },
    target,
    reached: targetReached(target),
    seconds,
  };
}
