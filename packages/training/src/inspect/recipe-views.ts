import * as tf from '@tensorflow/tfjs';
import {
  checkInteger,
  createRng,
  createTask,
  describeTask,
  formatExample,
  parseTaskInput,
  type Dataset,
} from '@rnn/datasets';
import {
  GeneratorModel,
  Seq2SeqModel,
  recordHiddenStates,
  type HiddenStateRecord,
  type RecurrentModel,
} from '@rnn/models';
import { closedLoopMse } from '../metrics/closed-loop-mse';
import { generateValues } from '../metrics/within-tolerance';
import { testDataOf } from '../recipes/measure-target';
import type { Recipe, RecipeOverrides } from '../recipes/recipe';
import { predictRecipe } from '../recipes/predict-recipe';
import { recipeSettings } from '../recipes/train-recipe';

/** One fresh example beside the model's answer, in the text forms `rnn data` and `rnn predict` print. */
export interface FreshExample {
  /** The input as `rnn data` prints it, which `rnn predict` (and `parseTaskInput`) reads back. */
  readonly input: string;
  readonly expected: string;
  /** The model's answer, or the reason it could not answer. */
  readonly predicted: string;
  /** Whether the answer equals the expected target exactly. */
  readonly correct: boolean;
}

/** One fresh wave: the true values and the ones the model generated on its own. */
export interface RecipeWave {
  /** The input as `rnn data` prints it (a generator's one-hot code, a sine's first values...). */
  readonly input: string;
  /** The true values, one per step. */
  readonly truth: readonly number[];
  /** The generated values, the first one at step `generatedFrom`. */
  readonly generated: readonly number[];
  /** The step of the first generated value: 0 for a generator, `prime - 1` for a closed loop. */
  readonly generatedFrom: number;
}

/**
 * The fresh examples of a page or report: drawn from the stream `data/examples-<round>` of the run's
 * seed, apart from the training data, the final test data and the `data/eval-<round>` rounds.
 */
function freshData(
  where: string,
  recipe: Recipe,
  seed: string | number,
  overrides: RecipeOverrides,
  count: number,
  round: number,
) {
  checkInteger(where, 'count', count, 1);
  checkInteger(where, 'round', round, 0);
  const { task } = recipeSettings(recipe, overrides);
  return testDataOf(recipe, task, count, createRng(seed).fork('data').fork(`examples-${round}`));
}

/** Example i's input and target as `formatExample` writes them (`input -> target`), apart. */
function exampleParts(data: Dataset, i: number): { input: string; expected: string } {
  const example = data.decode(i);
  const input = formatExample({ ...example, target: '' }).slice(0, -' -> '.length);
  return { input, expected: formatExample(example).slice(input.length + ' -> '.length) };
}

/**
 * Shows what a trained model of `recipe` answers on `count` fresh examples it has never seen (see
 * the stream above; a new `round` draws others), so a person sees right and wrong answers rather
 * than a rate. Each answer comes from `predictRecipe` reading the printed input, as `rnn predict`
 * would, and is right when it equals the printed target. Meant for discrete outputs (labels, bits,
 * digits, text); a task with fewer examples than `count` (sentences) gives them all.
 */
export async function freshRecipeExamples(
  recipe: Recipe,
  model: RecurrentModel,
  seed: string | number,
  overrides: RecipeOverrides = {},
  count = 8,
  round = 0,
): Promise<FreshExample[]> {
  const data = freshData('freshRecipeExamples', recipe, seed, overrides, count, round);
  const parts = Array.from({ length: Math.min(count, data.size) }, (_, i) => exampleParts(data, i));
  const answers = await predictRecipe(
    recipe,
    model,
    parts.map((p) => p.input),
    overrides,
  );
  return parts.map((p, i) => {
    const answer = answers[i];
    const predicted = 'error' in answer ? answer.error : answer.prediction;
    return { ...p, predicted, correct: !('error' in answer) && predicted === p.expected };
  });
}

/**
 * The closed-loop waves of a trained wave recipe on `count` fresh waves (same streams as
 * {@link freshRecipeExamples}), measured the way its target is: a generator (the oscillator) runs on
 * its own outputs from the one input vector; a next-step predictor (sine, `closedLoopMse`) reads
 * `test.prime` true steps and then its own outputs.
 *
 * @throws RangeError when the recipe's target is neither `mse` on a generator nor `closedLoopMse`.
 */
export function recipeWaves(
  recipe: Recipe,
  model: RecurrentModel,
  seed: string | number,
  overrides: RecipeOverrides = {},
  count = 2,
  round = 0,
): RecipeWave[] {
  const data = freshData('recipeWaves', recipe, seed, overrides, count, round);
  const n = Math.min(count, data.size);
  const [, steps] = data.targets.shape;
  const truths = data.targets.data;
  const truthOf = (i: number) => Array.from(truths.subarray(i * steps, (i + 1) * steps));
  const inputOf = (i: number) => exampleParts(data, i).input;
  let generated: Float32Array;
  let generatedSteps: number;
  let generatedFrom: number;
  if (recipe.target.metric === 'mse' && model instanceof GeneratorModel) {
    generated = generateValues(model, data.inputs.data as Float32Array, data.inputs.shape, steps);
    generatedSteps = steps;
    generatedFrom = 0;
  } else if (recipe.target.metric === 'closedLoopMse') {
    const prime = recipe.target.test.prime ?? 1;
    const result = closedLoopMse(model, data, prime);
    generated = result.generated;
    generatedSteps = result.generatedSteps;
    generatedFrom = prime - 1;
  } else {
    throw new RangeError(`recipeWaves: the ${recipe.name} recipe does not generate waves in closed loop`);
  }
  return Array.from({ length: n }, (_, i) => ({
    input: inputOf(i),
    truth: truthOf(i),
    generated: Array.from(generated.subarray(i * generatedSteps, (i + 1) * generatedSteps)),
    generatedFrom,
  }));
}

/**
 * The input of one fresh example of `recipe`, in the form `rnn predict` reads: what to look inside
 * a trained model with, drawn like {@link freshRecipeExamples}'s (the same first example of a round).
 */
export function freshRecipeInput(
  recipe: Recipe,
  seed: string | number,
  overrides: RecipeOverrides = {},
  round = 0,
): string {
  return exampleParts(freshData('freshRecipeInput', recipe, seed, overrides, 1, round), 0).input;
}

/**
 * What happens inside a trained model of `recipe` on one input a person wrote, in the form
 * `rnn predict` reads (see `parseTaskInput`): every layer's hidden state at every step, and the
 * gates of LSTM and GRU layers, from `recordHiddenStates` of `@rnn/models`. An encoder-decoder also
 * records its decoder, a generator the steps it generates. No tensor outlives the call.
 *
 * @throws RangeError with the task's own message when the input is not of the task's form.
 */
export function recordRecipeHiddenStates(
  recipe: Recipe,
  model: RecurrentModel,
  text: string,
  overrides: RecipeOverrides = {},
): HiddenStateRecord {
  const { name } = recipe.task;
  const options = recipeSettings(recipe, overrides).task;
  const sized = 'n' in describeTask(name).options ? { n: 1 } : {};
  const example = createTask(name, { ...options, ...sized }, createRng(0));
  const parsed = parseTaskInput(name, text, example.options);
  const { data, shape } = parsed.inputs;
  const x = tf.tensor(data, [...shape], data instanceof Int32Array ? 'int32' : 'float32');
  try {
    const decodes = model instanceof Seq2SeqModel || model instanceof GeneratorModel;
    return recordHiddenStates(model, x, {
      ...(model instanceof GeneratorModel ? {} : { length: parsed.lengths[0] }),
      ...(decodes ? { targetSteps: parsed.targetSteps } : {}),
    });
  } finally {
    x.dispose();
  }
}
