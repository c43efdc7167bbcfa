import { createRng, createTask, describeTask, parseTaskInput, type TaskInput, type Vocabulary } from '@rnn/datasets';
import { GeneratorModel, type RecurrentModel } from '@rnn/models';
import type { Recipe, RecipeOverrides } from '../recipes/recipe';
import { recipeSettings } from '../recipes/train-recipe';

/** A real value as a short label: whole numbers as they are, others to 3 significant digits. */
function shortNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(3)));
}

/** The symbol of every real step of a parsed input: ids by the task's vocabulary, features by the task's form. */
function stepSymbols(task: string, parsed: TaskInput, vocabulary: Vocabulary | undefined): string[] | undefined {
  const { data, shape } = parsed.inputs;
  const steps = parsed.lengths[0];
  if (data instanceof Int32Array) {
    const ids = Array.from(data.subarray(0, steps));
    return ids.map((id) => (vocabulary ? vocabulary.symbolOf(id) : String(id)));
  }
  const features = shape[2] ?? 1;
  const step = (t: number) => Array.from(data.subarray(t * features, (t + 1) * features));
  const each = (label: (values: number[]) => string) => Array.from({ length: steps }, (_, t) => label(step(t)));
  // The forms `rnn data` writes these inputs in, one step at a time (see parseTaskInput).
  if (task === 'operands') return each(([digit, add]) => `${add === 1 ? '+' : '-'}${digit}`);
  if (task === 'increasing') return each(([a, b]) => `(${a}, ${b})`);
  if (features === 1) return each(([value]) => shortNumber(value));
  return undefined;
}

/**
 * What a model of `recipe` reads at each step of one input a person wrote (in the form `rnn
 * predict` reads): a character, a bit, a digit, a signed operand, a pair, a value, and the stop
 * symbol where the task ends its inputs with one. These are the labels of the time axis of the
 * hidden states `recordRecipeHiddenStates` records on the same input, one per step of its
 * `layers`, so a person sees which symbol a column is; the steps of a generator read its own
 * outputs, not the input, and have none (`undefined`).
 *
 * @throws RangeError with the task's own message when the input is not of the task's form.
 * @example
 * recipeInputSymbols(findRecipe('parity'), model, '0110'); // ['0', '1', '1', '0']
 * recipeInputSymbols(findRecipe('copy'), model, 'abc'); // ['a', 'b', 'c', '<stop>']
 */
export function recipeInputSymbols(
  recipe: Recipe,
  model: RecurrentModel,
  text: string,
  overrides: RecipeOverrides = {},
): string[] | undefined {
  const { name } = recipe.task;
  const options = recipeSettings(recipe, overrides).task;
  const sized = 'n' in describeTask(name).options ? { n: 1 } : {};
  const example = createTask(name, { ...options, ...sized }, createRng(0));
  const parsed = parseTaskInput(name, text, example.options);
  if (model instanceof GeneratorModel) return undefined;
  return stepSymbols(name, parsed, example.vocabulary);
}
