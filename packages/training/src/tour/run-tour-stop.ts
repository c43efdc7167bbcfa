import { createRng, splitCorpus, Vocabulary, type VocabularyJson } from '@rnn/datasets';
import { trainMarkov } from '@rnn/markov';
import { LanguageModel, type HiddenStateRecord, type RecurrentModel, type SequenceModel } from '@rnn/models';
import { createSampler, generate, type StepModel } from '@rnn/sampling';
import { recordLanguageModelHiddenStates } from '../inspect/language-model-hidden-states';
import { recipeInputSymbols } from '../inspect/recipe-input-symbols';
import { freshRecipeExamples, freshRecipeInput, recipeWaves, recordRecipeHiddenStates } from '../inspect/recipe-views';
import type { FreshExample, RecipeWave } from '../inspect/recipe-views';
import type { Completion } from '../metrics/greedy-completion';
import { languageModelHistoryCurves, recipeHistoryCurves, type HistoryCurveData } from '../inspect/history-curves';
import { trainLanguageModel } from '../language-model/train-language-model';
import { targetGoal } from '../recipes/measure-target';
import { predictRecipe, type RecipePrediction } from '../recipes/predict-recipe';
import type { Recipe } from '../recipes/recipe';
import { findAnyRecipe, isLanguageModelRecipe } from '../recipes/registry';
import { recipeSettings, trainRecipe } from '../recipes/train-recipe';
import type { TourStop } from './tour-stops';

/** A sample of generated text with the bits per character of the model that wrote it. */
export interface TourSample {
  readonly model: string;
  readonly prime: string;
  readonly text: string;
  readonly bitsPerChar: number;
}

/** A tour stop, trained and measured, with everything its pictures need. */
export interface TourStopResult {
  readonly stop: TourStop;
  readonly source: string;
  readonly target: {
    readonly description: string;
    readonly goal: string;
    readonly metric: string;
    readonly value: number;
  };
  readonly reached: boolean;
  /** Seconds of training. */
  readonly seconds: number;
  readonly history: HistoryCurveData;
  readonly examples?: readonly FreshExample[];
  readonly waves?: readonly RecipeWave[];
  readonly parity?: readonly RecipePrediction[];
  /** The hidden states of one input, with what each step read (`labels`) where the steps read an input. */
  readonly hiddenStates?: {
    readonly input: string;
    readonly states: HiddenStateRecord & { readonly labels?: readonly string[] };
  };
  readonly samples?: readonly TourSample[];
}

/** How a tour stop reports progress: the fraction of its training done, and its last loss. */
export interface TourProgress {
  readonly fraction: number;
  readonly loss: number;
}

/** Options of {@link runTourStop}. */
export interface RunTourStopOptions {
  /** The one seed of every stop. Default `42`. */
  readonly seed?: string | number;
  /** The corpus of a language model stop (read it with `loadCorpus`). */
  readonly text?: string;
  readonly onProgress?: (progress: TourProgress) => void;
}

/** Fresh examples or waves shown per stop: enough to see right and wrong at a glance. */
const shownExamples = 8;
const shownWaves = 2;
/** Characters of each language model sample. */
const sampleLength = 400;
/** Parity strings shown with their per-step probabilities. */
const parityInputs = ['0110100111010', '1011001110001011'];

/** The sentences recipe's completions as examples: prime in, the sentence expected, the completion. */
const completionExamples = (completions: readonly Completion[]): FreshExample[] =>
  completions.map((c) => ({
    input: c.prime,
    expected: c.expected,
    predicted: c.generated,
    correct: c.generated === c.expected,
  }));

type TaskPictures = Pick<TourStopResult, 'examples' | 'waves' | 'parity'>;

/**
 * The picture of a trained model that fits its task: the sentences' completions, parity
 * probabilities on two strings, waves in closed loop, or fresh examples with marks where outputs are
 * symbols; nothing more for real-valued outputs judged by a tolerance (counting).
 */
async function taskPictures(stop: TourStop, recipe: Recipe, model: RecurrentModel, seed: string, details: unknown) {
  const overrides = stop.overrides ?? {};
  const { metric } = recipe.target;
  if (recipe.task.name === 'sentences') {
    const completions = (details as { completions?: Completion[] } | undefined)?.completions ?? [];
    return { examples: completionExamples(completions) } satisfies TaskPictures;
  }
  if (recipe.task.name === 'parity') {
    return { parity: await predictRecipe(recipe, model, parityInputs, overrides) } satisfies TaskPictures;
  }
  if (metric === 'closedLoopMse' || (metric === 'mse' && recipe.task.name === 'waves')) {
    return { waves: recipeWaves(recipe, model, seed, overrides, shownWaves) } satisfies TaskPictures;
  }
  if (metric === 'mse' || metric === 'withinTolerance') return {} satisfies TaskPictures;
  return { examples: await freshRecipeExamples(recipe, model, seed, overrides, shownExamples) } satisfies TaskPictures;
}

/** The input to look inside the trained model with: a prime, a parity string shown above, or a fresh example. */
function insideInput(stop: TourStop, recipe: Recipe, seed: string): string {
  if (recipe.task.name === 'sentences') return 'good';
  if (recipe.task.name === 'parity') return parityInputs[0];
  return freshRecipeInput(recipe, seed, stop.overrides ?? {});
}

async function runRecipeStop(stop: TourStop, recipe: Recipe, seed: string, options: RunTourStopOptions) {
  const { epochs } = recipeSettings(recipe, stop.overrides);
  const { result, model } = await trainRecipe(recipe, {
    seed,
    ...(stop.overrides ? { overrides: stop.overrides } : {}),
    onBatchEnd: (p) =>
      options.onProgress?.({ fraction: ((p.epoch - 1) * p.batches + p.batch) / (epochs * p.batches), loss: p.loss }),
  });
  try {
    const { target } = result;
    const pictures = await taskPictures(stop, recipe, model, seed, target.details);
    const input = insideInput(stop, recipe, seed);
    const recorded = recordRecipeHiddenStates(recipe, model, input, stop.overrides ?? {});
    // What each step read, under its column: bits, digits, characters (a generator's steps read its own outputs).
    const labels = recipeInputSymbols(recipe, model, input, stop.overrides ?? {});
    const states = labels ? { ...recorded, labels } : recorded;
    const stopResult: TourStopResult = {
      stop,
      source: recipe.source,
      target: { description: target.description, goal: targetGoal(target), metric: target.metric, value: target.value },
      reached: result.reached,
      seconds: result.seconds,
      history: recipeHistoryCurves(target, result.history),
      ...pictures,
      hiddenStates: { input, states },
    };
    return stopResult;
  } finally {
    model.dispose();
  }
}

/** Generates one seeded sample of `model`, primed with a newline where it knows one. */
async function sampleOf(model: StepModel<unknown>, vocabulary: Vocabulary, seed: string, name: string) {
  const prime = vocabulary.has('\n') ? '\n' : (vocabulary.symbols[0] ?? '');
  const { text } = await generate(model, {
    prime,
    length: sampleLength,
    sampler: createSampler({ temperature: 0.8 }),
    rng: createRng(seed).fork('sample').fork(name),
  });
  return { prime, text };
}

/** Characters of held-out text the character model's hidden states are shown on. */
const insideLength = 64;

/** Every unit of a character model over the first characters of the validation text. */
function languageModelInside(model: SequenceModel, vocabulary: Vocabulary, text: string) {
  const input = Array.from(splitCorpus(text).validation).slice(0, insideLength).join('');
  return { input, states: recordLanguageModelHiddenStates(model, vocabulary, input) };
}

async function runLanguageModelStop(stop: TourStop, seed: string, options: RunTourStopOptions) {
  const recipe = findAnyRecipe(stop.recipe);
  if (!isLanguageModelRecipe(recipe)) throw new RangeError(`${stop.recipe} is not a language model recipe`);
  if (options.text === undefined) throw new RangeError(`the ${recipe.name} stop needs its corpus text`);
  const { result, model } = await trainLanguageModel(recipe, {
    text: options.text,
    seed,
    ...(stop.languageModelOverrides ? { overrides: stop.languageModelOverrides } : {}),
    onStep: (p) => options.onProgress?.({ fraction: p.step / p.steps, loss: p.loss }),
  });
  try {
    const vocabulary = Vocabulary.fromJSON(result.vocabulary as VocabularyJson);
    const rnnName = `${result.settings.cell.toUpperCase()} ${result.settings.layers}x${result.settings.hidden}`;
    const samples: TourSample[] = [
      {
        model: rnnName,
        ...(await sampleOf(new LanguageModel(model, vocabulary), vocabulary, seed, 'rnn')),
        bitsPerChar: result.validationBitsPerChar,
      },
    ];
    const { markov } = result;
    if (markov) {
      const markovModel = trainMarkov(splitCorpus(options.text).train, { order: markov.order });
      samples.push({
        model: `Markov order ${markov.order} (Kneser-Ney)`,
        ...(await sampleOf(markovModel, vocabulary, seed, 'markov')),
        bitsPerChar: markov.validationBitsPerChar,
      });
    }
    const stopResult: TourStopResult = {
      stop,
      source: recipe.source,
      target: {
        description: result.target.description,
        goal: result.target.atMost !== undefined ? `<= ${result.target.atMost}` : 'below the Markov baseline',
        metric: 'validation bits per character',
        value: result.validationBitsPerChar,
      },
      reached: result.reached,
      seconds: result.seconds,
      history: languageModelHistoryCurves(result.history, markov),
      samples,
      hiddenStates: languageModelInside(model, vocabulary, options.text),
    };
    return stopResult;
  } finally {
    model.dispose();
  }
}

/**
 * Runs one exercise of the tour in its quick form from one seed: trains it, measures its target
 * on fresh data, and gathers what its pictures show (fresh examples with marks, waves in closed
 * loop, parity probabilities, the hidden states of one fresh input, or samples of the character
 * model and of the best Markov order). Every model it trains is disposed before it returns.
 */
export async function runTourStop(stop: TourStop, options: RunTourStopOptions = {}): Promise<TourStopResult> {
  const seed = String(options.seed ?? 42);
  const recipe = findAnyRecipe(stop.recipe);
  if (isLanguageModelRecipe(recipe)) return runLanguageModelStop(stop, seed, options);
  if (stop.languageModelOverrides)
    throw new RangeError(`${stop.recipe} is a task recipe: give overrides, not languageModelOverrides`);
  return runRecipeStop(stop, recipe, seed, options);
}

/** The corpus a tour's language model stops read, by name (every stop of a tour reads one). */
export function tourCorpusName(stops: readonly TourStop[]): string | undefined {
  for (const stop of stops) {
    const recipe = findAnyRecipe(stop.recipe);
    if (isLanguageModelRecipe(recipe)) return recipe.corpus;
  }
  return undefined;
}
