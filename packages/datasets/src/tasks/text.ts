import type { Dataset } from '../dataset';
import type { Rng } from '../rng';
import type { Int32Tensor } from '../tensor';
import { defaultValidationFraction, splitIdsTrainValidation } from '../text/split-train-validation';
import { TextWindows } from '../text/text-windows';
import { checkRng, checkTaskSize, show } from '../validate';
import { Vocabulary } from '../vocabulary';
import { nextCharacterDataset } from './next-character-dataset';
import { resolveOptions, type OptionSpecs } from './option-spec';

/** Options of {@link textTask} and {@link prepareText}. */
export interface TextOptions {
  /** Windows to sample (with replacement) for the data set. Default 1000. */
  readonly n?: number;
  /** Characters per window. Default 100. */
  readonly length?: number;
  /** Characters between window starts. Default 1. */
  readonly stride?: number;
  /** The fraction at the end of the text held out for validation, in [0, 1). Default 0.1. */
  readonly validationFraction?: number;
  /** Which part to sample windows from. Default `train`. */
  readonly split?: 'train' | 'validation';
}

/** The declared options of {@link textTask}, with defaults and ranges. */
export const textOptionSpecs: OptionSpecs = {
  n: { type: 'integer', default: 1000, min: 1, description: 'windows to sample (with replacement)' },
  length: { type: 'integer', default: 100, min: 1, description: 'characters per window' },
  stride: { type: 'integer', default: 1, min: 1, description: 'characters between window starts' },
  validationFraction: {
    type: 'number',
    default: defaultValidationFraction,
    min: 0,
    max: 1,
    maxExclusive: true,
    description: 'fraction at the end of the text held out for validation',
  },
  split: { type: 'choice', default: 'train', choices: ['train', 'validation'], description: 'part to sample from' },
};

/** A text ready for a character language model: its vocabulary and the windows of each split. */
export interface PreparedText {
  /** Sorted distinct characters of the whole text, ids 1..; id 0 is padding/unknown. */
  readonly vocabulary: Vocabulary;
  /** The whole text's ids; both splits' windows are views into it. */
  readonly ids: Int32Array;
  /** Windows over the training part (the text before the validation part). */
  readonly train: TextWindows;
  /** Windows over the validation part (the last `validationFraction` of the text). */
  readonly validation: TextWindows;
}

/**
 * Encodes a text once and cuts it into contiguous train/validation parts with next-character windows
 * over each (source 001's character LSTM data). Nothing is copied: windows are views.
 */
export function prepareText(text: string, options: Omit<TextOptions, 'n' | 'split'> = {}): PreparedText {
  const where = 'text';
  const o = resolveOptions<Required<TextOptions>>(where, textOptionSpecs, options);
  if (typeof text !== 'string' || text.length === 0) {
    throw new RangeError(`${where}: text must be a non-empty string, got ${show(text)}`);
  }
  const vocabulary = Vocabulary.fromText(text, { reserved: '<pad>' });
  const ids = vocabulary.encode(text);
  const parts = splitIdsTrainValidation(ids, { validationFraction: o.validationFraction });
  const windowOptions = { length: o.length, stride: o.stride };
  return {
    vocabulary,
    ids,
    train: new TextWindows(parts.train, windowOptions),
    validation: new TextWindows(parts.validation, windowOptions),
  };
}

/**
 * Character windows of a text as a data set (a language model's data): `n` windows sampled
 * uniformly with replacement from one split, inputs `[n, length]` ids and targets the same windows
 * shifted by one character. For whole epochs over every window, use {@link prepareText} and the
 * windows' `shuffled` and `batch` instead: they never copy the text.
 */
export function textTask(text: string, options: TextOptions, rng: Rng): Dataset {
  const where = 'text';
  const o = resolveOptions<Required<TextOptions>>(where, textOptionSpecs, options);
  checkRng(where, rng);
  checkTaskSize(where, 'n × length', o.n * o.length);
  const prepared = prepareText(text, { length: o.length, stride: o.stride, validationFraction: o.validationFraction });
  const windows = prepared[o.split];
  if (windows.count === 0) {
    throw new RangeError(
      `${where}: the ${o.split} part has ${windows.ids.length} characters, fewer than length + 1 = ${o.length + 1}; ` +
        'use a longer text, a shorter length or another validationFraction',
    );
  }
  const { n } = o;
  const picked = windows.sample(n, rng);
  const batch = windows.batch(picked);
  const { vocabulary } = prepared;
  const { lengths, mask } = batch;
  // The data set keeps its own copy of the sampled windows: a fixed tensor for training.
  const inputs = batch.inputs as Int32Tensor;
  const targets = batch.targets as Int32Tensor;
  return nextCharacterDataset({ task: where, options: o, inputs, targets, lengths, mask, vocabulary });
}
