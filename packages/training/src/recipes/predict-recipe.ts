import * as tf from '@tensorflow/tfjs';
import {
  createRng,
  createTask,
  describeTask,
  formatTaskTarget,
  parseTaskInput,
  type Dataset,
  type TaskInput,
} from '@rnn/datasets';
import { GeneratorModel, LanguageModel, Seq2SeqModel, SequenceModel, type RecurrentModel } from '@rnn/models';
import { createSampler, generate } from '@rnn/sampling';
import type { Recipe, RecipeOverrides } from './recipe';
import { recipeSettings } from './train-recipe';

/** A model's answer to one input, in the text form of the task's targets. */
export interface RecipeAnswer {
  /** The input as given. */
  readonly input: string;
  /** The answer as `rnn data` prints a target, e.g. `11002`, `0110`, `87 88 89 90 91`. */
  readonly prediction: string;
  /**
   * The raw numbers behind it where the model outputs real values or probabilities: the generated
   * or next-step values, or the sigmoid probability of the label or of each bit. Absent where the
   * model writes symbols (encoder-decoders, sentence completion).
   */
  readonly values?: readonly number[];
}

/** An input that is not of the task's form: the parse error's message instead of an answer. */
export interface RecipeInputError {
  readonly input: string;
  /** What is wrong and the form expected, e.g. `"12a+4" is not an addition input; expected ...`. */
  readonly error: string;
}

/** What {@link predictRecipe} returns for one input. */
export type RecipePrediction = RecipeAnswer | RecipeInputError;

/** Inputs run through the model at once: one forward per group keeps memory bounded on long inputs lists. */
const groupSize = 256;

/** What the model's outputs are, read from the task's targets and the output width (as the trainer's loss does). */
type OutputKind = 'values' | 'binary' | 'classes';

function outputKind(example: Dataset, model: RecurrentModel): OutputKind {
  if (example.targets.data instanceof Float32Array) return 'values';
  return model.spec.outputSize === 1 ? 'binary' : 'classes';
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** One example of the run's task: its options with every default filled in, and its vocabulary. */
function taskExample(recipe: Recipe, overrides: RecipeOverrides): Dataset {
  const { name } = recipe.task;
  const options = recipeSettings(recipe, overrides).task;
  const sized = 'n' in describeTask(name).options ? { n: 1 } : {};
  return createTask(name, { ...options, ...sized }, createRng(0));
}

/** Parsed inputs padded into one batch after their real steps with zeros, as the generators pad. */
function batchOf(rows: readonly TaskInput[]): { x: tf.Tensor; lengths: tf.Tensor1D } {
  const steps = Math.max(...rows.map((r) => r.inputs.shape[1]));
  const rest = rows[0].inputs.shape.slice(2);
  const width = rest.reduce((a, b) => a * b, 1);
  const integer = rows[0].inputs.data instanceof Int32Array;
  const data = integer ? new Int32Array(rows.length * steps * width) : new Float32Array(rows.length * steps * width);
  rows.forEach((r, i) => data.set(r.inputs.data, i * steps * width));
  const lengths = Int32Array.from(rows, (r) => r.lengths[0]);
  return {
    x: tf.tensor(data, [rows.length, steps, ...rest], integer ? 'int32' : 'float32'),
    lengths: tf.tensor1d(lengths, 'int32'),
  };
}

/** The per-step outputs of row i, `[steps, width]` row-major, for its first `count` steps. */
function rowSteps(values: Float32Array | Int32Array, i: number, steps: number, width: number, count: number) {
  return values.subarray(i * steps * width, (i * steps + count) * width);
}

function argmaxes(values: ArrayLike<number>, width: number): number[] {
  const out: number[] = [];
  for (let at = 0; at < values.length; at += width) {
    let best = 0;
    for (let k = 1; k < width; k++) if (values[at + k] > values[at + best]) best = k;
    out.push(best);
  }
  return out;
}

function softmax(logits: ArrayLike<number>): number[] {
  const top = Math.max(...Array.from(logits));
  const e = Array.from(logits, (z) => Math.exp(z - top));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** The answers of a classifier, tagger, encoder-decoder or generator to one group, one forward for all. */
function answerGroup(
  model: RecurrentModel,
  kind: OutputKind,
  rows: readonly TaskInput[],
): { target: number | number[]; values?: number[] }[] {
  const targetSteps = Math.max(...rows.map((r) => r.targetSteps));
  const { outputs, shape } = tf.tidy(() => {
    const { x, lengths } = batchOf(rows);
    let result: tf.Tensor;
    if (model instanceof Seq2SeqModel) result = model.greedyDecode(x, lengths, { targetSteps });
    else if (model instanceof GeneratorModel) result = model.forward(x, undefined, { targetSteps }).logits;
    else result = model.forward(x, lengths).logits;
    return { outputs: result.dataSync() as Float32Array | Int32Array, shape: result.shape };
  });
  const steps = shape[1] ?? 1;
  if (model instanceof Seq2SeqModel) {
    // Ids [batch, steps]: each row up to its own budget; the task's formatting cuts it at the stop.
    return rows.map((r, i) => ({ target: Array.from(rowSteps(outputs, i, steps, 1, r.targetSteps)) }));
  }
  const width = shape[shape.length - 1];
  if (shape.length === 2) {
    // One label per sequence.
    return rows.map((_, i) => {
      const logits = Array.from(outputs.subarray(i * width, (i + 1) * width));
      if (kind === 'binary') return { target: logits[0] > 0 ? 1 : 0, values: [sigmoid(logits[0])] };
      if (kind === 'values') return { target: logits, values: logits };
      return { target: argmaxes(logits, width)[0], values: softmax(logits) };
    });
  }
  return rows.map((r, i) => {
    const outs = Array.from(rowSteps(outputs, i, steps, width, r.targetSteps));
    if (kind === 'binary') return { target: outs.map((z) => (z > 0 ? 1 : 0)), values: outs.map(sigmoid) };
    if (kind === 'values') return { target: outs, values: outs };
    return { target: argmaxes(outs, width) };
  });
}

/** The greedy completion of one prime: the prime's ids and the ones written after it, up to the width. */
async function complete(lm: LanguageModel, input: TaskInput): Promise<number[]> {
  const primeIds = Array.from(input.inputs.data);
  const prime = lm.vocabulary.decode(primeIds);
  const { tokens } = await generate(lm, {
    prime,
    length: input.targetSteps,
    sampler: createSampler({ temperature: 0 }),
  });
  return [...primeIds, ...tokens];
}

/**
 * Runs a trained model of `recipe` on inputs a person wrote, each in the text form `rnn data` prints
 * as an example's input (see `parseTaskInput` of `@rnn/datasets`), and answers in the form it prints
 * targets in: the greedy decoding of an encoder-decoder, a label or the bits of a binary output
 * (1 where the logit is > 0), a generator's values, a next-step predictor's values, or a character
 * model's greedy completion of a prime up to the width of its sentences. `overrides` are the run's
 * (`manifest.run.overrides` of its checkpoint): they fix the task options, so the inputs are encoded
 * as the training data was. Inputs are run in groups, one forward pass per group; a character model
 * completes one prime after another. A malformed input does not stop the others: its entry carries
 * the error message instead of an answer. Every tensor made is freed.
 *
 * @throws RangeError when the model is not of the recipe's architecture.
 *
 * @example
 * const { model, manifest } = await loadCheckpoint('runs/sum');
 * await predictRecipe(findRecipe('addition-lstm'), model, ['8704+2298'], manifest.run.overrides);
 * // [{ input: '8704+2298', prediction: '11002' }]
 */
export async function predictRecipe(
  recipe: Recipe,
  model: RecurrentModel,
  inputs: readonly string[],
  overrides: RecipeOverrides = {},
): Promise<RecipePrediction[]> {
  if (!Array.isArray(inputs) || inputs.some((t) => typeof t !== 'string')) {
    throw new RangeError('predictRecipe: inputs must be a list of strings');
  }
  const example = taskExample(recipe, overrides);
  const task = recipe.task.name;
  const architecture = model.spec.architecture;
  if (architecture !== example.typology) {
    throw new RangeError(
      `predictRecipe: the ${recipe.name} recipe's task needs a ${example.typology} model, got ${architecture}`,
    );
  }
  const parsed = inputs.map((text): TaskInput | RecipeInputError => {
    try {
      return parseTaskInput(task, text, example.options);
    } catch (err) {
      if (err instanceof RangeError) return { input: text, error: err.message };
      throw err;
    }
  });
  const good = parsed.flatMap((p, i) => ('error' in p ? [] : [{ index: i, input: p }]));
  const answers = new Map<number, { target: number | number[]; values?: number[] }>();
  if (architecture === 'lm') {
    if (!(model instanceof SequenceModel) || !example.vocabulary) {
      throw new RangeError(`predictRecipe: the ${recipe.name} recipe needs a character model with a vocabulary`);
    }
    const lm = new LanguageModel(model, example.vocabulary);
    for (const { index, input } of good) answers.set(index, { target: await complete(lm, input) });
  } else {
    const kind = outputKind(example, model);
    for (let start = 0; start < good.length; start += groupSize) {
      const group = good.slice(start, start + groupSize);
      answerGroup(
        model,
        kind,
        group.map((g) => g.input),
      ).forEach((answer, k) => answers.set(group[k].index, answer));
    }
  }
  return parsed.map((p, i) => {
    if ('error' in p) return p;
    const { target, values } = answers.get(i) as { target: number | number[]; values?: number[] };
    const prediction = formatTaskTarget(task, target, example.options);
    return { input: inputs[i], prediction, ...(values ? { values } : {}) };
  });
}
