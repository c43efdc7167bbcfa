import type * as tf from '@tensorflow/tfjs';
import { checkInteger, createRng, splitCorpus, splitCorpusIds, Vocabulary, type VocabularyJson } from '@rnn/datasets';
import { markovBaseline, type MarkovBaseline } from '@rnn/markov';
import { buildModel, SequenceModel, type SequenceModelSpec } from '@rnn/models';
import type { OptimizerState } from '../fit/fit';
import { validateSchedule } from '../fit/learning-rate-schedule';
import { corpusBitsPerChar } from './corpus-bits-per-char';
import {
  fitLanguageModel,
  stepsPerEpoch,
  type LanguageModelCheckpointState,
  type LanguageModelEpochRecord,
  type LanguageModelStepProgress,
} from './fit-language-model';
import {
  languageModelSchemes,
  type LanguageModelOverrides,
  type LanguageModelRecipe,
  type LanguageModelSettings,
} from './language-model-recipe';

/** What a language model run reports. */
export interface LanguageModelResult {
  readonly recipe: string;
  readonly seed: string;
  /** The corpus by name (or path), its size and the sizes of its three parts, in characters. */
  readonly corpus: {
    readonly name: string;
    readonly characters: number;
    readonly train: number;
    readonly validation: number;
    readonly test: number;
  };
  readonly settings: LanguageModelSettings;
  readonly spec: SequenceModelSpec;
  /** The characters the model reads and writes (id 0 is padding). */
  readonly vocabulary: VocabularyJson;
  readonly history: readonly LanguageModelEpochRecord[];
  /** Steps done in all, and how many the schedule planned. */
  readonly steps: number;
  readonly plannedSteps: number;
  readonly stoppedBy: 'epochs' | 'minutes' | 'signal';
  readonly validationBitsPerChar: number;
  readonly testBitsPerChar: number;
  /** The best Kneser-Ney order on the same split; absent when not measured. */
  readonly markov?: MarkovBaseline;
  readonly target: {
    readonly metric: 'validationBitsPerChar';
    readonly value: number;
    readonly atMost?: number;
    readonly beatMarkov: boolean;
    readonly description: string;
  };
  readonly reached: boolean;
  /** Seconds spent training in this process. */
  readonly seconds: number;
}

/** Where a resumed language model run picks up (from a checkpoint). */
export interface LanguageModelResumePoint {
  readonly model: SequenceModel;
  readonly optimizerState: OptimizerState;
  readonly step: number;
  readonly carried?: readonly tf.Tensor[];
  readonly history: readonly LanguageModelEpochRecord[];
}

/** Options of {@link trainLanguageModel}. */
export interface TrainLanguageModelOptions {
  /** The corpus text (read it with `loadCorpus`). */
  readonly text: string;
  /** What to call the corpus in the result: its name or path. Default the recipe's corpus. */
  readonly corpusName?: string;
  /** The one seed of initialisation, window draws and dropout. Default `42`. */
  readonly seed?: string | number;
  readonly overrides?: LanguageModelOverrides;
  /** Measure the Markov baseline on the same split. Default true. */
  readonly baseline?: boolean;
  /**
   * The baseline, when the caller measured it already (`markovBaseline(splitCorpus(text),
   * recipe.markovOrders)`, to show it before training starts): used as is, not measured again.
   */
  readonly markov?: MarkovBaseline;
  readonly signal?: { readonly aborted: boolean };
  /**
   * Called after every step, with the model being trained and its vocabulary (to try the model of a
   * paused run). A returned promise holds the next step back until it settles.
   */
  readonly onStep?: (
    progress: LanguageModelStepProgress & { readonly model: SequenceModel; readonly vocabulary: VocabularyJson },
  ) => void | Promise<void>;
  /** Called at every epoch's end and at a stop, with the model: save a checkpoint here. */
  readonly onCheckpoint?: (
    state: LanguageModelCheckpointState & { readonly model: SequenceModel; readonly vocabulary: VocabularyJson },
  ) => void | Promise<void>;
  readonly resume?: LanguageModelResumePoint;
}

/** The recipe's settings with the overrides applied, checked. */
export function languageModelSettings(
  recipe: LanguageModelRecipe,
  overrides: LanguageModelOverrides = {},
): LanguageModelSettings {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const settings = { ...recipe.model, ...recipe.training, ...defined } as LanguageModelSettings;
  if (!languageModelSchemes.includes(settings.scheme)) {
    throw new RangeError(
      `scheme must be one of ${languageModelSchemes.join(', ')}, got ${JSON.stringify(settings.scheme)}`,
    );
  }
  for (const [name, value] of [
    ['epochs', settings.epochs],
    ['batch size', settings.batchSize],
    ['length', settings.length],
    ['embedding', settings.embedding],
  ] as const) {
    checkInteger('languageModelSettings', name, value, 1);
  }
  if (!(settings.dropout >= 0 && settings.dropout < 1)) {
    throw new RangeError(`dropout must be a number in [0, 1), got ${settings.dropout}`);
  }
  if (settings.minutes !== undefined && !(settings.minutes > 0)) {
    throw new RangeError(`minutes must be a number > 0, got ${settings.minutes}`);
  }
  if (settings.schedule) validateSchedule(settings.schedule, settings.epochs);
  return settings;
}

/** The model spec of a language model recipe over a vocabulary of `vocabSize` ids. */
export function languageModelSpec(settings: LanguageModelSettings, vocabSize: number): SequenceModelSpec {
  return {
    architecture: 'lm',
    input: { type: 'embedding', vocabSize, dim: settings.embedding },
    rnn: { kind: settings.cell, units: settings.hidden, layers: settings.layers, dropout: settings.dropout },
    outputSize: vocabSize,
  };
}

/**
 * Runs a character language model recipe end to end: encodes the corpus, cuts it into the shared
 * train / validation / test parts, trains (or resumes) the model, scores validation and test in bits
 * per character and measures the Markov baseline on the very same parts. Returns the result and the
 * trained model (the caller disposes it).
 */
export async function trainLanguageModel(
  recipe: LanguageModelRecipe,
  options: TrainLanguageModelOptions,
): Promise<{ result: LanguageModelResult; model: SequenceModel }> {
  const seed = String(options.seed ?? 42);
  const settings = languageModelSettings(recipe, options.overrides);
  const text = options.text;
  const vocabulary = Vocabulary.fromText(text, { reserved: '<pad>' });
  const vocabularyJson = vocabulary.toJSON();
  const ids = vocabulary.encode(text);
  const parts = splitCorpusIds(ids);
  const spec = languageModelSpec(settings, vocabulary.size);
  const rng = createRng(seed);
  const model = options.resume?.model ?? buildModel(spec, rng.fork('init'));
  if (!(model instanceof SequenceModel) || model.spec.architecture !== 'lm') {
    throw new RangeError('trainLanguageModel needs an lm model to resume');
  }
  const { onStep } = options;
  let fitted;
  try {
    fitted = await fitLanguageModel(model, parts.train, {
      scheme: settings.scheme,
      epochs: settings.epochs,
      batchSize: settings.batchSize,
      length: settings.length,
      learningRate: settings.learningRate,
      optimizer: settings.optimizer,
      ...(settings.schedule ? { schedule: settings.schedule } : {}),
      ...(settings.clipNorm !== undefined ? { clipNorm: settings.clipNorm } : {}),
      ...(settings.minutes !== undefined ? { minutes: settings.minutes } : {}),
      rng: rng.fork('train'),
      validation: parts.validation,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(onStep ? { onStep: (progress) => onStep({ ...progress, model, vocabulary: vocabularyJson }) } : {}),
      ...(options.resume
        ? {
            start: {
              step: options.resume.step,
              optimizerState: options.resume.optimizerState,
              ...(options.resume.carried ? { carried: options.resume.carried } : {}),
              history: options.resume.history,
            },
          }
        : {}),
      onCheckpoint: (state) => options.onCheckpoint?.({ ...state, model, vocabulary: vocabularyJson }),
    });
  } catch (err) {
    if (!options.resume) model.dispose();
    throw err;
  }
  const last = fitted.history[fitted.history.length - 1];
  const validationBitsPerChar = last?.validationBitsPerChar ?? corpusBitsPerChar(model, parts.validation).bitsPerChar;
  const testBitsPerChar = corpusBitsPerChar(model, parts.test).bitsPerChar;
  const markov =
    options.baseline === false ? undefined : (options.markov ?? markovBaseline(splitCorpus(text), recipe.markovOrders));
  const reached =
    (recipe.target.atMost === undefined || validationBitsPerChar <= recipe.target.atMost) &&
    (!recipe.target.beatMarkov || markov === undefined || validationBitsPerChar < markov.validationBitsPerChar);
  const result: LanguageModelResult = {
    recipe: recipe.name,
    seed,
    corpus: {
      name: options.corpusName ?? recipe.corpus,
      characters: ids.length,
      train: parts.train.length,
      validation: parts.validation.length,
      test: parts.test.length,
    },
    settings,
    spec,
    vocabulary: vocabularyJson,
    history: fitted.history,
    steps: fitted.steps,
    plannedSteps: stepsPerEpoch(parts.train, settings.batchSize, settings.length) * settings.epochs,
    stoppedBy: fitted.stoppedBy,
    validationBitsPerChar,
    testBitsPerChar,
    ...(markov ? { markov } : {}),
    target: {
      metric: 'validationBitsPerChar',
      value: validationBitsPerChar,
      ...(recipe.target.atMost !== undefined ? { atMost: recipe.target.atMost } : {}),
      beatMarkov: recipe.target.beatMarkov,
      description: recipe.target.description,
    },
    reached,
    seconds: fitted.seconds,
  };
  return { result, model };
}
